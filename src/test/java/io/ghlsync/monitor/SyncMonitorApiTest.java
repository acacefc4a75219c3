package io.ghlsync.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ghlsync.config.Json;
import io.ghlsync.deadletter.DeadLetterRows;
import io.ghlsync.support.TestService;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SyncMonitorApiTest {

    private static final String SECRET = "monitor-test-secret-that-is-at-least-32-bytes";

    private TestService service;
    private DeadLetterRows rows;
    private String[] auth;

    @BeforeAll
    void start() {
        service = TestService.builder()
                .property("sync.enabled", "false") // replayed events stay queued: no pipeline run in these tests
                .property("auth.jwt-secret", SECRET)
                .property("deadletter.replay.enabled", "false")
                .start();
        rows = new DeadLetterRows(service.jdbc());
        auth = TestService.bearer(SECRET);
    }

    @AfterAll
    void stop() {
        service.close();
    }

    private JsonNode get(String path) throws Exception {
        return service.getJson(path, auth);
    }

    /** 3 done, 1 duplicate, 1 dead (with an open dead letter) for one appointment. */
    private UUID appointmentWithHistory() {
        UUID appt = rows.appointment();
        for (int i = 0; i < 3; i++) {
            rows.event(appt, "update", "DONE", Duration.ofMinutes(30 - i));
        }
        rows.event(appt, "update", "DUPLICATE", Duration.ofMinutes(20));
        rows.openDeadLetter(appt, "ServerError");
        return appt;
    }

    @Test
    void statusHasTheOriginalShapeComputedFromTheDatabase() throws Exception {
        UUID appt = appointmentWithHistory();

        JsonNode body = get("/gohighlevel-sync-monitor?action=status&appointmentId=" + appt);

        assertThat(body.get("success").asBoolean()).isTrue();
        assertThat(body.get("action").asText()).isEqualTo("status");
        JsonNode data = body.get("data");
        assertThat(data.get("totalSyncs").asLong()).isEqualTo(5);
        assertThat(data.get("successful").asLong()).isEqualTo(4);
        assertThat(data.get("failed").asLong()).isEqualTo(1);
        assertThat(data.get("successRate").asDouble()).isEqualTo(80.0);
        assertThat(data.get("deadLetterQueueSize").asLong()).isEqualTo(1);
        JsonNode failure = data.get("recentFailures").get(0);
        assertThat(failure.get("appointmentId").asText()).isEqualTo(appt.toString());
        assertThat(failure.get("error").asText()).isEqualTo("GHL answered 503");
        assertThat(failure.get("attempts").asInt()).isEqualTo(4);
        assertThat(Instant.parse(failure.get("lastAttempt").asText())).isBefore(Instant.now());
        JsonNode health = data.get("systemHealth");
        assertThat(health.get("status").asText()).isEqualTo("degraded");
        assertThat(health.get("issues").get(0).asText()).isEqualTo("Low success rate: 80%");
        assertThat(health.get("checks").get("environment").asBoolean()).isTrue();
        assertThat(health.get("checks").get("syncPerformance").asBoolean()).isFalse();
        assertThat(health.get("checks").get("deadLetterQueue").asBoolean()).isTrue();
        assertThat(health.get("checks").get("recentFailures").asBoolean()).isTrue();
        assertThat(data.get("recommendations").toString()).contains("success rate below 90%");
    }

    @Test
    void netlifyPathAnswersTheSameAndActionDefaultsToStatus() throws Exception {
        UUID appt = appointmentWithHistory();

        JsonNode body = get("/.netlify/functions/gohighlevel-sync-monitor?appointmentId=" + appt);

        assertThat(body.get("action").asText()).isEqualTo("status");
        assertThat(body.get("data").get("totalSyncs").asLong()).isEqualTo(5);
    }

    @Test
    void healthActionReturnsTheSystemHealth() throws Exception {
        UUID appt = rows.appointment();
        rows.event(appt, "create", "DONE", Duration.ofMinutes(1));

        JsonNode data = get("/gohighlevel-sync-monitor?action=health&appointmentId=" + appt).get("data");

        assertThat(data.get("status").asText()).isEqualTo("healthy");
        assertThat(data.get("issues")).isEmpty();
        assertThat(data.get("checks").size()).isEqualTo(4);
    }

    @Test
    void retryReplaysTheAppointmentsFailedSyncsAndSaysHowMany() throws Exception {
        UUID appt = rows.appointment();
        long a = rows.openDeadLetter(appt, "Timeout");
        long b = rows.openDeadLetter(appt, "Timeout");
        long elsewhere = rows.openDeadLetter(rows.appointment(), "Timeout");

        JsonNode data = get("/gohighlevel-sync-monitor?action=retry&appointmentId=" + appt).get("data");

        assertThat(data.get("retried").asInt()).isEqualTo(2);
        assertThat(rows.deadLetterStatus(a)).isEqualTo("REPLAYED");
        assertThat(rows.deadLetterStatus(b)).isEqualTo("REPLAYED");
        assertThat(rows.outboxStatus(rows.eventOf(a))).isNotEqualTo("DEAD");
        assertThat(rows.deadLetterStatus(elsewhere)).isEqualTo("OPEN");
    }

    @Test
    void unknownActionOrBadAppointmentIdIsA400Json() throws Exception {
        HttpResponse<String> r = service.get("/gohighlevel-sync-monitor?action=explode", auth);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(Json.MAPPER.readTree(r.body()).get("details").get(0).get("field").asText())
                .isEqualTo("query.action");
        assertThat(service.get("/gohighlevel-sync-monitor?appointmentId=42", auth).statusCode()).isEqualTo(400);
    }

    @Test
    void monitorUsesTheBookingApiAuthentication() {
        assertThat(service.get("/gohighlevel-sync-monitor?action=status").statusCode()).isEqualTo(401);
        assertThat(service.get("/.netlify/functions/gohighlevel-sync-monitor", "Authorization", "Bearer x")
                .statusCode()).isEqualTo(401);
    }
}
