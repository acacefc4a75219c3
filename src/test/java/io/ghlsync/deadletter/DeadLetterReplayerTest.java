package io.ghlsync.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.ghlsync.support.TestService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Replay bookkeeping, called directly (the scheduled route is off): backoff, parking, concurrent claims. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeadLetterReplayerTest {

    private TestService service;
    private DeadLetterRows rows;
    private DeadLetterRepository repository;
    private DeadLetterReplayer replayer;

    @BeforeAll
    void start() {
        service = TestService.builder()
                .property("sync.enabled", "false") // replayed events stay queued: no pipeline run in these tests
                .property("deadletter.replay.enabled", "false")
                .property("sync.retry-delay-ms", "60000")
                .property("deadletter.replay.max-replays", "2")
                .property("deadletter.replay.batch-size", "5")
                .start();
        rows = new DeadLetterRows(service.jdbc());
        repository = service.bean("deadLetterRepository", DeadLetterRepository.class);
        replayer = service.bean("deadLetterReplayer", DeadLetterReplayer.class);
    }

    @AfterAll
    void stop() {
        service.close();
    }

    private double secondsUntilNextReplay(long id) {
        return service.jdbc().queryForObject(
                "select extract(epoch from next_replay_at - now()) from dead_letter where id = :id",
                Map.of("id", id), Double.class);
    }

    private void makeDue(long id) {
        service.jdbc().update("update dead_letter set next_replay_at = now() - interval '1 second' where id = :id",
                Map.of("id", id));
    }

    /** What the sync pipeline does when the replayed event fails again. */
    private long failAgain(UUID appt, UUID event) {
        service.jdbc().update("update sync_outbox set status = 'DEAD' where event_id = :e", Map.of("e", event));
        return repository.record(event, appt, "update", JsonNodeFactory.instance.objectNode(), "GHL answered 502",
                "ServerError", 502, true, 4);
    }

    @Test
    void aRepeatedFailureReopensTheEntryWithDoubledDelayAndParksItAfterTheLimit() {
        UUID appt = rows.appointment();
        UUID event = rows.event(appt, "confirm", "DEAD", Duration.ofMinutes(1));
        long id = repository.record(event, appt, "confirm", JsonNodeFactory.instance.objectNode().put("k", 1),
                "GHL answered 502", "ServerError", 502, true, 4);
        assertThat(rows.deadLetterStatus(id)).isEqualTo("OPEN");
        assertThat(secondsUntilNextReplay(id)).isBetween(55.0, 60.5); // base delay

        makeDue(id);
        replayer.replayDue();
        assertThat(rows.deadLetterStatus(id)).isEqualTo("REPLAYED");
        assertThat(failAgain(appt, event)).isEqualTo(id);
        assertThat(rows.deadLetterStatus(id)).isEqualTo("OPEN");
        assertThat(secondsUntilNextReplay(id)).isBetween(115.0, 120.5); // base x 2
        assertThat(rows.deadLetterRow(id).get("attempts")).isEqualTo(8);

        makeDue(id);
        replayer.replayDue();
        assertThat(failAgain(appt, event)).isEqualTo(id);
        assertThat(rows.deadLetterStatus(id)).isEqualTo("PARKED"); // 2 replays = max-replays
        assertThat(rows.deadLetterRow(id).get("next_replay_at")).isNull();

        makeDue(id);
        assertThat(replayer.replayDue().total()).isZero(); // parked entries wait for a person
        assertThat(replayer.replayOne(id)).contains(DeadLetterReplayer.Outcome.REPLAYED);
    }

    @Test
    void nonRetryableFailuresGetNoReplayTime() {
        UUID appt = rows.appointment();
        UUID event = rows.event(appt, "create", "DEAD", Duration.ofMinutes(1));
        long id = repository.record(event, appt, "create", null, "GHL answered 422", "Validation", 422, false, 1);
        assertThat(rows.deadLetterRow(id).get("next_replay_at")).isNull();
        assertThat(rows.deadLetterRow(id).get("retryable")).isEqualTo(false);
    }

    @Test
    void anEntryWhoseEventIsNotDeadIsRescheduledWithBackoff() {
        UUID appt = rows.appointment();
        UUID event = rows.event(appt, "update", "DONE", Duration.ofMinutes(1)); // someone fixed it meanwhile
        long id = rows.deadLetter(appt, event, "update", "ServerError", true, "OPEN", Duration.ofSeconds(-1),
                Duration.ofMinutes(1));

        DeadLetterReplayer.Summary s = replayer.replayMatching(
                new DeadLetterFilter(appt, null, null, null, null, 10));

        assertThat(s.rescheduled()).isEqualTo(1);
        assertThat(rows.deadLetterStatus(id)).isEqualTo("OPEN");
        assertThat(rows.deadLetterRow(id).get("replay_count")).isEqualTo(1);
        assertThat(secondsUntilNextReplay(id)).isBetween(115.0, 120.5);
    }

    @Test
    void concurrentReplayRunsNeverTakeTheSameEntryTwice() throws Exception {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ids.add(rows.openDeadLetter(rows.appointment(), "Concurrent"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Callable<Integer> worker = () -> {
                go.await();
                int replayed = 0;
                for (DeadLetterReplayer.Summary s = replayer.replayDue(); s.total() > 0; s = replayer.replayDue()) {
                    replayed += s.replayed();
                }
                return replayed;
            };
            results.add(pool.submit(worker));
        }
        go.countDown();
        int total = 0;
        for (Future<Integer> f : results) {
            total += f.get();
        }
        pool.shutdown();

        assertThat(total).isEqualTo(ids.size());
        for (long id : ids) {
            assertThat(rows.deadLetterStatus(id)).isEqualTo("REPLAYED");
            assertThat(rows.deadLetterRow(id).get("replay_count")).isEqualTo(1);
        }
    }
}
