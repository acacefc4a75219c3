package io.ghlsync.monitor;

import io.ghlsync.config.SqlFiles;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** Reads the dashboard's per-minute throughput and latency and the current backlog from sync_outbox (read-only). */
public class OpsTimelineRepository {

    private static final String TIMELINE = SqlFiles.load("monitor/timeline.sql");
    private static final String BACKLOG = SqlFiles.load("monitor/outbox-backlog.sql");

    private final NamedParameterJdbcTemplate jdbc;

    public OpsTimelineRepository(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Minutes of the window in which something finished, oldest first. */
    public List<TimelineBucket> minutes(TimelineWindow window) {
        MapSqlParameterSource p = new MapSqlParameterSource()
                .addValue("from", OffsetDateTime.ofInstant(window.from(), ZoneOffset.UTC))
                .addValue("to", OffsetDateTime.ofInstant(window.to(), ZoneOffset.UTC));
        return jdbc.query(TIMELINE, p, (rs, n) -> new TimelineBucket(
                Instant.ofEpochSecond(rs.getLong("minute") * 60),
                rs.getLong("done"),
                rs.getLong("dead"),
                rs.getObject("p50_ms", Double.class),
                rs.getObject("p95_ms", Double.class)));
    }

    public OutboxBacklog backlog() {
        Map<String, Object> row = jdbc.queryForMap(BACKLOG, Map.of());
        return new OutboxBacklog(((Number) row.get("pending")).longValue(),
                ((Number) row.get("processing")).longValue(),
                ((Number) row.get("oldest_age_seconds")).doubleValue());
    }
}
