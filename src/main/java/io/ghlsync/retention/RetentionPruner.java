package io.ghlsync.retention;

import io.ghlsync.config.SqlFiles;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Deletes finished history older than the retention period, so the tables that grow with every booking change and
 * every webhook stay bounded: handled webhooks, and finished outbox events with their step journal and idempotency
 * keys. Never touches what is still open or failed (DEAD rows, dead letters) nor business data (bookings, leads).
 * Works in small batches, each its own statement and commit, so no long lock holds up the intake or the pipeline.
 */
public class RetentionPruner {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionPruner.class);
    private static final String WEBHOOK_INBOX = SqlFiles.load("retention/webhook-inbox.sql");
    private static final String SYNC_OUTBOX = SqlFiles.load("retention/sync-outbox.sql");

    /** Rows deleted by one run. */
    public record Result(long webhooks, long outboxEvents) {}

    private final NamedParameterJdbcTemplate jdbc;
    private final Duration retention;
    private final int batchSize;
    private final int maxBatchesPerRun;
    private final Clock clock;

    /**
     * @param retention        age beyond which finished rows go; zero or negative keeps everything
     * @param batchSize        rows per delete statement
     * @param maxBatchesPerRun bound of one run per table; the next run continues
     */
    public RetentionPruner(NamedParameterJdbcTemplate jdbc, Duration retention, int batchSize, int maxBatchesPerRun,
            Clock clock) {
        this.jdbc = jdbc;
        this.retention = retention;
        this.batchSize = batchSize;
        this.maxBatchesPerRun = maxBatchesPerRun;
        this.clock = clock;
    }

    public boolean enabled() {
        return !retention.isZero() && !retention.isNegative();
    }

    public Result prune() {
        if (!enabled()) {
            return new Result(0, 0);
        }
        MapSqlParameterSource p = new MapSqlParameterSource()
                .addValue("cutoff", OffsetDateTime.ofInstant(Instant.now(clock).minus(retention), ZoneOffset.UTC))
                .addValue("batch", batchSize);
        long webhooks = inBatches(() -> jdbc.update(WEBHOOK_INBOX, p));
        long events = inBatches(() -> jdbc.queryForObject(SYNC_OUTBOX, p, Integer.class));
        if (webhooks > 0 || events > 0) {
            LOG.info("Retention ({} days): deleted {} handled webhook(s) and {} finished sync event(s)",
                    retention.toDays(), webhooks, events);
        }
        return new Result(webhooks, events);
    }

    private long inBatches(java.util.function.IntSupplier batch) {
        long total = 0;
        for (int i = 0; i < maxBatchesPerRun; i++) {
            int n = batch.getAsInt();
            total += n;
            if (n < batchSize) {
                break;
            }
        }
        return total;
    }
}
