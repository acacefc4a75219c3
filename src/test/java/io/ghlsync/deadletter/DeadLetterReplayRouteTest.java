package io.ghlsync.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ghlsync.support.TestService;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The scheduled replay route, running every 200 ms. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeadLetterReplayRouteTest {

    private TestService service;
    private DeadLetterRows rows;

    @BeforeAll
    void start() {
        service = TestService.builder()
                .property("sync.enabled", "false") // replayed events stay queued: no pipeline run in these tests
                .property("sync.retry-delay-ms", "200")
                .property("deadletter.replay.initial-delay-ms", "0")
                .start();
        rows = new DeadLetterRows(service.jdbc());
    }

    @AfterAll
    void stop() {
        service.close();
    }

    @Test
    void dueRetryableEntriesAreReplayedButNotNonRetryableOrNotYetDueOnes() {
        UUID appt = rows.appointment();
        UUID dueEvent = rows.event(appt, "update", "DEAD", Duration.ofMinutes(5));
        long due = rows.deadLetter(appt, dueEvent, "update", "ServerError", true, "OPEN", Duration.ofSeconds(-5),
                Duration.ofMinutes(5));
        UUID permanentEvent = rows.event(appt, "update", "DEAD", Duration.ofMinutes(5));
        long permanent = rows.deadLetter(appt, permanentEvent, "update", "Validation", false, "OPEN",
                Duration.ofSeconds(-5), Duration.ofMinutes(5));
        UUID laterEvent = rows.event(appt, "update", "DEAD", Duration.ofMinutes(5));
        long later = rows.deadLetter(appt, laterEvent, "update", "ServerError", true, "OPEN", Duration.ofHours(1),
                Duration.ofMinutes(5));
        UUID nullEvent = rows.event(appt, "update", "DEAD", Duration.ofMinutes(5));
        long unscheduled = rows.deadLetter(appt, nullEvent, "update", "ServerError", true, "OPEN", null,
                Duration.ofMinutes(5));

        await().atMost(Duration.ofSeconds(15)).until(() -> "REPLAYED".equals(rows.deadLetterStatus(due))
                && "REPLAYED".equals(rows.deadLetterStatus(unscheduled)));
        assertThat(rows.outboxStatus(dueEvent)).isNotEqualTo("DEAD");

        // several more runs of the route, and still untouched
        long runs = exchangesOfReplayRoute();
        await().atMost(Duration.ofSeconds(15)).until(() -> exchangesOfReplayRoute() >= runs + 3);
        assertThat(rows.deadLetterStatus(permanent)).isEqualTo("OPEN");
        assertThat(rows.outboxStatus(permanentEvent)).isEqualTo("DEAD");
        assertThat(rows.deadLetterStatus(later)).isEqualTo("OPEN");
        assertThat(rows.outboxStatus(laterEvent)).isEqualTo("DEAD");
    }

    @Test
    void anEntryWhoseAppointmentMovedOnIsDiscardedAsSuperseded() {
        UUID appt = rows.appointment();
        long stale = rows.openDeadLetter(appt, "ServerError");
        UUID staleEvent = rows.eventOf(stale);
        rows.event(appt, "complete", "DONE", Duration.ofMinutes(2));

        await().atMost(Duration.ofSeconds(15)).until(() -> "DISCARDED".equals(rows.deadLetterStatus(stale)));
        assertThat(rows.deadLetterRow(stale).get("discard_reason")).isEqualTo("superseded");
        assertThat(rows.outboxStatus(staleEvent)).isEqualTo("DEAD");
    }

    private long exchangesOfReplayRoute() {
        return service.context().getCamelContextExtension()
                .getContextPlugin(org.apache.camel.api.management.ManagedCamelContext.class)
                .getManagedRoute("dead-letter-replay")
                .getExchangesTotal();
    }
}
