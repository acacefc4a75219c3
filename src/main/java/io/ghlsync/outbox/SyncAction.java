package io.ghlsync.outbox;

import java.util.Locale;

/** What happened to a booking appointment, as the original design's {@code action}. */
public enum SyncAction {
    CREATE, UPDATE, CONFIRM, CANCEL, COMPLETE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SyncAction fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
