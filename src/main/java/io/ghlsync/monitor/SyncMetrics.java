package io.ghlsync.monitor;

import io.ghlsync.ghl.GhlBudget;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's own Prometheus series (served at /observe/metrics with Camel's). Label values are reduced to short
 * identifiers from small sets, so no SQL, URL, message text or personal data can become a label.
 */
public class SyncMetrics {

    private static final Logger LOG = LoggerFactory.getLogger(SyncMetrics.class);
    private static final Set<String> ACTIONS = Set.of("create", "update", "confirm", "cancel", "complete");
    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9_.-]");
    private static final int MAX_LABEL = 48;
    // A few fixed buckets (the original targets: sync < 5 s, alert > 10 s; GHL call < 1 s, alert > 3 s) instead of
    // Micrometer's ~70 default buckets per series.
    private static final Duration[] LATENCY_BUCKETS = seconds(0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300);
    private static final Duration[] GHL_CALL_BUCKETS = seconds(0.05, 0.1, 0.25, 0.5, 1, 3, 10, 30);

    private final MeterRegistry registry;
    private final Supplier<SyncStats> stats;

    /**
     * Registers the dead-letter gauges at once, so they are on /observe/metrics before the first sync.
     *
     * @param registry the registry /observe/metrics serves (camel-micrometer-prometheus's metricsRegistry)
     */
    public SyncMetrics(MeterRegistry registry, Supplier<SyncStats> stats) {
        this.registry = registry;
        this.stats = stats;
        Gauge.builder("ghlsync.dead.letters.size", () -> read(stats, false))
                .description("Dead letters waiting (OPEN, PARKED or REPLAYING)")
                .register(registry);
        Gauge.builder("ghlsync.dead.letters.oldest.age", () -> read(stats, true))
                .description("Age of the oldest waiting dead letter")
                .baseUnit("seconds")
                .register(registry);
    }

    /**
     * Exposes the GHL rate budget of every location (burst and daily remaining as GHL reports them, sent today,
     * 429s), labelled by location id: the configured default location from the start, every other one from its
     * first GHL call. One series set per installed location keeps the label set as small as the installs.
     */
    public void watchGhlBudget(GhlBudget budget, String location) {
        budget.onNewLocation(newLocation -> registerBudgetGauges(registry, budget, newLocation));
        registerBudgetGauges(registry, budget, location);
        budget.locations().keySet().forEach(l -> registerBudgetGauges(registry, budget, l));
    }

    private static void registerBudgetGauges(MeterRegistry r, GhlBudget budget, String location) {
        String loc = label(location == null ? "" : location);
        Gauge.builder("ghlsync.ghl.budget.burst.remaining", () -> budgetOf(budget, location).burstRemaining())
                .description("Requests left in GHL's current 10 s window (X-RateLimit-Remaining; -1 = not seen yet)")
                .tag("location", loc).register(r);
        Gauge.builder("ghlsync.ghl.budget.daily.remaining", () -> budgetOf(budget, location).dailyRemaining())
                .description("Requests left today (X-RateLimit-Daily-Remaining; -1 = not seen yet)")
                .tag("location", loc).register(r);
        Gauge.builder("ghlsync.ghl.sent.today", () -> budgetOf(budget, location).sentToday())
                .description("GHL requests sent today (UTC) by this instance")
                .tag("location", loc).register(r);
        Gauge.builder("ghlsync.ghl.rate.limited", () -> budgetOf(budget, location).rateLimited())
                .description("429 answers received from GHL since start")
                .tag("location", loc).register(r);
    }

    private static GhlBudget.LocationBudget budgetOf(GhlBudget budget, String location) {
        return budget.location(location);
    }

    MeterRegistry registry() {
        return registry;
    }

    /**
     * One finished sync event.
     *
     * @param outcome e.g. done, dead, duplicate, retry
     * @param errorClass short class of the failure (e.g. RateLimited), null when it succeeded
     */
    public void recordOutcome(String action, String outcome, String errorClass) {
        Counter.builder("ghlsync.sync.outcomes")
                .description("Sync events by action, outcome and error class")
                .tag("action", action(action))
                .tag("outcome", label(outcome))
                .tag("error_class", errorClass == null ? "none" : label(errorClass))
                .register(registry())
                .increment();
    }

    /** Time from the booking change (event timestamp) to DONE. */
    public void recordLatency(String action, Duration eventToDone) {
        Timer.builder("ghlsync.sync.latency")
                .description("Time from booking change to its sync being done")
                .tag("action", action(action))
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .register(registry())
                .record(eventToDone.isNegative() ? Duration.ZERO : eventToDone);
    }

    /** One HTTP call to GHL. {@code operation} is a fixed name such as contacts.update, never a URL. */
    public void recordGhlCall(String operation, int status, Duration duration) {
        Timer.builder("ghlsync.ghl.calls")
                .description("GoHighLevel API calls by operation and HTTP status (0 = no response)")
                .tag("operation", label(operation))
                .tag("status", status >= 100 && status <= 599 ? Integer.toString(status) : "0")
                .serviceLevelObjectives(GHL_CALL_BUCKETS)
                .register(registry())
                .record(duration.isNegative() ? Duration.ZERO : duration);
    }

    private static Duration[] seconds(double... values) {
        Duration[] out = new Duration[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Duration.ofNanos((long) (values[i] * 1_000_000_000L));
        }
        return out;
    }

    static String action(String action) {
        String a = action == null ? "" : action.toLowerCase(Locale.ROOT);
        return ACTIONS.contains(a) ? a : "other";
    }

    static String label(String value) {
        if (value == null || value.isBlank()) {
            return "unknown";
        }
        String v = value;
        int dot = v.lastIndexOf('.');
        if (dot >= 0 && dot < v.length() - 1 && Character.isUpperCase(v.charAt(dot + 1))) {
            v = v.substring(dot + 1); // a fully qualified exception class: keep the simple name
        }
        v = UNSAFE.matcher(v).replaceAll("_");
        return v.length() > MAX_LABEL ? v.substring(0, MAX_LABEL) : v;
    }

    private static double read(Supplier<SyncStats> stats, boolean age) {
        try {
            SyncStats s = stats.get();
            return age ? s.oldestDeadLetterAgeSeconds() : s.deadLetterQueueSize();
        } catch (RuntimeException e) {
            LOG.warn("Dead-letter gauges unavailable: {}", e.getClass().getSimpleName());
            return Double.NaN;
        }
    }
}
