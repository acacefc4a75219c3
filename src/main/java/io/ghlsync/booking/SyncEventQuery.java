package io.ghlsync.booking;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ghlsync.config.Json;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** Read-only view of an appointment's sync_outbox events, newest first, for the booking API. */
public class SyncEventQuery {

    private final NamedParameterJdbcTemplate jdbc;
    private final int limit;

    public SyncEventQuery(NamedParameterJdbcTemplate jdbc, int limit) {
        this.jdbc = jdbc;
        this.limit = limit;
    }

    public ArrayNode latest(UUID appointmentId) {
        ArrayNode events = Json.MAPPER.createArrayNode();
        jdbc.query("""
                select event_id, action, status, attempts, last_error, created_at, completed_at
                  from sync_outbox
                 where appointment_id = :id
                 order by id desc
                 limit :limit""", new MapSqlParameterSource("id", appointmentId).addValue("limit", limit), rs -> {
                    ObjectNode e = events.addObject();
                    e.put("eventId", rs.getObject("event_id", UUID.class).toString());
                    e.put("action", rs.getString("action"));
                    e.put("status", rs.getString("status"));
                    e.put("attempts", rs.getInt("attempts"));
                    e.put("lastError", rs.getString("last_error"));
                    e.put("createdAt", Appointment.iso(rs.getObject("created_at", OffsetDateTime.class)));
                    e.put("completedAt", Appointment.iso(rs.getObject("completed_at", OffsetDateTime.class)));
                });
        return events;
    }
}
