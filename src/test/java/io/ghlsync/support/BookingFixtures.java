package io.ghlsync.support;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** Booking rows written straight to the database, for tests of what happens downstream of the booking API. */
public final class BookingFixtures {

    private BookingFixtures() {}

    /** A customer, a lead already linked to a GHL contact, and a scheduled appointment; returns the appointment id. */
    public static UUID linkedAppointment(NamedParameterJdbcTemplate jdbc, String ghlContactId, String location,
            OffsetDateTime start) {
        UUID customer = jdbc.queryForObject(
                "insert into customers (name, email, phone, address) values ('Test Customer', :email, '+31600000000',"
                        + " 'Street 1') returning id",
                Map.of("email", ghlContactId + "@example.test"), UUID.class);
        UUID lead = jdbc.queryForObject(
                "insert into leads (location_id, ghl_contact_id, name, email) values (:loc, :contact, 'Test Customer',"
                        + " :email) returning id",
                Map.of("loc", location, "contact", ghlContactId, "email", ghlContactId + "@example.test"),
                UUID.class);
        return jdbc.queryForObject(
                "insert into appointments (customer_id, lead_id, location_id, service_type, start_time, end_time)"
                        + " values (:customer, :lead, :loc, 'maintenance', :start, :end) returning id",
                Map.of("customer", customer, "lead", lead, "loc", location, "start", start, "end",
                        start.plusHours(1)),
                UUID.class);
    }
}
