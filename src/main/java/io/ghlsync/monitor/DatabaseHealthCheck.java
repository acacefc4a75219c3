package io.ghlsync.monitor;

import java.util.Map;
import javax.sql.DataSource;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.springframework.jdbc.core.JdbcTemplate;

/** Readiness: PostgreSQL answers {@code SELECT 1} within a short timeout. Liveness does not depend on it. */
public class DatabaseHealthCheck extends AbstractHealthCheck {

    private final JdbcTemplate jdbc;

    public DatabaseHealthCheck(DataSource dataSource, int timeoutSeconds) {
        super("ghl-sync", "database");
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setQueryTimeout(Math.max(1, timeoutSeconds));
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        try {
            jdbc.queryForObject("select 1", Integer.class);
            builder.up();
        } catch (RuntimeException e) {
            // The exception class only: a driver message can contain the connection URL.
            builder.message("database unreachable: " + e.getClass().getSimpleName()).down();
        }
    }
}
