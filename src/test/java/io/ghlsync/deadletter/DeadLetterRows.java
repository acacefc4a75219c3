package io.ghlsync.deadletter;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** Writes scenario rows straight into the database: customer, appointment, outbox events, dead letters. */
public final class DeadLetterRows {

    private final NamedParameterJdbcTemplate jdbc;

    public DeadLetterRows(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public UUID appointment() {
        UUID customer = jdbc.queryForObject(
                "insert into customers (name) values ('Test Customer') returning id", Map.of(), UUID.class);
        return jdbc.queryForObject("""
                insert into appointments (customer_id, service_type, start_time, end_time)
                values (:c, 'maintenance', now() + interval '1 day', now() + interval '1 day 1 hour')
                returning id""", Map.of("c", customer), UUID.class);
    }

    /** An outbox event of the appointment with the given status, created {@code ago} before now. */
    public UUID event(UUID appointmentId, String action, String status, Duration ago) {
        return jdbc.queryForObject("""
                insert into sync_outbox (appointment_id, action, event_timestamp, idempotency_key, status, created_at,
                                         completed_at)
                values (:a, :action, now() - make_interval(secs => :ago), :key, :status,
                        now() - make_interval(secs => :ago),
                        case when :status in ('DONE', 'DEAD', 'DUPLICATE') then now() - make_interval(secs => :ago) end)
                returning event_id""",
                new MapSqlParameterSource("a", appointmentId).addValue("action", action).addValue("status", status)
                        .addValue("ago", (double) ago.toSeconds()).addValue("key", UUID.randomUUID().toString()),
                UUID.class);
    }

    /** A dead letter for a DEAD outbox event. */
    public long deadLetter(UUID appointmentId, UUID eventId, String action, String errorClass, boolean retryable,
            String status, Duration nextReplayIn, Duration createdAgo) {
        return jdbc.queryForObject("""
                insert into dead_letter (event_id, appointment_id, action, error, error_class, http_status, retryable,
                                         attempts, status, next_replay_at, created_at, last_attempt_at)
                values (:e, :a, :action, 'GHL answered 503', :ec, 503, :r, 4, :status,
                        case when cast(:next as double precision) is null then null
                             else now() + make_interval(secs => cast(:next as double precision)) end,
                        now() - make_interval(secs => :ago), now() - make_interval(secs => :ago))
                returning id""",
                new MapSqlParameterSource("e", eventId).addValue("a", appointmentId).addValue("action", action)
                        .addValue("ec", errorClass).addValue("r", retryable).addValue("status", status)
                        .addValue("next", nextReplayIn == null ? null : (double) nextReplayIn.toSeconds())
                        .addValue("ago", (double) createdAgo.toSeconds()),
                Long.class);
    }

    /** Appointment + DEAD event + OPEN retryable dead letter, due now. Returns the dead letter id. */
    public long openDeadLetter(UUID appointmentId, String errorClass) {
        UUID event = event(appointmentId, "update", "DEAD", Duration.ofMinutes(10));
        return deadLetter(appointmentId, event, "update", errorClass, true, "OPEN", Duration.ofSeconds(-1),
                Duration.ofMinutes(10));
    }

    public String deadLetterStatus(long id) {
        return jdbc.queryForObject("select status from dead_letter where id = :id", Map.of("id", id), String.class);
    }

    public Map<String, Object> deadLetterRow(long id) {
        return jdbc.queryForMap("select * from dead_letter where id = :id", Map.of("id", id));
    }

    public String outboxStatus(UUID eventId) {
        return jdbc.queryForObject("select status from sync_outbox where event_id = :e", Map.of("e", eventId),
                String.class);
    }

    public UUID eventOf(long deadLetterId) {
        return jdbc.queryForObject("select event_id from dead_letter where id = :id", Map.of("id", deadLetterId),
                UUID.class);
    }
}
