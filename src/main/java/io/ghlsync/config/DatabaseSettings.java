package io.ghlsync.config;

import io.ghlsync.config.Settings;

/** Database settings (application.properties, section database). */
public record DatabaseSettings(
        String url,
        String embeddedDataDir,
        int embeddedPort,
        boolean embeddedDurable,
        int poolMaxSize,
        long connectionTimeoutMs) {

    public static DatabaseSettings read(Settings s) {
        return new DatabaseSettings(
                s.string("database.url"),
                s.string("database.embedded.data-dir"),
                s.integer("database.embedded.port"),
                s.bool("database.embedded.durable"),
                s.integer("database.pool.max-size"),
                s.longValue("database.pool.connection-timeout-ms"));
    }
}
