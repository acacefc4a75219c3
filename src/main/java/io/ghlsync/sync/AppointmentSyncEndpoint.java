package io.ghlsync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ghlsync.booking.AppointmentRepository;
import io.ghlsync.config.ApiException;
import io.ghlsync.config.Json;
import io.ghlsync.deadletter.DeadLetterRepository;
import io.ghlsync.outbox.OutboxRepository;
import io.ghlsync.outbox.SyncAction;
import io.ghlsync.outbox.SyncEvent;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.camel.Exchange;

/**
 * The original design's {@code POST /gohighlevel-appointment-sync}, made durable: the request becomes an outbox
 * event (the same appointment/action/timestamp only once), then the caller waits for its outcome up to a limit.
 * Done → the original 200 JSON; dead-lettered → the original 500 JSON; still running → 202 with the event id.
 */
public class AppointmentSyncEndpoint {

    private final AppointmentRepository appointments;
    private final OutboxRepository outbox;
    private final DeadLetterRepository deadLetters;
    private final SyncWaiters waiters;
    private final long waitTimeoutMillis;
    private final long replayDelayMillis;
    private final String defaultLocation;

    public AppointmentSyncEndpoint(AppointmentRepository appointments, OutboxRepository outbox,
            DeadLetterRepository deadLetters, SyncWaiters waiters, long waitTimeoutMillis, long replayDelayMillis,
            String defaultLocation) {
        this.appointments = appointments;
        this.outbox = outbox;
        this.deadLetters = deadLetters;
        this.waiters = waiters;
        this.waitTimeoutMillis = waitTimeoutMillis;
        this.replayDelayMillis = replayDelayMillis;
        this.defaultLocation = defaultLocation;
    }

    public void handle(Exchange exchange) {
        long started = System.nanoTime();
        JsonNode request = exchange.getMessage().getBody(JsonNode.class); // checked by step appointment-sync-read
        UUID appointmentId = UUID.fromString(request.get("appointmentId").asText());
        SyncAction action = SyncAction.fromWire(request.get("action").asText());
        OffsetDateTime timestamp = request.hasNonNull("timestamp")
                ? OffsetDateTime.parse(request.get("timestamp").asText())
                : OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
        String location = locationOf(appointmentId);

        UUID eventId = outbox.insert(appointmentId, action, timestamp, location, Json.MAPPER.createObjectNode())
                .or(() -> outbox.findByKey(SyncEvent.idempotencyKey(appointmentId, action, timestamp)))
                .orElseThrow(() -> new IllegalStateException("outbox event vanished"));
        CompletableFuture<Void> finished = waiters.register(eventId);
        Map<String, Object> row = outbox.find(eventId).orElseThrow();
        if (!isFinal(row)) {
            waiters.await(eventId, finished, waitTimeoutMillis);
            row = outbox.find(eventId).orElseThrow();
        }
        long processingTime = (System.nanoTime() - started) / 1_000_000;
        respond(exchange, row, appointmentId, action, timestamp, eventId, processingTime);
    }

    private String locationOf(UUID appointmentId) {
        String location = appointments.locationOf(appointmentId).orElseThrow(() -> new ApiException(404,
                "Appointment not found",
                List.of(new ApiException.FieldError("appointmentId", "no appointment with this id"))));
        return location.isEmpty() ? defaultLocation : location;
    }

    private static boolean isFinal(Map<String, Object> row) {
        String status = (String) row.get("status");
        return "DONE".equals(status) || "DEAD".equals(status) || "DUPLICATE".equals(status);
    }

    private void respond(Exchange exchange, Map<String, Object> row, UUID appointmentId, SyncAction action,
            OffsetDateTime timestamp, UUID eventId, long processingTime) {
        String status = (String) row.get("status");
        ObjectNode body = Json.MAPPER.createObjectNode();
        int http;
        if ("DONE".equals(status) || "DUPLICATE".equals(status)) {
            JsonNode result = readJson((String) row.get("result"));
            http = 200;
            body.put("success", true)
                    .put("appointmentId", appointmentId.toString())
                    .put("action", action.wire())
                    .set("ghlContactId", result.path("ghlContactId").isMissingNode()
                            ? Json.MAPPER.nullNode() : result.path("ghlContactId"));
            body.set("syncDetails", result.path("syncDetails").isMissingNode()
                    ? Json.MAPPER.createObjectNode() : result.path("syncDetails"));
            body.put("timestamp", timestamp.toInstant().toString()).put("processingTime", processingTime);
            body.put("eventId", eventId.toString());
        } else if ("DEAD".equals(status)) {
            Optional<Map<String, Object>> dead = deadLetters.latestForEvent(eventId);
            boolean retryable = dead.map(d -> Boolean.TRUE.equals(d.get("retryable"))).orElse(false);
            http = 500;
            body.put("success", false)
                    .put("error", "Sync failed")
                    .put("message", dead.map(d -> (String) d.get("error")).orElse((String) row.get("last_error")))
                    .put("retryable", retryable)
                    .put("appointmentId", appointmentId.toString());
            if (retryable) {
                body.put("retryAfter", Math.max(1, replayDelayMillis / 1000));
            }
            body.put("eventId", eventId.toString());
        } else {
            http = 202;
            body.put("success", true)
                    .put("status", "queued")
                    .put("eventId", eventId.toString())
                    .put("appointmentId", appointmentId.toString())
                    .put("action", action.wire())
                    .put("timestamp", timestamp.toInstant().toString())
                    .put("processingTime", processingTime);
        }
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, http);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(body.toString());
    }

    private static JsonNode readJson(String json) {
        try {
            return json == null ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(json);
        } catch (Exception e) {
            return Json.MAPPER.createObjectNode();
        }
    }
}
