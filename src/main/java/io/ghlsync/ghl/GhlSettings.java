package io.ghlsync.ghl;

import io.ghlsync.config.Settings;

/** GHL client settings (application.properties, sections GoHighLevel, GHL rate limits and GHL simulator). */
public record GhlSettings(
        String apiKey,
        String baseUrl,
        String locationId,
        String locationIds,
        String calendarId,
        String versionContacts,
        String versionCalendars,
        String versionLocations,
        long locationStatusCacheMs,
        double dailyBudgetAlertPercent,
        int rateDailyMax,
        int rateBurstMax,
        long rateBurstPeriodMs,
        long rateMaxRetryAfterSeconds,
        int rateMax429Waits,
        int simulatorPort,
        long simulatorLatencyMs) {

    public static GhlSettings read(Settings s) {
        return new GhlSettings(
                s.string("ghl.api-key"),
                s.string("ghl.base-url"),
                s.string("ghl.location-id"),
                s.string("ghl.location-ids"),
                s.string("ghl.calendar-id"),
                s.string("ghl.version.contacts"),
                s.string("ghl.version.calendars"),
                s.string("ghl.version.locations"),
                s.longValue("ghl.locations.status-cache-ms"),
                Double.parseDouble(s.string("ghl.locations.daily-budget-alert-percent").trim()),
                s.integer("ghl.rate.daily-max"),
                s.integer("ghl.rate.burst-max"),
                s.longValue("ghl.rate.burst-period-ms"),
                s.longValue("ghl.rate.max-retry-after-seconds"),
                s.integer("ghl.rate.max-429-waits"),
                s.integer("ghl.simulator.port"),
                s.longValue("ghl.simulator.latency-ms"));
    }

    public boolean hasApiKey() {
        return !apiKey.isBlank();
    }

    /** The GHL calendar each booking also becomes an appointment in, or null. */
    public String calendarIdOrNull() {
        return calendarId.isBlank() ? null : calendarId.trim();
    }
}
