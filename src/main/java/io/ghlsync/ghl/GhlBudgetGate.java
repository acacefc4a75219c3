package io.ghlsync.ghl;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Route step before the throttle: holds a GHL call while its location is paused (429 or daily budget). */
public class GhlBudgetGate implements Processor {

    public static final String LOCATION_PROPERTY = "ghlLocationId";
    public static final String OPERATION_PROPERTY = "ghlOperation";

    private final GhlBudget budget;

    public GhlBudgetGate(GhlBudget budget) {
        this.budget = budget;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        budget.awaitPermit(exchange.getProperty(LOCATION_PROPERTY, String.class));
    }
}
