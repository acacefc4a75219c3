package io.ghlsync.deadletter;

import java.time.Duration;
import java.time.Instant;

/**
 * When a dead letter is replayed next, and when replaying stops: replay n (0-based) is due {@code baseDelay × 2^n}
 * after the failure, capped at {@code maxDelay}; after {@code maxReplays} replays the entry is parked for a human.
 */
public final class ReplaySchedule {

    private final Duration baseDelay;
    private final Duration maxDelay;
    private final int maxReplays;

    public ReplaySchedule(Duration baseDelay, Duration maxDelay, int maxReplays) {
        if (baseDelay.isNegative() || baseDelay.isZero()) {
            throw new IllegalArgumentException("replay base delay must be positive");
        }
        if (maxReplays < 0) {
            throw new IllegalArgumentException("max replays must not be negative");
        }
        this.baseDelay = baseDelay;
        this.maxDelay = maxDelay.compareTo(baseDelay) < 0 ? baseDelay : maxDelay;
        this.maxReplays = maxReplays;
    }

    /** Delay before the replay that follows {@code replaysSoFar} earlier replays. */
    public Duration delayAfter(int replaysSoFar) {
        int exponent = Math.max(0, Math.min(replaysSoFar, 30)); // 2^30 × any sane base is past every cap
        Duration d = baseDelay.multipliedBy(1L << exponent);
        return d.compareTo(maxDelay) > 0 ? maxDelay : d;
    }

    public Instant nextReplayAt(Instant failedAt, int replaysSoFar) {
        return failedAt.plus(delayAfter(replaysSoFar));
    }

    /** True once an entry has been replayed as often as allowed: it waits for a person instead. */
    public boolean parks(int replaysSoFar) {
        return replaysSoFar >= maxReplays;
    }

    public int maxReplays() {
        return maxReplays;
    }
}
