package io.ghlsync.security;

import java.util.Locale;

/**
 * Who may call an HTTP surface. Every rule of the access policy names one or more owners; a caller is let through
 * when its principal satisfies any of them.
 */
public enum Owner {
    /** Anyone who reaches the port: GHL's webhooks, the OAuth redirect, probes, the dashboard's page. */
    ANONYMOUS("anonymous"),
    /** The booking app: tokens without a scope claim (as in the original design) or with {@code bookings:write}. */
    BOOKING("booking"),
    /** Operators who look: monitor, dead-letter list, metrics, Jolokia reads. */
    OPS_READ("ops:read"),
    /** Operators who act: replay, discard, retry, throttle writes, route start/stop. */
    OPS_WRITE("ops:write"),
    /** No caller at all, e.g. health's stack traces: the rule exists to refuse explicitly. */
    NOBODY("nobody");

    private final String label;

    Owner(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Owner parse(String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        for (Owner owner : values()) {
            if (owner.label.equals(wanted)) {
                return owner;
            }
        }
        throw new IllegalArgumentException(
                "unknown owner '" + text + "' (anonymous, booking, ops:read, ops:write or nobody)");
    }
}
