package io.ghlsync.booking;

import io.ghlsync.config.Settings;

/** Booking API settings (application.properties, section booking API). */
public record BookingSettings(String baseUrl, int defaultDurationMinutes, String timeZone) {

    public static BookingSettings read(Settings s) {
        return new BookingSettings(
                s.string("booking.base-url"),
                s.integer("booking.default-duration-minutes"),
                s.string("booking.time-zone"));
    }
}
