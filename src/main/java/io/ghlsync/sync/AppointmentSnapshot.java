package io.ghlsync.sync;

import io.ghlsync.booking.Appointment;
import io.ghlsync.booking.AppointmentStatus;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** A booking appointment as the sync reads it (loaded by booking's AppointmentRepository). */
public record AppointmentSnapshot(
        UUID id,
        UUID customerId,
        UUID leadId,
        String locationId,
        String serviceType,
        OffsetDateTime startTime,
        OffsetDateTime endTime,
        String address,
        AppointmentStatus status,
        String statusReason,
        String ghlAppointmentId) {

    /** The fields the sync uses, times in UTC. */
    public static AppointmentSnapshot of(Appointment a) {
        return new AppointmentSnapshot(a.id(), a.customerId(), a.leadId(), a.locationId(), a.serviceType(),
                utc(a.startTime()), utc(a.endTime()), a.address(), a.status(), a.statusReason(),
                a.ghlAppointmentId());
    }

    private static OffsetDateTime utc(OffsetDateTime t) {
        return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC);
    }
}
