package io.ghlsync.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.PropertyInject;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Database, migrations, JSON and transactions: what every feature builds on. */
public class CoreBeans implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(CoreBeans.class);

    private HikariDataSource dataSource;
    private EmbeddedDatabase embedded;

    @BindToRegistry(value = "dataSource", destroyMethod = "close")
    public synchronized DataSource dataSource(
            @PropertyInject(value = "database.url", defaultValue = "") String url,
            @PropertyInject(value = "database.embedded.data-dir", defaultValue = "data/postgres") String dataDir,
            @PropertyInject(value = "database.embedded.port", defaultValue = "0") int port,
            @PropertyInject(value = "database.embedded.durable", defaultValue = "true") boolean durable,
            @PropertyInject(value = "database.pool.max-size", defaultValue = "10") int poolSize,
            @PropertyInject(value = "database.pool.connection-timeout-ms", defaultValue = "2000") long connectionTimeout)
            throws Exception {
        if (dataSource != null && !dataSource.isClosed()) {
            return dataSource; // camel-main may call bean methods more than once
        }
        HikariConfig hc = new HikariConfig();
        hc.setPoolName("ghl-sync");
        hc.setMaximumPoolSize(poolSize);
        hc.setConnectionTimeout(connectionTimeout);
        // Start even when the database is away at boot: readiness reports it, and work resumes when it is back.
        hc.setInitializationFailTimeout(-1);
        // PostgreSQL error details quote row values (emails, phones); keep them out of exceptions and logs.
        hc.addDataSourceProperty("logServerErrorDetail", "false");
        if (url == null || url.isBlank()) {
            embedded = EmbeddedDatabase.start(Path.of(dataDir), port, durable);
            hc.setJdbcUrl(embedded.jdbcUrl());
            hc.setUsername("postgres");
        } else {
            DatabaseUrl parsed = DatabaseUrl.parse(url);
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
        dataSource = ds;
        return dataSource;
    }

    @BindToRegistry("jdbc")
    public NamedParameterJdbcTemplate jdbc(@org.apache.camel.BeanInject("dataSource") DataSource ds) {
        return new NamedParameterJdbcTemplate(ds);
    }

    @BindToRegistry("transactionTemplate")
    public TransactionTemplate transactionTemplate(@org.apache.camel.BeanInject("dataSource") DataSource ds) {
        return new TransactionTemplate(new DataSourceTransactionManager(ds));
    }

    @BindToRegistry("objectMapper")
    public ObjectMapper objectMapper() {
        return Json.MAPPER;
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
