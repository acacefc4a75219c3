package io.ghlsync.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One outbox row: a booking change to carry to GHL.
 *
 * @param payload action details, e.g. {"reason": "..."} for cancel or {"changes": {field: {from, to}}} for update
 * @param createdAt when the event was committed (start of the event-to-GHL latency)
 */
public record SyncEvent(
        long id,
        UUID eventId,
        UUID appointmentId,
        SyncAction action,
        OffsetDateTime eventTimestamp,
        String idempotencyKey,
        String locationId,
        JsonNode payload,
        int attempts,
        OffsetDateTime createdAt) {

    public static String idempotencyKey(UUID appointmentId, SyncAction action, OffsetDateTime timestamp) {
        return appointmentId + ":" + action.wire() + ":" + timestamp.toInstant();
    }
}
