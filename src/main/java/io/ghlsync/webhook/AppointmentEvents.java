package io.ghlsync.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.ghlsync.booking.AppointmentRepository;
import io.ghlsync.booking.AppointmentStatus;
import io.ghlsync.booking.TimeSlotRepository;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Applies GHL appointment events to booking appointments linked by {@code ghl_appointment_id} (inside the handler's
 * transaction), through booking's repositories. The newest GHL change wins (by {@code dateUpdated}); an event equal
 * to what the booking already holds, such as the echo of ghl-sync's own write, writes nothing. Nothing here queues a
 * sync back to GHL.
 */
public class AppointmentEvents {

    private final AppointmentRepository appointments;
    private final TimeSlotRepository slots;

    public AppointmentEvents(AppointmentRepository appointments, TimeSlotRepository slots) {
        this.appointments = appointments;
        this.slots = slots;
    }

    /**
     * @param deleted AppointmentDelete: the booking is cancelled (never removed)
     */
    public Outcome apply(GhlEvent event, boolean deleted) {
        JsonNode appt = event.appointment();
        if (appt == null || GhlEvent.text(appt, "id") == null) {
            return Outcome.ignored("appointment event without appointment.id");
        }
        AppointmentRepository.GhlLinked b = appointments.lockByGhlAppointmentId(GhlEvent.text(appt, "id"))
                .orElse(null);
        if (b == null) {
            return Outcome.ignored("GHL appointment is not linked to a booking");
        }
        Instant dateUpdated = GhlTimes.parse(appt, "dateUpdated");
        if (dateUpdated != null && b.ghlDateUpdated() != null && dateUpdated.isBefore(b.ghlDateUpdated())) {
            return Outcome.ignored("older than the GHL change already applied to appointment " + b.id());
        }

        // A GHL status without equivalent leaves ours alone.
        AppointmentStatus status = deleted ? AppointmentStatus.CANCELLED
                : AppointmentStatus.fromGhl(GhlEvent.text(appt, "appointmentStatus")).orElse(b.status());
        Instant start = GhlTimes.parse(appt, "startTime");
        Instant end = GhlTimes.parse(appt, "endTime");
        if (start == null) {
            start = b.start();
        }
        if (end == null || !end.isAfter(start)) {
            // GHL sometimes reports end == start; keep the booking's length rather than break end > start.
            end = start.plus(Duration.between(b.start(), b.end()));
        }

        if (status == b.status() && start.equals(b.start()) && end.equals(b.end())) {
            return Outcome.done("unchanged: appointment " + b.id() + " already matches");
        }
        boolean cancelling = status == AppointmentStatus.CANCELLED && b.status() != AppointmentStatus.CANCELLED;
        appointments.applyGhlChange(b.id(), status, status == b.status() ? null
                : (deleted ? "deleted in GoHighLevel" : "changed in GoHighLevel"), start, end, dateUpdated);
        String slotNote = "";
        if (cancelling) {
            slots.release(b.id());
            slotNote = ", slot freed";
        } else if (status.holdsSlot()
                && (!b.status().holdsSlot() || !start.equals(b.start()) || !end.equals(b.end()))) {
            slotNote = moveSlot(b, start, end);
        }
        return Outcome.done("appointment " + b.id() + " updated" + slotNote);
    }

    /**
     * Moved (or reopened) in GHL: the booking gives up its old slot and takes the one of its new time in its
     * location, as a reschedule through the booking API does. GHL already shows the new time, so a clash with
     * another booking does not undo it; the outcome names the clash and the appointment holds no slot.
     */
    private String moveSlot(AppointmentRepository.GhlLinked b, Instant start, Instant end) {
        TimeSlotRepository.LockedSlot slot = slots.moveTo(b.id(), b.locationId(), utc(start), utc(end));
        if (slot.takenByOtherThan(b.id())) {
            slots.release(b.id()); // it is no longer at its old time either
            appointments.setTimeSlot(b.id(), null);
            return ", new time already booked by appointment " + slot.appointmentId() + " (no slot held)";
        }
        appointments.setTimeSlot(b.id(), slot.id());
        return ", slot moved";
    }

    private static OffsetDateTime utc(Instant i) {
        return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }
}
