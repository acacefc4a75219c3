package io.ghlsync.monitor;

import io.ghlsync.config.Settings;

/** Sync monitor and health settings (application.properties, section monitoring). */
public record MonitorSettings(
        double minSuccessRate,
        long maxDeadLetters,
        long maxFailuresPerHour,
        int recentFailuresLimit,
        long statsCacheMs,
        int dbCheckTimeoutSeconds) {

    public static MonitorSettings read(Settings s) {
        return new MonitorSettings(
                Double.parseDouble(s.string("monitor.min-success-rate").trim()),
                s.longValue("monitor.max-dead-letters"),
                s.longValue("monitor.max-failures-per-hour"),
                s.integer("monitor.recent-failures-limit"),
                s.longValue("monitor.stats-cache-ms"),
                s.integer("monitor.db-check-timeout-seconds"));
    }
}
