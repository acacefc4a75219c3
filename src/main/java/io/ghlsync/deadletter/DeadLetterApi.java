package io.ghlsync.deadletter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ghlsync.config.ApiException;
import io.ghlsync.config.QueryParameters;
import io.ghlsync.config.ApiException.FieldError;
import io.ghlsync.config.Json;
import io.ghlsync.config.RequestValidator;
import io.ghlsync.config.StrictUtf8;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;

/** HTTP side of dead-letter management: reads the request, calls the repository/replayer, writes the JSON answer. */
public class DeadLetterApi {

    static final int MAX_REASON_LENGTH = 500;

    private final DeadLetterRepository deadLetters;
    private final DeadLetterReplayer replayer;

    public DeadLetterApi(DeadLetterRepository deadLetters, DeadLetterReplayer replayer) {
        this.deadLetters = deadLetters;
        this.replayer = replayer;
    }

    /** GET /api/dead-letters?appointmentId=&action=&errorClass=&olderThanMinutes=&status=&limit= */
    public void list(Exchange exchange) {
        DeadLetterFilter filter = DeadLetterFilter.parse(QueryParameters.of(exchange), "query");
        List<DeadLetterEntry> entries = deadLetters.list(filter);
        ObjectNode body = Json.MAPPER.createObjectNode().put("success", true).put("count", entries.size());
        body.set("data", Json.MAPPER.valueToTree(entries));
        respond(exchange, 200, body);
    }

    /** POST /api/dead-letters/{id}/replay */
    public void replayOne(Exchange exchange) {
        long id = pathId(exchange);
        DeadLetterReplayer.Outcome outcome = replayer.replayOne(id).orElseThrow(() -> notReplayable(id));
        respond(exchange, 200, Json.MAPPER.createObjectNode().put("success", true).put("id", id)
                .put("outcome", outcome.name()));
    }

    /** POST /api/dead-letters/replay with a filter body (same fields as the list query; {} = everything open). */
    public void replayMatching(Exchange exchange) {
        JsonNode body = readBody(exchange);
        Map<String, String> values = new LinkedHashMap<>();
        body.fields().forEachRemaining(f -> {
            if (!f.getValue().isValueNode()) {
                throw new ApiException(400, "Invalid dead-letter filter",
                        List.of(new FieldError("body." + f.getKey(), "must be a single value")));
            }
            values.put(f.getKey(), f.getValue().isNull() ? null : f.getValue().asText());
        });
        DeadLetterReplayer.Summary s = replayer.replayMatching(DeadLetterFilter.parse(values, "body"));
        respond(exchange, 200, summary(s));
    }

    /** POST /api/dead-letters/{id}/discard {"reason": "..."} */
    public void discard(Exchange exchange) {
        long id = pathId(exchange);
        JsonNode body = readBody(exchange);
        JsonNode reason = body.get("reason");
        if (reason == null || !reason.isTextual() || reason.asText().isBlank()) {
            throw new ApiException(400, "A reason is required to discard a dead letter",
                    List.of(new FieldError("body.reason", "required, non-empty text")));
        }
        if (reason.asText().length() > MAX_REASON_LENGTH) {
            throw new ApiException(400, "Reason too long",
                    List.of(new FieldError("body.reason", "at most " + MAX_REASON_LENGTH + " characters")));
        }
        if (!deadLetters.discard(id, reason.asText().trim())) {
            throw notReplayable(id);
        }
        respond(exchange, 200, Json.MAPPER.createObjectNode().put("success", true).put("id", id)
                .put("status", "DISCARDED"));
    }

    static ObjectNode summary(DeadLetterReplayer.Summary s) {
        return Json.MAPPER.createObjectNode().put("success", true)
                .put("replayed", s.replayed())
                .put("superseded", s.superseded())
                .put("rescheduled", s.rescheduled());
    }

    private ApiException notReplayable(long id) {
        return deadLetters.find(id)
                .map(e -> new ApiException(409, "Dead letter " + id + " is " + e.status()
                        + "; only OPEN or PARKED entries can be replayed or discarded"))
                .orElseGet(() -> new ApiException(404, "No dead letter with id " + id));
    }

    private static long pathId(Exchange exchange) {
        String raw = exchange.getMessage().getHeader("id", String.class);
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new ApiException(400, "Invalid dead-letter id",
                    List.of(new FieldError("path.id", "must be a number")));
        }
    }

    static JsonNode readBody(Exchange exchange) {
        // An empty body is refused rather than read as {}: for the bulk replay {} means "everything", and that must
        // be asked for explicitly (found by the hostile-input proof: an empty POST replayed every dead letter).
        RequestValidator.checkContentType(exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class));
        byte[] raw = exchange.getMessage().getBody(byte[].class);
        String text = raw == null ? "" : StrictUtf8.decode(raw);
        if (text.isBlank()) {
            throw new ApiException(400, "Request body is empty; send a JSON object",
                    List.of(new FieldError("body", "required (use {} for no filter)")));
        }
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new ApiException(400, "Body is not valid JSON", List.of(new FieldError("body", "invalid JSON")));
        }
        if (node == null || !node.isObject()) {
            throw new ApiException(400, "Body must be a JSON object", List.of(new FieldError("body", "not an object")));
        }
        return node;
    }

    static void respond(Exchange exchange, int status, JsonNode body) {
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(body.toString());
    }
}
