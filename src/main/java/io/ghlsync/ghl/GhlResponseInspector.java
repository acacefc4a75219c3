package io.ghlsync.ghl;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Route step after the HTTP call: feeds GHL's rate headers to the budget and turns a non-2xx answer into a
 * classified {@link GhlException} (a 429 also pauses the location).
 */
public class GhlResponseInspector implements Processor {

    static final String SENT_AT = "ghlSentAtNanos";

    private final GhlBudget budget;
    private final GhlCallMetrics metrics;

    public GhlResponseInspector(GhlBudget budget, GhlCallMetrics metrics) {
        this.budget = budget;
        this.metrics = metrics;
    }

    /** Route step right before the HTTP call: the call's duration excludes budget and throttle waits. */
    public void markSent(Exchange exchange) {
        exchange.setProperty(SENT_AT, System.nanoTime());
    }

    @Override
    public void process(Exchange exchange) {
        Message msg = exchange.getMessage();
        String location = exchange.getProperty(GhlBudgetGate.LOCATION_PROPERTY, String.class);
        String operation = exchange.getProperty(GhlBudgetGate.OPERATION_PROPERTY, String.class);
        int status = msg.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        Long sentAt = exchange.getProperty(SENT_AT, Long.class);
        if (sentAt != null) {
            metrics.record(operation, status, java.time.Duration.ofNanos(System.nanoTime() - sentAt));
        }
        budget.onResponse(location, msg.getHeaders());
        if (status >= 200 && status < 300) {
            return;
        }
        long retryAfter = 0;
        if (status == 429) {
            retryAfter = budget.onRateLimited(location, msg.getHeader("Retry-After", String.class));
        }
        throw GhlErrorClassifier.httpFailure(operation, status, retryAfter);
    }
}
