package io.ghlsync.ghl;

import io.ghlsync.ghl.simulator.GhlSimulator;
import java.time.Clock;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.PropertyInject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The GHL client: connection (real API or the built-in simulator), rate budget and the processors of route
 * ghl-call. Beans are built lazily from one another here, not injected, so their order does not matter.
 */
public class GhlClientBeans implements CamelConfiguration, CamelContextAware {

    private static final Logger LOG = LoggerFactory.getLogger(GhlClientBeans.class);

    @PropertyInject(value = "ghl.api-key", defaultValue = "")
    private String apiKey;

    @PropertyInject(value = "ghl.base-url", defaultValue = "https://services.leadconnectorhq.com")
    private String baseUrl;

    @PropertyInject(value = "ghl.simulator.port", defaultValue = "0")
    private int simulatorPort;

    @PropertyInject(value = "ghl.simulator.latency-ms", defaultValue = "0")
    private long simulatorLatency;

    @PropertyInject(value = "ghl.rate.daily-max", defaultValue = "200000")
    private int dailyMax;

    @PropertyInject(value = "ghl.rate.burst-period-ms", defaultValue = "10000")
    private long burstPeriod;

    @PropertyInject(value = "ghl.rate.max-retry-after-seconds", defaultValue = "300")
    private long maxRetryAfterSeconds;

    private CamelContext context;
    private GhlSimulatorHolder simulator;
    private GhlConnection connection;
    private GhlBudget budget;
    private GhlApi api;

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.context = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return context;
    }

    /**
     * No GHL_API_KEY: the built-in simulator is started and used, so a first run needs no GHL account. Said loudly,
     * because nothing reaches the real GHL then.
     */
    @BindToRegistry(value = "ghlSimulator", destroyMethod = "close")
    public synchronized GhlSimulatorHolder ghlSimulator() {
        if (simulator == null) {
            GhlSimulator sim = null;
            if (apiKey == null || apiKey.isBlank()) {
                sim = GhlSimulator.start(
                        new GhlSimulator.Settings(simulatorPort, simulatorLatency, 100, 10_000, 200_000));
                LOG.warn("==============================================================================");
                LOG.warn("GHL_API_KEY is not set: syncing to the BUILT-IN GHL SIMULATOR at {}", sim.baseUrl());
                LOG.warn("Nothing reaches GoHighLevel. See what was sent: GET {}/_simulator", sim.baseUrl());
                LOG.warn("==============================================================================");
            }
            simulator = new GhlSimulatorHolder(sim);
        }
        return simulator;
    }

    @BindToRegistry("ghlConnection")
    public synchronized GhlConnection ghlConnection() {
        if (connection == null) {
            GhlSimulator sim = ghlSimulator().simulator();
            if (sim != null) {
                connection = new GhlConnection(sim.baseUrl(), "simulator-token", true);
            } else {
                connection = new GhlConnection(baseUrl, apiKey, false);
                LOG.info("GHL API at {}", baseUrl);
            }
        }
        return connection;
    }

    @BindToRegistry("ghlBudget")
    public synchronized GhlBudget ghlBudget() {
        if (budget == null) {
            budget = new GhlBudget(Clock.systemUTC(), dailyMax, burstPeriod, maxRetryAfterSeconds * 1000L);
        }
        return budget;
    }

    @BindToRegistry("ghlBudgetGate")
    public GhlBudgetGate ghlBudgetGate() {
        return new GhlBudgetGate(ghlBudget());
    }

    @BindToRegistry("ghlResponseInspector")
    public GhlResponseInspector ghlResponseInspector() {
        return new GhlResponseInspector(ghlBudget());
    }

    @BindToRegistry("ghlApi")
    public synchronized GhlApi ghlApi() {
        if (api == null) {
            api = new CamelGhlApi(context, ghlConnection());
        }
        return api;
    }

    /** The running simulator, or none when a real GHL is configured (a registry bean cannot be null). */
    public record GhlSimulatorHolder(GhlSimulator simulator) {
        public void close() {
            if (simulator != null) {
                simulator.close();
            }
        }
    }
}
