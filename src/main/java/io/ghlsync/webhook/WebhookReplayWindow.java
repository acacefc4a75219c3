package io.ghlsync.webhook;

import io.ghlsync.config.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Rejects (401) an event whose own {@code timestamp} lies further than the window from now, in either direction.
 * The window must outlast GHL's retry schedule (6 retries about 10 minutes apart) because retries resend the same
 * payload. Events without a timestamp pass; their replay protection is the webhookId (or body hash) de-duplication.
 */
public class WebhookReplayWindow implements Processor {

    private final Duration window;
    private final Clock clock;

    public WebhookReplayWindow(Duration window, Clock clock) {
        this.window = window;
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) {
        check(exchange.getProperty(WebhookEnvelopeReader.ENVELOPE, WebhookEnvelope.class).timestamp());
    }

    public void check(Instant timestamp) {
        if (timestamp == null) {
            return;
        }
        Duration skew = Duration.between(clock.instant(), timestamp).abs();
        if (skew.compareTo(window) > 0) {
            throw new ApiException(401, "Webhook timestamp outside the accepted window",
                    List.of(new ApiException.FieldError("timestamp",
                            "must be within " + window.toMinutes() + " minutes of the server time")));
        }
    }
}
