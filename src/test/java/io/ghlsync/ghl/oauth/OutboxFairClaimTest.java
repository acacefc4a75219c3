package io.ghlsync.ghl.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.ghlsync.support.TestService;
import io.ghlsync.outbox.OutboxRepository;
import io.ghlsync.outbox.SyncEvent;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The outbox claim itself (sync off, so only the test claims): round-robin across locations, caps respected. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutboxFairClaimTest {

    private TestService service;
    private OutboxRepository outbox;

    @BeforeAll
    void start() {
        service = TestService.builder().property("sync.enabled", false).start();
        outbox = service.bean("outboxRepository", OutboxRepository.class);
    }

    @AfterAll
    void stop() {
        service.close();
    }

    @Test
    void aBacklogOfOneLocationDoesNotCrowdOutTheOthers() {
        var jdbc = service.jdbc();
        for (int i = 0; i < 10; i++) {
            OAuthFixtures.queuedCreate(jdbc, "busy");
        }
        OAuthFixtures.queuedCreate(jdbc, "quiet-1");
        OAuthFixtures.queuedCreate(jdbc, "quiet-1");
        OAuthFixtures.queuedCreate(jdbc, "quiet-2");

        List<SyncEvent> first = outbox.claim(5, 60_000, "test", 5, Set.of());
        assertThat(first).extracting(SyncEvent::locationId)
                .as("oldest of every location first, in that order")
                .containsExactly("busy", "quiet-1", "quiet-2", "busy", "quiet-1");

        List<SyncEvent> capped = outbox.claim(20, 60_000, "test", 2, Set.of("quiet-2"));
        assertThat(capped).extracting(SyncEvent::locationId).containsExactly("busy", "busy");

        List<SyncEvent> full = outbox.claim(20, 60_000, "test", 5, Set.of("busy"));
        assertThat(full).isEmpty();
        jdbc.update("update sync_outbox set status = 'DONE' where status in ('PENDING', 'PROCESSING')", Map.of());
    }
}
