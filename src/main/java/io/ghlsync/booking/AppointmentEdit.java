package io.ghlsync.booking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ghlsync.config.ApiException;
import io.ghlsync.config.Json;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

/**
 * What a PATCH does to an appointment: the edited row and the fields that really changed, as
 * {@code {field: {from, to}}} for the outbox (the GHL note lists them).
 *
 * @param edited  the appointment with the new values (same id and version as read)
 * @param changes only fields whose value differs; empty when the request changes nothing
 */
public record AppointmentEdit(Appointment edited, ObjectNode changes) {

    /**
     * Applies a validated PATCH body. A new startTime without endTime keeps the appointment's length; a lone endTime
     * only moves the end. Times are compared as instants, so the same moment in another offset is no change.
     */
    public static AppointmentEdit of(Appointment current, JsonNode patch) {
        OffsetDateTime start = current.startTime();
        OffsetDateTime end = current.endTime();
        if (patch.hasNonNull("startTime")) {
            start = OffsetDateTime.parse(patch.get("startTime").asText());
            end = patch.hasNonNull("endTime")
                    ? OffsetDateTime.parse(patch.get("endTime").asText())
                    : start.plus(Duration.between(current.startTime(), current.endTime()));
        } else if (patch.hasNonNull("endTime")) {
            end = OffsetDateTime.parse(patch.get("endTime").asText());
        }
        if (!end.isAfter(start)) {
            throw new ApiException(400, "Request validation failed",
                    List.of(new ApiException.FieldError("endTime", "must be after startTime")));
        }
        String serviceType = patch.hasNonNull("serviceType") ? patch.get("serviceType").asText()
                : current.serviceType();
        String address = patch.has("address") ? text(patch.get("address")) : current.address();
        String notes = patch.has("notes") ? text(patch.get("notes")) : current.notes();

        ObjectNode changes = Json.MAPPER.createObjectNode();
        if (!start.isEqual(current.startTime())) {
            change(changes, "startTime", Appointment.iso(current.startTime()), Appointment.iso(start));
        }
        if (!end.isEqual(current.endTime())) {
            change(changes, "endTime", Appointment.iso(current.endTime()), Appointment.iso(end));
        }
        if (!Objects.equals(serviceType, current.serviceType())) {
            change(changes, "serviceType", current.serviceType(), serviceType);
        }
        if (!Objects.equals(address, current.address())) {
            change(changes, "address", current.address(), address);
        }
        if (!Objects.equals(notes, current.notes())) {
            change(changes, "notes", current.notes(), notes);
        }
        Appointment edited = new Appointment(current.id(), current.customerId(), current.leadId(),
                current.timeSlotId(), current.locationId(), serviceType, start, end, address, notes, current.status(),
                current.statusReason(), current.ghlAppointmentId(), current.version(), current.createdAt(),
                current.updatedAt());
        return new AppointmentEdit(edited, changes);
    }

    public boolean changesNothing() {
        return changes.isEmpty();
    }

    /** Start or end moved, so the slot booking has to move too. */
    public boolean reschedules() {
        return changes.has("startTime") || changes.has("endTime");
    }

    public Appointment withSlot(java.util.UUID slotId) {
        Appointment a = edited;
        return new Appointment(a.id(), a.customerId(), a.leadId(), slotId, a.locationId(), a.serviceType(),
                a.startTime(), a.endTime(), a.address(), a.notes(), a.status(), a.statusReason(),
                a.ghlAppointmentId(), a.version(), a.createdAt(), a.updatedAt());
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    private static void change(ObjectNode changes, String field, String from, String to) {
        ObjectNode c = changes.putObject(field);
        c.put("from", from);
        c.put("to", to);
    }
}
