package io.ghlsync.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.ghlsync.config.Json;
import io.ghlsync.config.SqlFiles;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** The sync_outbox table: durable queue of booking changes to carry to GHL. */
public class OutboxRepository {

    private static final String INSERT = SqlFiles.load("outbox/insert.sql");
    private static final String CLAIM = SqlFiles.load("outbox/claim.sql");
    private static final String MARK_DONE = SqlFiles.load("outbox/mark-done.sql");
    private static final String MARK_DEAD = SqlFiles.load("outbox/mark-dead.sql");
    private static final String RELEASE = SqlFiles.load("outbox/release.sql");
    private static final String FIND = SqlFiles.load("outbox/find.sql");
    private static final String REQUEUE = SqlFiles.load("outbox/requeue.sql");
    private static final String RELEASE_INSTANCE = SqlFiles.load("outbox/release-instance.sql");
    private static final String FIND_BY_KEY = SqlFiles.load("outbox/find-by-key.sql");
    private static final String CLAIMED_BY = SqlFiles.load("outbox/claimed-by.sql");
    private static final String SUPERSEDED = SqlFiles.load("outbox/superseded.sql");
    private static final String LATEST_FOR_APPOINTMENT = SqlFiles.load("outbox/latest-for-appointment.sql");
    private static final String DELETE_FINISHED = SqlFiles.load("outbox/delete-finished.sql");

    /** One event of an appointment as the booking API lists it. */
    public record EventSummary(UUID eventId, String action, String status, int attempts, String lastError,
            OffsetDateTime createdAt, OffsetDateTime completedAt) {}

    /** A deleted event, whose step journal and idempotency key go with it. */
    public record Deleted(UUID eventId, String idempotencyKey) {}

    /** Keeps the "not in" list of the claim non-empty; no GHL location id looks like it. */
    private static final String NO_LOCATION_SENTINEL = "\u0001none";

    private final NamedParameterJdbcTemplate jdbc;

    public OutboxRepository(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Adds an event. Runs in the caller's transaction when one is open (TransactionTemplate on the same
     * DataSource), so the booking change and its event commit together.
     *
     * @return the new event id, or empty when the same appointment/action/timestamp was already queued
     */
    public Optional<UUID> insert(UUID appointmentId, SyncAction action, OffsetDateTime timestamp, String locationId,
            JsonNode payload) {
        MapSqlParameterSource p = new MapSqlParameterSource()
                .addValue("appointmentId", appointmentId)
                .addValue("action", action.wire())
                .addValue("eventTimestamp", timestamp)
                .addValue("idempotencyKey", SyncEvent.idempotencyKey(appointmentId, action, timestamp))
                .addValue("locationId", locationId)
                .addValue("payload", toJson(payload));
        List<UUID> ids = jdbc.queryForList(INSERT, p, UUID.class);
        return ids.stream().findFirst();
    }

    public List<SyncEvent> claim(int limit, long leaseMillis, String worker) {
        return claim(limit, leaseMillis, worker, Integer.MAX_VALUE, java.util.Set.of());
    }

    /**
     * Claims round-robin across locations (oldest event of each location first), at most {@code perLocation} per
     * location, none of {@code fullLocations} (location ids; "" stands for events without a location).
     */
    public List<SyncEvent> claim(int limit, long leaseMillis, String worker, int perLocation,
            java.util.Set<String> fullLocations) {
        if (limit <= 0) {
            return List.of();
        }
        List<String> full = new java.util.ArrayList<>(fullLocations);
        full.add(NO_LOCATION_SENTINEL);
        MapSqlParameterSource p = new MapSqlParameterSource()
                .addValue("limit", limit)
                .addValue("perLocation", perLocation)
                .addValue("fullLocations", full)
                .addValue("leaseSeconds", leaseMillis / 1000.0)
                .addValue("worker", worker);
        return jdbc.query(CLAIM, p, OutboxRepository::toEvent);
    }

    public boolean markDone(UUID eventId, JsonNode result) {
        return jdbc.update(MARK_DONE, Map.of("eventId", eventId, "status", "DONE", "result", toJson(result))) == 1;
    }

