package io.ghlsync.deadletter;

import com.fasterxml.jackson.databind.JsonNode;
import io.ghlsync.config.SqlFiles;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** The dead_letter table: sync events that exhausted their retries, and what became of them. */
public class DeadLetterRepository {

    private static final String INSERT = SqlFiles.load("deadletter/insert.sql");
    private static final String FIND_REPLAYED = SqlFiles.load("deadletter/find-replayed-for-event.sql");
    private static final String REOPEN = SqlFiles.load("deadletter/reopen.sql");
    private static final String LIST = SqlFiles.load("deadletter/list.sql");
    private static final String FIND = SqlFiles.load("deadletter/find.sql");
    private static final String LOCK_REPLAYABLE = SqlFiles.load("deadletter/lock-replayable.sql");
    private static final String CLAIM_DUE = SqlFiles.load("deadletter/claim-due.sql");
    private static final String MARK_REPLAYED = SqlFiles.load("deadletter/mark-replayed.sql");
    private static final String RESCHEDULE = SqlFiles.load("deadletter/reschedule.sql");
    private static final String DISCARD = SqlFiles.load("deadletter/discard.sql");
    private static final String LATEST_FOR_EVENT = SqlFiles.load("deadletter/latest-for-event.sql");
    private static final String MARK_SUPERSEDED = SqlFiles.load("deadletter/mark-superseded.sql");

    /** An entry taken for replay (status REPLAYING until the surrounding transaction decides). */
    public record Claimed(long id, UUID eventId, UUID appointmentId, int replayCount) {}

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final ReplaySchedule schedule;

    public DeadLetterRepository(NamedParameterJdbcTemplate jdbc, TransactionTemplate tx, ReplaySchedule schedule) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.schedule = schedule;
    }

    /**
     * Records a sync event that exhausted its retries. When the event failed again after a replay, its earlier entry
     * is reopened (keeping its replay count, so backoff and parking continue) instead of adding a second entry.
     * Joins the caller's transaction when there is one.
     *
     * @return the dead_letter id
     */
    public long record(UUID eventId, UUID appointmentId, String action, JsonNode payload, String error,
            String errorClass, Integer httpStatus, boolean retryable, int attempts) {
        return tx.execute(status -> {
            MapSqlParameterSource p = new MapSqlParameterSource()
                    .addValue("eventId", eventId)
                    .addValue("appointmentId", appointmentId)
                    .addValue("action", action)
                    .addValue("payload", payload == null ? "{}" : payload.toString())
                    .addValue("error", error)
                    .addValue("errorClass", errorClass == null ? "Unknown" : errorClass)
                    .addValue("httpStatus", httpStatus)
                    .addValue("retryable", retryable)
                    .addValue("attempts", attempts);
            List<Map<String, Object>> earlier = eventId == null
                    ? List.of()
                    : jdbc.queryForList(FIND_REPLAYED, p);
            if (earlier.isEmpty()) {
                p.addValue("delaySeconds", retryable ? seconds(0) : null);
                return jdbc.queryForObject(INSERT, p, Long.class);
            }
            long id = ((Number) earlier.get(0).get("id")).longValue();
            int replays = ((Number) earlier.get(0).get("replay_count")).intValue();
            boolean park = retryable && schedule.parks(replays);
            p.addValue("id", id)
                    .addValue("status", park ? "PARKED" : "OPEN")
                    .addValue("delaySeconds", retryable && !park ? seconds(replays) : null);
            jdbc.update(REOPEN, p);
            return id;
        });
    }

    /** The newest dead-letter entry of a sync event: error, error_class, retryable, attempts. */
    public Optional<Map<String, Object>> latestForEvent(UUID eventId) {
        return jdbc.queryForList(LATEST_FOR_EVENT, Map.of("eventId", eventId)).stream().findFirst();
    }

    public List<DeadLetterEntry> list(DeadLetterFilter filter) {
        return jdbc.query(LIST, filterParams(filter, null), DeadLetterRepository::toEntry);
    }

    public Optional<DeadLetterEntry> find(long id) {
        return jdbc.query(FIND, Map.of("id", id), DeadLetterRepository::toEntry).stream().findFirst();
    }

    /** Locks open/parked entries for a manual replay; call inside a transaction. */
    public List<Claimed> lockReplayable(Long id, DeadLetterFilter filter) {
        return jdbc.query(LOCK_REPLAYABLE, filterParams(filter, id), DeadLetterRepository::toClaimed);
    }

    /** Claims retryable open entries that are due; call inside a transaction. */
    public List<Claimed> claimDue(int limit) {
        return jdbc.query(CLAIM_DUE, Map.of("limit", limit), DeadLetterRepository::toClaimed);
    }

    public boolean markReplayed(long id) {
        return jdbc.update(MARK_REPLAYED, Map.of("id", id)) == 1;
    }

    /** The event could not be put back: try again after the next backoff step, or park when replays ran out. */
    public boolean reschedule(long id, int replaysSoFar) {
        int replays = replaysSoFar + 1;
        boolean park = schedule.parks(replays);
        MapSqlParameterSource p = new MapSqlParameterSource("id", id)
                .addValue("status", park ? "PARKED" : "OPEN")
                .addValue("delaySeconds", park ? null : seconds(replays));
        return jdbc.update(RESCHEDULE, p) == 1;
    }

    public boolean discard(long id, String reason) {
        return jdbc.update(DISCARD, new MapSqlParameterSource("id", id).addValue("reason", reason)) == 1;
    }

    public boolean markSuperseded(long id) {
        return jdbc.update(MARK_SUPERSEDED, Map.of("id", id)) == 1;
    }

    private Double seconds(int replaysSoFar) {
        return schedule.delayAfter(replaysSoFar).toMillis() / 1000.0;
    }

    private static MapSqlParameterSource filterParams(DeadLetterFilter f, Long id) {
        return new MapSqlParameterSource()
                .addValue("id", id)
                .addValue("appointmentId", f.appointmentId() == null ? null : f.appointmentId().toString())
                .addValue("action", f.action())
                .addValue("errorClass", f.errorClass())
                .addValue("status", f.status())
                .addValue("olderThanSeconds", f.olderThanSeconds())
                .addValue("limit", f.limit());
    }

    private static Claimed toClaimed(ResultSet rs, int row) throws SQLException {
        return new Claimed(rs.getLong("id"), rs.getObject("event_id", UUID.class),
                rs.getObject("appointment_id", UUID.class), rs.getInt("replay_count"));
    }

    private static DeadLetterEntry toEntry(ResultSet rs, int row) throws SQLException {
        Object status = rs.getObject("http_status");
        return new DeadLetterEntry(
                rs.getLong("id"),
                rs.getObject("event_id", UUID.class),
                rs.getObject("appointment_id", UUID.class),
                rs.getString("action"),
                rs.getString("error"),
                rs.getString("error_class"),
                status == null ? null : ((Number) status).intValue(),
                rs.getBoolean("retryable"),
                rs.getInt("attempts"),
                rs.getString("status"),
                rs.getInt("replay_count"),
                rs.getObject("next_replay_at", OffsetDateTime.class),
                rs.getString("discard_reason"),
                rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("last_attempt_at", OffsetDateTime.class));
    }
}
