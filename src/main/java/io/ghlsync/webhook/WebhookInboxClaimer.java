package io.ghlsync.webhook;

import java.util.List;

/** Claims the next stored webhooks for the handler routes (bean method called by the poller route). */
public class WebhookInboxClaimer {

    private final WebhookInboxRepository inbox;
    private final int batchSize;
    private final long leaseMillis;

    public WebhookInboxClaimer(WebhookInboxRepository inbox, int batchSize, long leaseMillis) {
        this.inbox = inbox;
        this.batchSize = batchSize;
        this.leaseMillis = leaseMillis;
    }

    public List<InboxEvent> claim() {
        return inbox.claim(batchSize, leaseMillis);
    }
}