    public boolean markDuplicate(UUID eventId) {
        return jdbc.update(MARK_DONE, Map.of("eventId", eventId, "status", "DUPLICATE", "result", "{}")) == 1;
    }

    public boolean markDead(UUID eventId, String error) {
        return jdbc.update(MARK_DEAD, new MapSqlParameterSource("eventId", eventId).addValue("error", error)) == 1;
    }

    public boolean release(UUID eventId, long delayMillis) {
        return jdbc.update(RELEASE, Map.of("eventId", eventId, "delaySeconds", delayMillis / 1000.0)) == 1;
    }

    public boolean requeue(UUID eventId) {
        return jdbc.update(REQUEUE, Map.of("eventId", eventId)) == 1;
    }

    /** Ids of the events an instance holds PROCESSING. */
    public List<UUID> claimedBy(String worker) {
        return jdbc.queryForList(CLAIMED_BY, Map.of("worker", worker), UUID.class);
    }

    public int releaseAllClaimedBy(String worker) {
        return jdbc.update(RELEASE_INSTANCE, Map.of("worker", worker));
    }

    public Optional<UUID> findByKey(String idempotencyKey) {
        return jdbc.queryForList(FIND_BY_KEY, Map.of("idempotencyKey", idempotencyKey), UUID.class).stream()
                .findFirst();
    }

    public Optional<Map<String, Object>> find(UUID eventId) {
        return jdbc.queryForList(FIND, Map.of("eventId", eventId)).stream().findFirst();
    }

    /** The appointment's newest events, newest first. */
    public List<EventSummary> latestFor(UUID appointmentId, int limit) {
        return jdbc.query(LATEST_FOR_APPOINTMENT, new MapSqlParameterSource("id", appointmentId)
                .addValue("limit", limit), (rs, row) -> new EventSummary(
                        rs.getObject("event_id", UUID.class),
                        rs.getString("action"),
                        rs.getString("status"),
                        rs.getInt("attempts"),
                        rs.getString("last_error"),
                        rs.getObject("created_at", OffsetDateTime.class),
                        rs.getObject("completed_at", OffsetDateTime.class)));
    }

    /** True when a later event of the same appointment already reached GHL (see superseded.sql). */
    public boolean superseded(UUID eventId) {
        if (eventId == null) {
            return false;
        }
        return Boolean.TRUE.equals(jdbc.queryForObject(SUPERSEDED, Map.of("eventId", eventId), Boolean.class));
    }

    /**
     * Deletes up to {@code batch} events finished (DONE or DUPLICATE) before {@code cutoff}, except those of an
     * appointment with a DEAD event (see delete-finished.sql). Joins the caller's transaction when there is one.
     */
    public List<Deleted> deleteFinished(OffsetDateTime cutoff, int batch) {
        return jdbc.query(DELETE_FINISHED, new MapSqlParameterSource("cutoff", cutoff).addValue("batch", batch),
                (rs, row) -> new Deleted(rs.getObject("event_id", UUID.class), rs.getString("idempotency_key")));
    }

    private static SyncEvent toEvent(ResultSet rs, int row) throws SQLException {
        Timestamp ts = rs.getTimestamp("event_timestamp");
        return new SyncEvent(
                rs.getLong("id"),
                rs.getObject("event_id", UUID.class),
                rs.getObject("appointment_id", UUID.class),
                SyncAction.fromWire(rs.getString("action")),
                ts.toInstant().atOffset(ZoneOffset.UTC),
                rs.getString("idempotency_key"),
                rs.getString("location_id"),
                parse(rs.getString("payload")),
                rs.getInt("attempts"),
                rs.getTimestamp("created_at").toInstant().atOffset(ZoneOffset.UTC));
    }

    private static JsonNode parse(String json) {
        try {
            return Json.MAPPER.readTree(json == null ? "{}" : json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable outbox payload", e);
        }
    }

    private static String toJson(JsonNode node) {
        return node == null ? "{}" : node.toString();
    }
}
