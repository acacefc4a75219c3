package io.ghlsync.webhook;

import io.ghlsync.config.ApiErrorResponder;
import io.ghlsync.config.ApiException;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JSON errors of the webhook intake. Differs from the shared API policy in one point: an unexpected failure is a
 * 429, never a 5xx, because GHL retries a webhook only when it gets 429; anything else would lose the event.
 */
public class WebhookErrorResponder implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookErrorResponder.class);

    private final ApiErrorResponder json = new ApiErrorResponder();

    @Override
    public void process(Exchange exchange) {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (!(e instanceof ApiException)) {
            LOG.error("Webhook intake failed unexpectedly: {}", e == null ? "unknown" : e.getClass().getName(), e);
            exchange.setProperty(Exchange.EXCEPTION_CAUGHT, new ApiException(429, "Webhook not stored, retry later",
                    List.of(new ApiException.FieldError("inbox", "unexpected error"))));
        }
        json.process(exchange);
    }
}
