package io.ghlsync.webhook;

import com.fasterxml.jackson.databind.JsonNode;

/** A stored webhook claimed for handling. */
public record InboxEvent(long id, String webhookId, String type, String locationId, JsonNode payload, int attempts) {}
