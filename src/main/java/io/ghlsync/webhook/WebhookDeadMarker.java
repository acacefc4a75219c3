package io.ghlsync.webhook;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Dead-letter end of the handler: the inbox row becomes DEAD with the last error as reason. */
public class WebhookDeadMarker implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookDeadMarker.class);

    private final WebhookInboxRepository inbox;

    public WebhookDeadMarker(WebhookInboxRepository inbox) {
        this.inbox = inbox;
    }

    @Override
    public void process(Exchange exchange) {
        InboxEvent event = exchange.getMessage().getBody(InboxEvent.class);
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String reason = e == null ? "failed" : e.getClass().getSimpleName() + ": " + e.getMessage();
        inbox.finish(event.id(), "DEAD", reason);
        // The message may quote payload values; the log keeps ids and the error class only.
        LOG.error("Webhook {} (inbox row {}, claim {}) is DEAD, its retries ran out: {}", event.webhookId(),
                event.id(), event.attempts(), e == null ? "unknown" : e.getClass().getName());
    }
}
