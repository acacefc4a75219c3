package io.ghlsync.webhook;

import java.util.Locale;
import java.util.Map;

/** GHL appointmentStatus ↔ booking appointment status. */
public final class AppointmentStatusMapping {

    private static final Map<String, String> FROM_GHL = Map.of(
            "new", "scheduled",
            "active", "scheduled",
            "confirmed", "confirmed",
            "cancelled", "cancelled",
            "showed", "completed",
            "completed", "completed",
            "noshow", "no_show");

    private static final Map<String, String> TO_GHL = Map.of(
            "scheduled", "new",
            "confirmed", "confirmed",
            "cancelled", "cancelled",
            "completed", "showed",
            "no_show", "noshow");

    private AppointmentStatusMapping() {}

    /** @return our status, or null for a GHL status we have no equivalent of (e.g. invalid): status stays as is */
    public static String fromGhl(String ghlStatus) {
        return ghlStatus == null ? null : FROM_GHL.get(ghlStatus.trim().toLowerCase(Locale.ROOT));
    }

    public static String toGhl(String status) {
        return status == null ? null : TO_GHL.get(status);
    }
}
