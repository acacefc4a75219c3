package io.ghlsync.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** GHL date-times in webhook payloads: ISO-8601 with offset or Z (e.g. 2023-09-25T16:00:00+05:30). */
final class GhlTimes {

    private GhlTimes() {}

    /** @return the instant, or null when the field is absent or empty */
    static Instant parse(JsonNode node, String field) {
        String s = GhlEvent.text(node, field);
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw new UnreadableEventException(field + " is not an ISO-8601 date-time with offset");
        }
    }
}
