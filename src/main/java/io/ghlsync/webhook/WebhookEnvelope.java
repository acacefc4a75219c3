package io.ghlsync.webhook;

import java.time.Instant;

/**
 * What the intake needs to know about a verified event before storing it.
 *
 * @param webhookId  GHL's webhookId, or {@code sha256:<hex>} of the raw body when absent
 * @param entityKey  contact:<id> or appointment:<id>: events of one entity are handled in order; null when none
 * @param timestamp  the event's own timestamp, null when the event carries none
 * @param rawBody    the exact signed bytes decoded as UTF-8 (JSON is UTF-8)
 */
public record WebhookEnvelope(
        String webhookId, String type, String locationId, String entityKey, Instant timestamp, String rawBody) {}
