package io.ghlsync.support;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;

/**
 * One PostgreSQL server per test JVM, and a fresh database per caller so test classes never see each other's rows.
 * With GHLSYNC_TEST_DATABASE_URL (a jdbc:postgresql URL of a server's maintenance database) the tests use that
 * server instead of an embedded one: CI does this to prove the DATABASE_URL path against a real installation.
 */
public final class TestDatabase {

    private static String adminUrl;
    private static EmbeddedPostgres embedded;

    private TestDatabase() {}

    public static synchronized String adminUrl() {
        if (adminUrl == null) {
            String external = System.getenv("GHLSYNC_TEST_DATABASE_URL");
            if (external != null && !external.isBlank()) {
                adminUrl = external;
            } else {
                try {
                    embedded = EmbeddedPostgres.builder().start(); // fast (non-durable) settings are fine for tests
                } catch (Exception e) {
                    throw new IllegalStateException("embedded PostgreSQL did not start", e);
                }
                adminUrl = embedded.getJdbcUrl("postgres", "postgres");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        embedded.close();
                    } catch (Exception ignored) {
                        // JVM is exiting
                    }
                }));
            }
        }
        return adminUrl;
    }

    /** Creates an empty database and returns its JDBC URL (user and password included when needed). */
    public static String newDatabase() {
        String name = "t_" + UUID.randomUUID().toString().replace("-", "");
        String admin = adminUrl();
        try (Connection c = DriverManager.getConnection(admin); Statement s = c.createStatement()) {
            s.execute("create database " + name);
        } catch (Exception e) {
            throw new IllegalStateException("could not create test database", e);
        }
        return withDatabase(admin, name);
    }

    /** A pool over a new database that Flyway has migrated to the current schema; the caller closes it. */
    public static HikariDataSource newMigratedDataSource(int poolSize) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(newDatabase());
        dataSource.setMaximumPoolSize(poolSize);
        org.flywaydb.core.Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load()
                .migrate();
        return dataSource;
    }

    static String withDatabase(String jdbcUrl, String db) {
        int start = jdbcUrl.indexOf("//") + 2;
        int slash = jdbcUrl.indexOf('/', start);
        int q = jdbcUrl.indexOf('?', start);
        String hostPort = jdbcUrl.substring(start, slash < 0 ? (q < 0 ? jdbcUrl.length() : q) : slash);
        String query = q < 0 ? "" : jdbcUrl.substring(q);
        return "jdbc:postgresql://" + hostPort + "/" + db + query;
    }
}
