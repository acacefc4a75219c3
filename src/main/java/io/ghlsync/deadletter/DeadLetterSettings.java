package io.ghlsync.deadletter;

import io.ghlsync.config.Settings;
import java.time.Duration;

/** Dead-letter replay settings (application.properties, sections sync pipeline and dead letters). */
public record DeadLetterSettings(long retryDelayMs, long maxDelayMs, int maxReplays, int batchSize) {

    public static DeadLetterSettings read(Settings s) {
        return new DeadLetterSettings(
                s.longValue("sync.retry-delay-ms"),
                s.longValue("deadletter.replay.max-delay-ms"),
                s.integer("deadletter.replay.max-replays"),
                s.integer("deadletter.replay.batch-size"));
    }

    public ReplaySchedule schedule() {
        return new ReplaySchedule(Duration.ofMillis(retryDelayMs), Duration.ofMillis(maxDelayMs), maxReplays);
    }
}
