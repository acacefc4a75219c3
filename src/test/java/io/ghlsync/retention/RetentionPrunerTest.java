package io.ghlsync.retention;

import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import io.ghlsync.outbox.IdempotencyKeyRepository;
import io.ghlsync.outbox.StepJournalRepository;
import io.ghlsync.outbox.OutboxRepository;
import io.ghlsync.webhook.WebhookInboxRepository;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.ghlsync.support.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetentionPrunerTest {

    private HikariDataSource dataSource;
    private NamedParameterJdbcTemplate jdbc;

    @BeforeAll
    void start() {
        dataSource = TestDatabase.newMigratedDataSource(2);
        jdbc = new NamedParameterJdbcTemplate(dataSource);
    }

    @AfterAll
    void stop() {
        dataSource.close();
    }

    @BeforeEach
    void empty() {
        jdbc.getJdbcTemplate().execute("truncate webhook_inbox, sync_outbox, sync_step_journal, "
                + "camel_messageprocessed, appointments, customers cascade");
    }

    private RetentionPruner pruner(int days, int batchSize) {
        return new RetentionPruner(new WebhookInboxRepository(dataSource, jdbc), new OutboxRepository(jdbc),
                new StepJournalRepository(jdbc), new IdempotencyKeyRepository(dataSource, jdbc),
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)), Duration.ofDays(days),
                batchSize, 100, Clock.systemUTC());
    }

    private void webhook(String id, String status, int daysAgo) {
        jdbc.update("insert into webhook_inbox (webhook_id, type, raw_body, signature, status, received_at, "
                + "processed_at) values (:id, 'ContactCreate', '{}', 'ed25519', :status, :at, "
                + "case when :status in ('PENDING', 'PROCESSING') then null else cast(:at as timestamptz) end)",
                new MapSqlParameterSource("id", id).addValue("status", status)
                        .addValue("at", OffsetDateTime.now(ZoneOffset.UTC).minusDays(daysAgo)));
    }

    private UUID appointment() {
        UUID customer = jdbc.queryForObject("insert into customers (name) values ('K') returning id", Map.of(),
                UUID.class);
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).plusDays(1).withNano(0);
        return jdbc.queryForObject("insert into appointments (customer_id, service_type, start_time, end_time)"
                + " values (:c, 'maintenance', :s, :e) returning id",
                Map.of("c", customer, "s", start, "e", start.plusHours(1)), UUID.class);
    }

    /** A finished (or open) outbox event with a journal step and its idempotency key, completed daysAgo. */
    private UUID event(UUID appointment, String status, int daysAgo) {
        String key = "key:" + UUID.randomUUID();
        OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC).minusDays(daysAgo);
        UUID event = jdbc.queryForObject("insert into sync_outbox (appointment_id, action, event_timestamp, "
                + "idempotency_key, status, created_at, completed_at) values (:a, 'update', :at, :key, :status, :at, "
                + "case when :status in ('PENDING', 'PROCESSING') then null else cast(:at as timestamptz) end) "
                + "returning event_id", new MapSqlParameterSource("a", appointment).addValue("at", at)
                .addValue("key", key).addValue("status", status), UUID.class);
        jdbc.update("insert into sync_step_journal (event_id, step) values (:e, 'note')", Map.of("e", event));
        jdbc.update("insert into camel_messageprocessed (processorName, messageId, createdAt) "
                + "values ('sync-event', :key, now())", Map.of("key", key));
        return event;
    }

    private List<String> webhookIds() {
        return jdbc.queryForList("select webhook_id from webhook_inbox order by webhook_id", Map.of(), String.class);
    }

    private long count(String table) {
        return jdbc.queryForObject("select count(*) from " + table, Map.of(), Long.class);
    }

    @Test
    void handledWebhooksOlderThanTheRetentionGoAndOpenDeadOrRecentOnesStay() {
        webhook("old-done", "DONE", 40);
        webhook("old-ignored", "IGNORED", 40);
        webhook("old-dead", "DEAD", 40);
        webhook("old-pending", "PENDING", 40);
        webhook("recent-done", "DONE", 5);

        RetentionPruner.Result result = pruner(30, 5000).prune();

        assertThat(result.webhooks()).isEqualTo(2);
        assertThat(webhookIds()).containsExactly("old-dead", "old-pending", "recent-done");
    }

    @Test
    void finishedEventsGoWithTheirJournalAndIdempotencyKeysButNotWhileTheirAppointmentHasADeadEvent() {
        UUID calm = appointment();
        UUID oldDone = event(calm, "DONE", 40);
        UUID oldDuplicate = event(calm, "DUPLICATE", 40);
        UUID recent = event(calm, "DONE", 2);
        UUID open = event(calm, "PENDING", 40);
        UUID troubled = appointment();
        UUID keptForReplayCheck = event(troubled, "DONE", 40);
        UUID dead = event(troubled, "DEAD", 45);

        RetentionPruner.Result result = pruner(30, 5000).prune();

        assertThat(result.outboxEvents()).isEqualTo(2);
        assertThat(jdbc.queryForList("select event_id from sync_outbox", Map.of(), UUID.class))
                .containsExactlyInAnyOrder(recent, open, keptForReplayCheck, dead)
                .doesNotContain(oldDone, oldDuplicate);
        assertThat(count("sync_step_journal")).isEqualTo(4);
        assertThat(count("camel_messageprocessed")).isEqualTo(4);
        assertThat(jdbc.queryForObject("select count(*) from sync_step_journal j where not exists "
                + "(select 1 from sync_outbox o where o.event_id = j.event_id)", Map.of(), Long.class)).isZero();
    }

    @Test
    void aBacklogIsDeletedInSeveralBatchesWithinOneRun() {
        for (int i = 0; i < 25; i++) {
            webhook("w" + i, "DONE", 31);
        }
        assertThat(pruner(30, 10).prune().webhooks()).isEqualTo(25);
        assertThat(count("webhook_inbox")).isZero();
    }

    @Test
    void zeroDaysKeepsEverything() {
        webhook("ancient", "DONE", 4000);
        event(appointment(), "DONE", 4000);

        assertThat(pruner(0, 5000).prune()).isEqualTo(new RetentionPruner.Result(0, 0));
        assertThat(count("webhook_inbox")).isEqualTo(1);
        assertThat(count("sync_outbox")).isEqualTo(1);
    }
}
