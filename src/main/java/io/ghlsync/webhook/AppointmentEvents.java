package io.ghlsync.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.ghlsync.booking.AppointmentStatus;
import io.ghlsync.booking.TimeSlotRepository;
import io.ghlsync.config.SqlFiles;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Applies GHL appointment events to booking appointments linked by {@code ghl_appointment_id} (inside the handler's
 * transaction). The newest GHL change wins (by {@code dateUpdated}); an event equal to what the booking already
 * holds, such as the echo of ghl-sync's own write, writes nothing. Nothing here queues a sync back to GHL.
 */
public class AppointmentEvents {

    private static final String BY_GHL_ID = SqlFiles.load("webhook/appointment-by-ghl-id.sql");
    private static final String APPLY = SqlFiles.load("webhook/appointment-apply.sql");
    private static final String FREE_SLOT = SqlFiles.load("webhook/slot-free.sql");
    private static final String SET_SLOT = SqlFiles.load("webhook/appointment-set-slot.sql");

    private record Booking(UUID id, String status, String locationId, Instant start, Instant end,
            Instant ghlDateUpdated) {}

    private final NamedParameterJdbcTemplate jdbc;
    private final TimeSlotRepository slots;

    public AppointmentEvents(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.slots = new TimeSlotRepository(jdbc);
    }

    /**
     * @param deleted AppointmentDelete: the booking is cancelled (never removed)
     */
    public Outcome apply(GhlEvent event, boolean deleted) {
        JsonNode appt = event.appointment();
        if (appt == null || GhlEvent.text(appt, "id") == null) {
            return Outcome.ignored("appointment event without appointment.id");
        }
        List<Booking> rows = jdbc.query(BY_GHL_ID, Map.of("ghlAppointmentId", GhlEvent.text(appt, "id")),
                (rs, i) -> new Booking(rs.getObject("id", UUID.class), rs.getString("status"),
                        rs.getString("location_id"), rs.getTimestamp("start_time").toInstant(),
                        rs.getTimestamp("end_time").toInstant(), instant(rs.getTimestamp("ghl_date_updated"))));
        if (rows.isEmpty()) {
            return Outcome.ignored("GHL appointment is not linked to a booking");
        }
        Booking b = rows.get(0);
        Instant dateUpdated = GhlTimes.parse(appt, "dateUpdated");
        if (dateUpdated != null && b.ghlDateUpdated() != null && dateUpdated.isBefore(b.ghlDateUpdated())) {
            return Outcome.ignored("older than the GHL change already applied to appointment " + b.id());
        }

        String status = deleted ? "cancelled" : AppointmentStatusMapping.fromGhl(GhlEvent.text(appt, "appointmentStatus"));
        if (status == null) {
            status = b.status(); // a GHL status without equivalent leaves ours alone
        }
        Instant start = GhlTimes.parse(appt, "startTime");
        Instant end = GhlTimes.parse(appt, "endTime");
        if (start == null) {
            start = b.start();
        }
        if (end == null || !end.isAfter(start)) {
            // GHL sometimes reports end == start; keep the booking's length rather than break end > start.
            end = start.plus(Duration.between(b.start(), b.end()));
        }

        if (status.equals(b.status()) && start.equals(b.start()) && end.equals(b.end())) {
            return Outcome.done("unchanged: appointment " + b.id() + " already matches");
        }
        boolean cancelling = "cancelled".equals(status) && !"cancelled".equals(b.status());
        jdbc.update(APPLY, new MapSqlParameterSource("id", b.id())
                .addValue("status", status)
                .addValue("statusReason", Objects.equals(status, b.status()) ? null
                        : (deleted ? "deleted in GoHighLevel" : "changed in GoHighLevel"))
                .addValue("startTime", utc(start))
                .addValue("endTime", utc(end))
                .addValue("ghlDateUpdated", dateUpdated == null ? null : utc(dateUpdated)));
        String slotNote = "";
        if (cancelling) {
            jdbc.update(FREE_SLOT, Map.of("appointmentId", b.id()));
            slotNote = ", slot freed";
        } else if (holdsSlot(status)
                && (!holdsSlot(b.status()) || !start.equals(b.start()) || !end.equals(b.end()))) {
            slotNote = moveSlot(b, start, end);
        }
        return Outcome.done("appointment " + b.id() + " updated" + slotNote);
    }

    /**
     * Moved (or reopened) in GHL: the booking gives up its old slot and takes the one of its new time in its
     * location, as a reschedule through the booking API does. GHL already shows the new time, so a clash with
     * another booking does not undo it; the outcome names the clash and the appointment holds no slot.
     */
    private String moveSlot(Booking b, Instant start, Instant end) {
        TimeSlotRepository.LockedSlot slot = slots.moveTo(b.id(), b.locationId(), utc(start), utc(end));
        if (slot.takenByOtherThan(b.id())) {
            slots.release(b.id()); // it is no longer at its old time either
            jdbc.update(SET_SLOT, new MapSqlParameterSource("id", b.id()).addValue("slotId", null));
            return ", new time already booked by appointment " + slot.appointmentId() + " (no slot held)";
        }
        jdbc.update(SET_SLOT, new MapSqlParameterSource("id", b.id()).addValue("slotId", slot.id()));
        return ", slot moved";
    }

    private static boolean holdsSlot(String status) {
        return AppointmentStatus.fromWire(status).holdsSlot();
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }

    private static OffsetDateTime utc(Instant i) {
        return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }
}
