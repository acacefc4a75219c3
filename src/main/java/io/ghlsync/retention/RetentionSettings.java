package io.ghlsync.retention;

import io.ghlsync.config.Settings;

/** Retention settings (application.properties, section retention). */
public record RetentionSettings(long days, int batchSize, int maxBatchesPerRun) {

    public static RetentionSettings read(Settings s) {
        return new RetentionSettings(
                s.longValue("retention.days"),
                s.integer("retention.batch-size"),
                s.integer("retention.max-batches-per-run"));
    }
}
