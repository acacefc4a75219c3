package io.ghlsync.monitor;

import java.time.Instant;

/**
 * Outbox events finished in one minute.
 *
 * @param done events DONE or DUPLICATE
 * @param dead events that became DEAD
 * @param latencyP50Ms median event-to-GHL latency of the DONE events (created_at to completed_at), null if none
 * @param latencyP95Ms 95th percentile of the same, null if none
 */
public record TimelineBucket(Instant minute, long done, long dead, Double latencyP50Ms, Double latencyP95Ms) {

    public static TimelineBucket empty(Instant minute) {
        return new TimelineBucket(minute, 0, 0, null, null);
    }
}
