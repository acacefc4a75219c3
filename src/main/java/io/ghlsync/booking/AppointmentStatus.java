package io.ghlsync.booking;

import io.ghlsync.outbox.SyncAction;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Appointment life cycle, the one status of a booking appointment (column appointments.status, the booking API, the
 * sync and GHL webhooks). scheduled → confirmed | cancelled | completed | no_show; confirmed → cancelled | completed |
 * no_show; cancelled, completed and no_show are final. Also the one mapping to and from GHL's appointmentStatus.
 */
public enum AppointmentStatus {
    SCHEDULED, CONFIRMED, CANCELLED, COMPLETED, NO_SHOW;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AppointmentStatus fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** GHL's appointmentStatus for this status, as the sync writes it to a GHL calendar appointment. */
    public String ghl() {
        return switch (this) {
            case SCHEDULED -> "new";
            case CONFIRMED -> "confirmed";
            case CANCELLED -> "cancelled";
            case COMPLETED -> "showed";
            case NO_SHOW -> "noshow";
        };
    }

    /**
     * The status a GHL appointmentStatus (as GHL webhooks carry it) stands for; empty for one without equivalent
     * (e.g. invalid), which leaves the booking's status as it is.
     */
    public static Optional<AppointmentStatus> fromGhl(String ghlStatus) {
        if (ghlStatus == null) {
            return Optional.empty();
        }
        return switch (ghlStatus.trim().toLowerCase(Locale.ROOT)) {
            case "new", "active" -> Optional.of(SCHEDULED);
            case "confirmed" -> Optional.of(CONFIRMED);
            case "cancelled" -> Optional.of(CANCELLED);
            case "showed", "completed" -> Optional.of(COMPLETED);
            case "noshow" -> Optional.of(NO_SHOW);
            default -> Optional.empty();
        };
    }

    /** Statuses this one may move to (not counting itself, which is always an idempotent no-op). */
    public Set<AppointmentStatus> next() {
        return switch (this) {
            case SCHEDULED -> EnumSet.of(CONFIRMED, CANCELLED, COMPLETED, NO_SHOW);
            case CONFIRMED -> EnumSet.of(CANCELLED, COMPLETED, NO_SHOW);
            case CANCELLED, COMPLETED, NO_SHOW -> EnumSet.noneOf(AppointmentStatus.class);
        };
    }

    public boolean canMoveTo(AppointmentStatus target) {
        return next().contains(target);
    }

    public boolean isFinal() {
        return next().isEmpty();
    }

    /** An appointment in this status still holds its time slot against other bookings. */
    public boolean holdsSlot() {
        return this == SCHEDULED || this == CONFIRMED;
    }

    /** Whether the appointment's details (time, service, address, notes) may still be edited. */
    public boolean editable() {
        return this != CANCELLED && this != COMPLETED;
    }

    /** The outbox action that carries a move into this status to GHL; empty for scheduled (never a target). */
    public Optional<SyncAction> syncAction() {
        return switch (this) {
            case CONFIRMED -> Optional.of(SyncAction.CONFIRM);
            case CANCELLED -> Optional.of(SyncAction.CANCEL);
            case COMPLETED -> Optional.of(SyncAction.COMPLETE);
            // GHL has no no-show operation of its own: it goes as an update listing the status change.
            case NO_SHOW -> Optional.of(SyncAction.UPDATE);
            case SCHEDULED -> Optional.empty();
        };
    }
}
