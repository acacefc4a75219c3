package io.ghlsync.sync;

import java.time.Instant;
import java.util.UUID;

/** GHL objects kept per booking appointment: its one reminder task and that task's due time. */
public record AppointmentLink(UUID appointmentId, String contactId, String reminderTaskId, Instant reminderDue) {

    public boolean hasReminder() {
        return reminderTaskId != null;
    }
}
