package io.ghlsync.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.ghlsync.config.ApiException;
import io.ghlsync.config.Json;
import io.ghlsync.config.JsonSyntax;
import io.ghlsync.config.StrictUtf8;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Parses a verified body (only after the signature check) into a {@link WebhookEnvelope}, set as exchange property
 * {@value #ENVELOPE}. Rejects with 400 what is not a JSON object event or could never be applied.
 */
public class WebhookEnvelopeReader implements Processor {

    public static final String ENVELOPE = "webhookEnvelope";

    @Override
    public void process(Exchange exchange) {
        exchange.setProperty(ENVELOPE, read(exchange.getMessage().getBody(byte[].class)));
    }

    public WebhookEnvelope read(byte[] raw) {
        String text = StrictUtf8.decodeOrNull(raw);
        if (text == null) {
            throw badRequest("Body is not valid JSON", "body", "not UTF-8 encoded");
        }
        if (text.indexOf('\u0000') >= 0) {
            // JSON never holds a raw NUL; refusing it also keeps Jackson's byte parser from taking the body for
            // UTF-16 or UTF-32, which it detects by NUL bytes at the start.
            throw badRequest("Body is not valid JSON", "body", "contains a NUL byte");
        }
        JsonNode root;
        try {
            // From the bytes: Jackson's UTF-8 byte parser is its fastest path (the text is only stored).
            root = Json.MAPPER.readTree(raw);
        } catch (JsonProcessingException e) {
            throw badRequest("Body is not valid JSON", "body", JsonSyntax.describe(e));
        } catch (IOException e) {
            throw badRequest("Body is not valid JSON", "body", "unreadable");
        }
        if (root == null || !root.isObject()) {
            throw badRequest("Body is not a JSON object", "body", "a webhook event is a JSON object");
        }
        if (text.contains("\\u0000")) {
            // PostgreSQL text cannot hold NUL characters: such an event could never be applied, so refuse it now.
            throw badRequest("Event cannot be stored", "body", "contains the NUL character \\u0000");
        }
        GhlEvent event = GhlEvent.of(root);
        String type = event.type();
        if (type == null || type.isBlank()) {
            throw badRequest("Event type missing", "type", "a GHL event names its type, e.g. ContactCreate");
        }
        if (!event.typeIsText()) {
            throw badRequest("Event type is not text", "type", "must be a JSON string, e.g. \"ContactCreate\"");
        }
        String webhookId = event.webhookId();
        if (webhookId == null || webhookId.isBlank()) {
            webhookId = "sha256:" + sha256(raw);
        }
        return new WebhookEnvelope(webhookId, type, event.locationId(), event.entityKey(),
                timestamp(event.timestamp()), text);
    }

    static Instant timestamp(JsonNode ts) {
        if (ts == null || ts.isNull()) {
            return null;
        }
        if (ts.isNumber()) {
            long n = ts.asLong();
            return n > 100_000_000_000L ? Instant.ofEpochMilli(n) : Instant.ofEpochSecond(n);
        }
        if (ts.isTextual()) {
            String s = ts.asText().trim();
            try {
                return OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException e) {
                try {
                    return Instant.ofEpochMilli(Long.parseLong(s));
                } catch (NumberFormatException ignored) {
                    // reported below
                }
            }
        }
        throw badRequest("Invalid timestamp", "timestamp", "must be an ISO-8601 date-time such as 2025-01-28T14:35:00Z");
    }

    static String sha256(byte[] raw) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ApiException badRequest(String error, String field, String message) {
        return new ApiException(400, error, List.of(new ApiException.FieldError(field, message)));
    }
}
