package io.ghlsync.webhook;

import io.ghlsync.config.Json;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** The 200 answer once the webhook is committed: {@code {"success":true,"webhookId":..,"duplicate":..}}. */
public class WebhookAcknowledger implements Processor {

    @Override
    public void process(Exchange exchange) {
        WebhookEnvelope envelope = exchange.getProperty(WebhookEnvelopeReader.ENVELOPE, WebhookEnvelope.class);
        boolean duplicate = Boolean.TRUE.equals(exchange.getProperty(WebhookInboxWriter.DUPLICATE, Boolean.class));
        String body = Json.MAPPER.createObjectNode()
                .put("success", true)
                .put("webhookId", envelope.webhookId())
                .put("duplicate", duplicate)
                .toString();
        // Request headers (signatures included) must not be echoed into the response.
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(body);
    }
}
