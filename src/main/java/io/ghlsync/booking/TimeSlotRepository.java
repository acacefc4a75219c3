package io.ghlsync.booking;

import io.ghlsync.config.SqlFiles;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The time_slots table: one row per GHL location and exact (start, end) range, booked by at most one appointment.
 */
public class TimeSlotRepository {

    private static final String ENSURE = SqlFiles.load("booking/time-slot-ensure.sql");
    private static final String LOCK = SqlFiles.load("booking/time-slot-lock.sql");
    private static final String BOOK = SqlFiles.load("booking/time-slot-book.sql");
    private static final String RELEASE = SqlFiles.load("booking/time-slot-release.sql");

    /** A slot row as read under its row lock. {@code holderStatus} is the status of the booking appointment. */
    public record LockedSlot(UUID id, String status, UUID appointmentId, AppointmentStatus holderStatus) {

        /** Booked by an appointment other than {@code self} that still holds it (scheduled or confirmed). */
        public boolean takenByOtherThan(UUID self) {
            return "booked".equals(status)
                    && appointmentId != null
                    && !appointmentId.equals(self)
                    && holderStatus != null
                    && holderStatus.holdsSlot();
        }
    }

    private final NamedParameterJdbcTemplate jdbc;

    public TimeSlotRepository(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Makes sure the slot row exists and locks it for the rest of the transaction. A concurrent transaction that
     * creates or books the same range makes this wait until it commits, then sees its booking.
     */
    public LockedSlot lock(String locationId, OffsetDateTime start, OffsetDateTime end) {
        MapSqlParameterSource p = new MapSqlParameterSource("start", start).addValue("end", end)
                .addValue("location", locationId == null ? "" : locationId);
        jdbc.update(ENSURE, p);
        return jdbc.queryForObject(LOCK, p, (rs, i) -> {
                    String holder = rs.getString("holder_status");
                    return new LockedSlot(rs.getObject("id", UUID.class), rs.getString("status"),
                            rs.getObject("appointment_id", UUID.class),
                            holder == null ? null : AppointmentStatus.fromWire(holder));
                });
    }

    /**
     * Moves an appointment to the slot of a new range in its location: locks that slot and, unless another
     * appointment holds it, frees the appointment's current slot and books this one. The caller tells the two apart
     * with {@code takenByOtherThan(appointmentId)} on the result; when taken, nothing was changed.
     */
    public LockedSlot moveTo(UUID appointmentId, String locationId, OffsetDateTime start, OffsetDateTime end) {
        LockedSlot slot = lock(locationId, start, end);
        if (!slot.takenByOtherThan(appointmentId)) {
            release(appointmentId);
            book(slot.id(), appointmentId);
        }
        return slot;
    }

    public void book(UUID slotId, UUID appointmentId) {
        jdbc.update(BOOK, new MapSqlParameterSource("id", slotId).addValue("appointmentId", appointmentId));
    }

    /** Frees whatever slot this appointment holds (cancelled, moved, or its new time taken). */
    public void release(UUID appointmentId) {
        jdbc.update(RELEASE, new MapSqlParameterSource("appointmentId", appointmentId));
    }
}
