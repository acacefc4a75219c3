package io.ghlsync.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The connection pool to PostgreSQL (external, or the embedded one), with the schema migrated. */
public final class Database {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private Database() {}

    /** Opens the pool and migrates the schema; closing the pool also stops the embedded PostgreSQL. */
    public static HikariDataSource open(DatabaseSettings settings) throws Exception {
        HikariConfig hc = new HikariConfig();
        hc.setPoolName("ghl-sync");
        hc.setMaximumPoolSize(settings.poolMaxSize());
        hc.setConnectionTimeout(settings.connectionTimeoutMs());
        // Start even when the database is away at boot: readiness reports it, and work resumes when it is back.
        hc.setInitializationFailTimeout(-1);
        // PostgreSQL error details quote row values (emails, phones); keep them out of exceptions and logs.
        hc.addDataSourceProperty("logServerErrorDetail", "false");
        EmbeddedDatabase embedded = null;
        if (settings.url().isBlank()) {
            embedded = EmbeddedDatabase.start(Path.of(settings.embeddedDataDir()), settings.embeddedPort(),
                    settings.embeddedDurable());
            hc.setJdbcUrl(embedded.jdbcUrl());
            hc.setUsername("postgres");
        } else {
            DatabaseUrl parsed = DatabaseUrl.parse(settings.url());
            hc.setJdbcUrl(parsed.jdbcUrl());
            if (parsed.username() != null) {
                hc.setUsername(parsed.username());
            }
            if (parsed.password() != null) {
                hc.setPassword(parsed.password());
            }
            LOG.info("Using PostgreSQL at {}", parsed.redacted());
        }
        ClosingDataSource ds = new ClosingDataSource(hc, embedded);
        long migrationStart = System.nanoTime();
        int applied = Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate()
                .migrationsExecuted;
        LOG.info("Database schema ready in {} ms ({} migrations applied)",
                (System.nanoTime() - migrationStart) / 1_000_000, applied);
        return ds;
    }

    /** Closes the pool, then the embedded server it talks to. */
    static final class ClosingDataSource extends HikariDataSource {
        private final EmbeddedDatabase embedded;

        ClosingDataSource(HikariConfig config, EmbeddedDatabase embedded) {
            super(config);
            this.embedded = embedded;
        }

        @Override
        public void close() {
            super.close();
            if (embedded != null) {
                try {
                    embedded.close();
                } catch (Exception e) {
                    LOG.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
                }
            }
        }
    }
}
