package io.ghlsync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ghlsync.config.Json;
import io.ghlsync.outbox.OutboxRepository;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The original SYNC_CONFIG.asyncMode flag. On (default): booking API answers return at once with the sync queued.
 * Off: they wait (up to sync.wait-timeout-ms) for the sync event's outcome and report it in {@code sync}.
 * The booking change is committed either way; only the answer waits.
 */
public class SyncResponseWaiter {

    private final boolean asyncMode;
    private final long timeoutMillis;
    private final OutboxRepository outbox;
    private final SyncWaiters waiters;

    public SyncResponseWaiter(boolean asyncMode, long timeoutMillis, OutboxRepository outbox, SyncWaiters waiters) {
        this.asyncMode = asyncMode;
        this.timeoutMillis = timeoutMillis;
        this.outbox = outbox;
        this.waiters = waiters;
    }

    /** Route step after a booking change: the response body, with its sync part filled in when waiting. */
    public ObjectNode apply(ObjectNode response) {
        JsonNode sync = response.path("sync");
        if (asyncMode || !sync.hasNonNull("eventId")) {
            return response;
        }
        UUID eventId = UUID.fromString(sync.get("eventId").asText());
        CompletableFuture<Void> done = waiters.register(eventId);
        Map<String, Object> row = outbox.find(eventId).orElseThrow();
        if (!isFinal(row)) {
            waiters.await(eventId, done, timeoutMillis);
            row = outbox.find(eventId).orElseThrow();
        }
        ObjectNode result = response.putObject("sync").put("eventId", eventId.toString());
        String status = (String) row.get("status");
        switch (status) {
            case "DONE", "DUPLICATE" -> {
                result.put("status", "done");
                JsonNode stored = read((String) row.get("result"));
                result.set("ghlContactId", stored.path("ghlContactId"));
                result.set("syncDetails", stored.path("syncDetails"));
            }
            case "DEAD" -> result.put("status", "failed").put("error", (String) row.get("last_error"));
            default -> result.put("status", "queued");
        }
        return response;
    }

    private static boolean isFinal(Map<String, Object> row) {
        return switch ((String) row.get("status")) {
            case "DONE", "DEAD", "DUPLICATE" -> true;
            default -> false;
        };
    }

    private static JsonNode read(String json) {
        try {
            return json == null ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(json);
        } catch (Exception e) {
            return Json.MAPPER.createObjectNode();
        }
    }
}
