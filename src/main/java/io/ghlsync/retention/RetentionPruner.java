package io.ghlsync.retention;

import io.ghlsync.outbox.IdempotencyKeyRepository;
import io.ghlsync.outbox.OutboxRepository;
import io.ghlsync.outbox.StepJournalRepository;
import io.ghlsync.webhook.WebhookInboxRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes finished history older than the retention period, so the tables that grow with every booking change and
 * every webhook stay bounded: handled webhooks, and finished outbox events with their step journal and idempotency
 * keys. Never touches what is still open or failed (DEAD rows, dead letters) nor business data (bookings, leads).
 * Works in small batches, each its own commit, so no long lock holds up the intake or the pipeline. The rows are
 * deleted by the repositories that own their tables.
 */
public class RetentionPruner {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionPruner.class);

    /** Rows deleted by one run. */
    public record Result(long webhooks, long outboxEvents) {}

    private final WebhookInboxRepository inbox;
    private final OutboxRepository outbox;
    private final StepJournalRepository journal;
    private final IdempotencyKeyRepository keys;
    private final TransactionTemplate tx;
    private final Duration retention;
    private final int batchSize;
    private final int maxBatchesPerRun;
    private final Clock clock;

    /**
     * @param retention        age beyond which finished rows go; zero or negative keeps everything
     * @param batchSize        rows per delete statement
     * @param maxBatchesPerRun bound of one run per table; the next run continues
     */
    public RetentionPruner(WebhookInboxRepository inbox, OutboxRepository outbox, StepJournalRepository journal,
            IdempotencyKeyRepository keys, TransactionTemplate tx, Duration retention, int batchSize,
            int maxBatchesPerRun, Clock clock) {
        this.inbox = inbox;
        this.outbox = outbox;
        this.journal = journal;
        this.keys = keys;
        this.tx = tx;
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
        OffsetDateTime cutoff = OffsetDateTime.ofInstant(Instant.now(clock).minus(retention), ZoneOffset.UTC);
        long webhooks = inBatches(() -> inbox.deleteHandled(cutoff, batchSize));
        long events = inBatches(() -> tx.execute(status -> deleteFinishedEvents(cutoff)));
        if (webhooks > 0 || events > 0) {
            LOG.info("Retention ({} days): deleted {} handled webhook(s) and {} finished sync event(s)",
                    retention.toDays(), webhooks, events);
        }
        return new Result(webhooks, events);
    }

    /** One batch of finished events with their step journal and idempotency keys, in one transaction. */
    private int deleteFinishedEvents(OffsetDateTime cutoff) {
        List<OutboxRepository.Deleted> gone = outbox.deleteFinished(cutoff, batchSize);
        journal.deleteFor(gone.stream().map(OutboxRepository.Deleted::eventId).toList());
        keys.forget(gone.stream().map(OutboxRepository.Deleted::idempotencyKey).toList());
        return gone.size();
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
