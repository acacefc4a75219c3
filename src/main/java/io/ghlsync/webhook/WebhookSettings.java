package io.ghlsync.webhook;

import io.ghlsync.config.Settings;

/** Webhook intake and handling settings (application.properties, sections GHL webhooks and service). */
public record WebhookSettings(
        String ed25519PublicKey,
        String ed25519Provider,
        String rsaPublicKey,
        boolean legacyRsaEnabled,
        boolean skipSignatureValidation,
        long timestampWindowMinutes,
        int storeWriters,
        int storeBatchMax,
        int storeQueueCapacity,
        long storeTimeoutMs,
        int inboxBatchSize,
        long inboxLeaseMs,
        int workers,
        long maxBodyBytes,
        int httpWorkerThreads) {

    public static WebhookSettings read(Settings s) {
        return new WebhookSettings(
                s.string("webhook.ed25519-public-key"),
                s.string("webhook.ed25519-provider"),
                s.string("webhook.rsa-public-key"),
                s.bool("webhook.legacy-rsa-enabled"),
                s.bool("webhook.skip-signature-validation"),
                s.longValue("webhook.timestamp-window-minutes"),
                s.integer("webhook.store.writers"),
                s.integer("webhook.store.batch-max"),
                s.integer("webhook.store.queue-capacity"),
                s.longValue("webhook.store.timeout-ms"),
                s.integer("webhook.inbox.batch-size"),
                s.longValue("webhook.inbox.lease-ms"),
                s.integer("webhook.workers"),
                s.longValue("camel.server.max-body-size"),
                s.integer("http.worker-threads"));
    }
}
