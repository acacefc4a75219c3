package io.ghlsync.ghl.oauth;

import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** Helpers of the OAuth and multi-location tests. */
final class OAuthFixtures {

    private static final AtomicInteger SEQ = new AtomicInteger();

    private OAuthFixtures() {}

    static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /**
     * A customer with an email but no GHL contact yet and a scheduled appointment in {@code location}, plus its
     * create event in the outbox; returns the event id.
     */
    static UUID queuedCreate(NamedParameterJdbcTemplate jdbc, String location) {
        int n = SEQ.incrementAndGet();
        UUID customer = jdbc.queryForObject("insert into customers (name, email, phone, address) values ('Customer "
                + n + "', :email, null, 'Street 1') returning id",
                Map.of("email", "c" + n + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test"),
                UUID.class);
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).plusDays(3).withNano(0).plusMinutes(n);
        UUID appointment = jdbc.queryForObject(
                "insert into appointments (customer_id, location_id, service_type, start_time, end_time)"
                        + " values (:customer, :loc, 'maintenance', :start, :end) returning id",
                Map.of("customer", customer, "loc", location, "start", start, "end", start.plusHours(1)),
                UUID.class);
        return jdbc.queryForObject("insert into sync_outbox (appointment_id, action, event_timestamp, "
                + "idempotency_key, location_id) values (:a, 'create', now(), :key, :loc) returning event_id",
                Map.of("a", appointment, "key", "test:" + appointment, "loc", location), UUID.class);
    }

    static String status(NamedParameterJdbcTemplate jdbc, UUID eventId) {
        return jdbc.queryForObject("select status from sync_outbox where event_id = :id", Map.of("id", eventId),
                String.class);
    }

    static boolean finished(NamedParameterJdbcTemplate jdbc, UUID eventId) {
        String s = status(jdbc, eventId);
        return s.equals("DONE") || s.equals("DEAD") || s.equals("DUPLICATE");
    }
}
