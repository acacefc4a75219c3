package io.ghlsync.booking;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ghlsync.config.Json;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/** One row of the appointments table. */
public record Appointment(
        UUID id,
        UUID customerId,
        UUID leadId,
        UUID timeSlotId,
        String locationId,
        String serviceType,
        OffsetDateTime startTime,
        OffsetDateTime endTime,
        String address,
        String notes,
        AppointmentStatus status,
        String statusReason,
        String ghlAppointmentId,
        int version,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    /** The API's view of the appointment; times in UTC ISO-8601. */
    public ObjectNode toJson() {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("id", id.toString());
        n.put("status", status.wire());
        n.put("statusReason", statusReason);
        n.put("customerId", customerId.toString());
        n.put("leadId", leadId == null ? null : leadId.toString());
        n.put("timeSlotId", timeSlotId == null ? null : timeSlotId.toString());
        n.put("locationId", locationId);
        n.put("serviceType", serviceType);
        n.put("startTime", iso(startTime));
        n.put("endTime", iso(endTime));
        n.put("address", address);
        n.put("notes", notes);
        n.put("ghlAppointmentId", ghlAppointmentId);
        n.put("version", version);
        n.put("createdAt", iso(createdAt));
        n.put("updatedAt", iso(updatedAt));
        return n;
    }

    /** RFC 3339 in UTC, always with seconds (OffsetDateTime.toString drops ":00"). */
    static String iso(OffsetDateTime t) {
        return t == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.withOffsetSameInstant(ZoneOffset.UTC));
    }
}
