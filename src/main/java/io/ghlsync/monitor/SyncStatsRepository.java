package io.ghlsync.monitor;

import io.ghlsync.config.SqlFiles;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** Reads the monitor's figures from sync_outbox and dead_letter (read-only). */
public class SyncStatsRepository {

    private static final String OUTBOX_TOTALS = SqlFiles.load("monitor/outbox-totals.sql");
    private static final String DEAD_LETTER_TOTALS = SqlFiles.load("monitor/dead-letter-totals.sql");
    private static final String RECENT_FAILURES = SqlFiles.load("monitor/recent-failures.sql");

    private final NamedParameterJdbcTemplate jdbc;
    private final int recentFailureLimit;

    public SyncStatsRepository(NamedParameterJdbcTemplate jdbc, int recentFailureLimit) {
        this.jdbc = jdbc;
        this.recentFailureLimit = recentFailureLimit;
    }

    /** Figures for every appointment, or for one when {@code appointmentId} is given. */
    public SyncStats load(UUID appointmentId) {
        MapSqlParameterSource p = new MapSqlParameterSource()
                .addValue("appointmentId", appointmentId == null ? null : appointmentId.toString())
                .addValue("limit", recentFailureLimit);
        Map<String, Object> outbox = jdbc.queryForMap(OUTBOX_TOTALS, p);
        Map<String, Object> dead = jdbc.queryForMap(DEAD_LETTER_TOTALS, p);
        List<SyncStats.RecentFailure> recent = jdbc.query(RECENT_FAILURES, p, (rs, n) ->
                new SyncStats.RecentFailure(
                        rs.getObject("appointment_id", UUID.class),
                        rs.getString("error"),
                        rs.getInt("attempts"),
                        rs.getObject("last_attempt_at", OffsetDateTime.class)));
        return new SyncStats(
                number(outbox, "total"),
                number(outbox, "successful"),
                number(outbox, "failed"),
                number(dead, "queue_size"),
                ((Number) dead.get("oldest_age_seconds")).doubleValue(),
                number(dead, "failures_last_hour"),
                recent);
    }

    private static long number(Map<String, Object> row, String key) {
        return ((Number) row.get(key)).longValue();
    }
}
