package io.ghlsync.deadletter;

import com.fasterxml.jackson.databind.JsonNode;
import io.ghlsync.config.SqlFiles;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** The dead_letter table: sync events that exhausted their retries or cannot succeed. */
public class DeadLetterRepository {

    private static final String INSERT = SqlFiles.load("deadletter/insert.sql");
    private static final String LATEST_FOR_EVENT = SqlFiles.load("deadletter/latest-for-event.sql");

    private final NamedParameterJdbcTemplate jdbc;

    public DeadLetterRepository(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public long record(UUID eventId, UUID appointmentId, String action, JsonNode payload, String error,
            String errorClass, Integer httpStatus, boolean retryable, int attempts) {
        MapSqlParameterSource p = new MapSqlParameterSource()
                .addValue("eventId", eventId)
                .addValue("appointmentId", appointmentId)
                .addValue("action", action)
                .addValue("payload", payload == null ? "{}" : payload.toString())
                .addValue("error", error)
                .addValue("errorClass", errorClass)
                .addValue("httpStatus", httpStatus)
                .addValue("retryable", retryable)
                .addValue("attempts", attempts);
        Long id = jdbc.queryForObject(INSERT, p, Long.class);
        return id == null ? 0 : id;
    }

    /** The newest dead-letter entry of a sync event: error, error_class, retryable, attempts. */
    public java.util.Optional<java.util.Map<String, Object>> latestForEvent(UUID eventId) {
        return jdbc.queryForList(LATEST_FOR_EVENT, java.util.Map.of("eventId", eventId)).stream().findFirst();
    }
}
