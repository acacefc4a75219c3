package io.ghlsync.monitor;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Sync figures read from PostgreSQL (sync_outbox + dead_letter), the input of {@link SyncHealthEvaluator}. */
public record SyncStats(
        long totalSyncs,
        long successful,
        long failed,
        long deadLetterQueueSize,
        double oldestDeadLetterAgeSeconds,
        long failuresLastHour,
        List<RecentFailure> recentFailures) {

    public record RecentFailure(UUID appointmentId, String error, int attempts, OffsetDateTime lastAttempt) {}

    /** Percentage of finished syncs that succeeded, one decimal; 100 when nothing finished yet. */
    public double successRate() {
        if (totalSyncs == 0) {
            return 100.0;
        }
        return Math.round(successful * 1000.0 / totalSyncs) / 10.0;
    }
}
