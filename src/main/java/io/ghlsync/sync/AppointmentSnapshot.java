package io.ghlsync.sync;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A booking appointment as the sync reads it. */
public record AppointmentSnapshot(
        UUID id,
        UUID customerId,
        UUID leadId,
        String locationId,
        String serviceType,
        OffsetDateTime startTime,
        OffsetDateTime endTime,
        String address,
        String status,
        String statusReason,
        String ghlAppointmentId) {}
