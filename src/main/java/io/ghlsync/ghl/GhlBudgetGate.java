package io.ghlsync.ghl;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Route step before the throttle: a call to a location that may not send now (paused after a 429, daily budget used
 * up, or its burst window full) fails at once with a {@link GhlPausedException} carrying the wait, so no thread
 * waits it out while other locations have work. The throttle after it then rarely has to hold a call.
 */
public class GhlBudgetGate implements Processor {

    public static final String LOCATION_PROPERTY = "ghlLocationId";
    public static final String OPERATION_PROPERTY = "ghlOperation";

    private final GhlBudget budget;

    public GhlBudgetGate(GhlBudget budget) {
        this.budget = budget;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        String location = exchange.getProperty(LOCATION_PROPERTY, String.class);
        long pause = budget.delayBeforeSend(location);
        if (pause > 0) {
            throw new GhlPausedException(location, pause);
        }
    }
}
