package io.ghlsync.ghl;

import java.time.Clock;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The GHL client: connection (real API or simulator), rate budget and the route's processors. */
public class GhlClientBeans implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(GhlClientBeans.class);

    private GhlConnection connection;
    private GhlBudget budget;

    @BindToRegistry("ghlConnection")
    public synchronized GhlConnection ghlConnection(
            @PropertyInject(value = "ghl.api-key", defaultValue = "") String apiKey,
            @PropertyInject(value = "ghl.base-url", defaultValue = "https://services.leadconnectorhq.com") String baseUrl) {
        if (connection == null) {
            connection = new GhlConnection(baseUrl, apiKey, false);
            LOG.info("GHL API at {}", baseUrl);
        }
        return connection;
    }

    @BindToRegistry("ghlBudget")
    public synchronized GhlBudget ghlBudget(
            @PropertyInject(value = "ghl.rate.daily-max", defaultValue = "200000") int dailyMax,
            @PropertyInject(value = "ghl.rate.burst-period-ms", defaultValue = "10000") long burstPeriod,
            @PropertyInject(value = "ghl.rate.max-retry-after-seconds", defaultValue = "300") long maxRetryAfter) {
        if (budget == null) {
            budget = new GhlBudget(Clock.systemUTC(), dailyMax, burstPeriod, maxRetryAfter * 1000L);
        }
        return budget;
    }

    @BindToRegistry("ghlBudgetGate")
    public GhlBudgetGate ghlBudgetGate(@org.apache.camel.BeanInject("ghlBudget") GhlBudget budget) {
        return new GhlBudgetGate(budget);
    }

    @BindToRegistry("ghlResponseInspector")
    public GhlResponseInspector ghlResponseInspector(@org.apache.camel.BeanInject("ghlBudget") GhlBudget budget) {
        return new GhlResponseInspector(budget);
    }

    @BindToRegistry("ghlApi")
    public GhlApi ghlApi(CamelContext context,
            @org.apache.camel.BeanInject("ghlConnection") GhlConnection connection) {
        return new CamelGhlApi(context, connection);
    }
}
