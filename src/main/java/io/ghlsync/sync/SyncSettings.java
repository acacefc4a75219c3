package io.ghlsync.sync;

import io.ghlsync.config.Settings;

/** Sync pipeline settings (application.properties, section sync pipeline). */
public record SyncSettings(
        boolean enabled,
        boolean asyncMode,
        boolean retryOnFailure,
        int maxRetries,
        String instanceId,
        String serverPort,
        int dispatcherBatchSize,
        long dispatcherLeaseMs,
        int maxInFlight,
        int maxInFlightPerLocation,
        int stepThreads,
        long waitTimeoutMs,
        long retryDelayMs,
        int idempotencyCacheSize,
        int idempotencyCacheTtlSeconds,
        String timeZone) {

    public static SyncSettings read(Settings s) {
        return new SyncSettings(
                s.bool("sync.enabled"),
                s.bool("sync.async-mode"),
                s.bool("sync.retry-on-failure"),
                s.integer("sync.max-retries"),
                s.string("sync.instance-id"),
                s.string("camel.server.port"),
                s.integer("sync.dispatcher.batch-size"),
                s.longValue("sync.dispatcher.lease-ms"),
                s.integer("sync.max-in-flight"),
                s.integer("sync.max-in-flight-per-location"),
                s.integer("sync.step-threads"),
                s.longValue("sync.wait-timeout-ms"),
                s.longValue("sync.retry-delay-ms"),
                s.integer("sync.idempotency.cache-size"),
                s.integer("sync.idempotency.cache-ttl-seconds"),
                s.string("sync.time-zone"));
    }
}
