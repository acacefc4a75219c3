package io.ghlsync.monitor;

import io.ghlsync.deadletter.DeadLetterReplayer;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.PropertyInject;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Beans of the monitor feature: sync monitor, health checks, metrics, alerts. camel-main calls the methods in no fixed
 * order (and possibly more than once), so they share lazily built objects instead of injecting each other; settings
 * arrive as fields, injected before the methods run.
 */
public class MonitorBeans implements CamelConfiguration {

    @PropertyInject(value = "ghl.api-key", defaultValue = "")
    String apiKey;

    @PropertyInject(value = "ghl.location-id", defaultValue = "")
    String locationId;

    @PropertyInject(value = "ghl.oauth.client-id", defaultValue = "")
    String oauthClientId;

    @PropertyInject(value = "monitor.min-success-rate", defaultValue = "90")
    double minSuccessRate;

    @PropertyInject(value = "monitor.max-dead-letters", defaultValue = "50")
    long maxDeadLetters;

    @PropertyInject(value = "monitor.max-failures-per-hour", defaultValue = "10")
    long maxFailuresPerHour;

    @PropertyInject(value = "monitor.recent-failures-limit", defaultValue = "10")
    int recentFailuresLimit;

    @PropertyInject(value = "monitor.stats-cache-ms", defaultValue = "5000")
    long statsCacheMs;

    @PropertyInject(value = "monitor.db-check-timeout-seconds", defaultValue = "2")
    int dbCheckTimeoutSeconds;

    @PropertyInject(value = "alerts.webhook-url", defaultValue = "")
    String alertWebhookUrl;

    @PropertyInject(value = "alerts.cooldown-ms", defaultValue = "1800000")
    long alertCooldownMs;

    @PropertyInject(value = "alerts.max-dead-letter-age-minutes", defaultValue = "60")
    long alertMaxDeadLetterAgeMinutes;

    @PropertyInject(value = "camel.main.name", defaultValue = "ghl-sync")
    String serviceName;

    @PropertyInject(value = "ghl.rate.burst-max", defaultValue = "100")
    int ghlBurstMax;

    @PropertyInject(value = "ghl.rate.burst-period-ms", defaultValue = "10000")
    long ghlBurstPeriodMs;

    @PropertyInject(value = "ghl.rate.daily-max", defaultValue = "200000")
    int ghlDailyMax;

    @PropertyInject(value = "ghl.locations.daily-budget-alert-percent", defaultValue = "90")
    double dailyBudgetAlertPercent;

    private CamelContext camelContext;
    private AlertNotifier alertNotifier;
    private SyncStatsRepository statsRepository;
    private CachedSyncStats cachedStats;
    private SyncHealthEvaluator evaluator;
    private SyncMonitor monitor;
    private SyncMetrics metrics;
    private DatabaseHealthCheck databaseCheck;
    private SyncHealthCheck syncCheck;
    private LocationStatus locationStatus;
    private OpsDashboardApi opsApi;

    @BindToRegistry("syncStatsRepository")
    public synchronized SyncStatsRepository syncStatsRepository(@BeanInject("jdbc") NamedParameterJdbcTemplate jdbc) {
        if (statsRepository == null) {
            statsRepository = new SyncStatsRepository(jdbc, recentFailuresLimit);
        }
        return statsRepository;
    }

    @BindToRegistry("cachedSyncStats")
    public synchronized CachedSyncStats cachedSyncStats(@BeanInject("jdbc") NamedParameterJdbcTemplate jdbc) {
        if (cachedStats == null) {
            cachedStats = new CachedSyncStats(syncStatsRepository(jdbc), Duration.ofMillis(statsCacheMs),
                    Clock.systemUTC());
        }
        return cachedStats;
    }

    @BindToRegistry("syncHealthEvaluator")
    public synchronized SyncHealthEvaluator syncHealthEvaluator() {
        if (evaluator == null) {
            evaluator = new SyncHealthEvaluator(
                    new SyncHealthEvaluator.Thresholds(minSuccessRate, maxDeadLetters, maxFailuresPerHour),
                    locationStatus()::issues);
        }
        return evaluator;
    }

    @BindToRegistry("syncMonitor")
    public synchronized SyncMonitor syncMonitor(
            @BeanInject("jdbc") NamedParameterJdbcTemplate jdbc,
            @BeanInject("deadLetterReplayer") DeadLetterReplayer replayer) {
        if (monitor == null) {
            monitor = new SyncMonitor(syncStatsRepository(jdbc), syncHealthEvaluator(), replayer, environment(),
                    locationStatus(), this::installRefusals);
        }
        return monitor;
    }

    @BindToRegistry("syncMetrics")
    public synchronized SyncMetrics syncMetrics(@BeanInject("jdbc") NamedParameterJdbcTemplate jdbc,
            @BeanInject("ghlBudget") io.ghlsync.ghl.GhlBudget budget,
            @PropertyInject(value = "ghl.location-id", defaultValue = "") String location) {
        if (metrics == null) {
            metrics = new SyncMetrics(this::meterRegistry, cachedSyncStats(jdbc)::get);
            metrics.watchGhlBudget(budget, location);
        }
        return metrics;
    }

    @BindToRegistry("databaseHealthCheck")
    public synchronized DatabaseHealthCheck databaseHealthCheck(@BeanInject("dataSource") DataSource dataSource) {
        if (databaseCheck == null) {
            databaseCheck = new DatabaseHealthCheck(dataSource, dbCheckTimeoutSeconds);
        }
        return databaseCheck;
    }

    @BindToRegistry("syncHealthCheck")
    public synchronized SyncHealthCheck syncHealthCheck(@BeanInject("jdbc") NamedParameterJdbcTemplate jdbc) {
        if (syncCheck == null) {
            syncCheck = new SyncHealthCheck(cachedSyncStats(jdbc)::get, syncHealthEvaluator(), environment());
        }
        return syncCheck;
    }

    @BindToRegistry("alertNotifier")
    public synchronized AlertNotifier alertNotifier(@BeanInject("jdbc") NamedParameterJdbcTemplate jdbc) {
        if (alertNotifier == null) {
            alertNotifier = new AlertNotifier(alertWebhookUrl, cachedSyncStats(jdbc)::get, syncHealthEvaluator(),
                    environment(), new AlertPolicy(Duration.ofMillis(alertCooldownMs),
                            Duration.ofMinutes(alertMaxDeadLetterAgeMinutes), serviceName),
                    Clock.systemUTC());
        }
        return alertNotifier;
    }

    @BindToRegistry("opsDashboardApi")
    public synchronized OpsDashboardApi opsDashboardApi(@BeanInject("jdbc") NamedParameterJdbcTemplate jdbc,
            @BeanInject("ghlBudget") io.ghlsync.ghl.GhlBudget budget) {
        if (opsApi == null) {
            Clock clock = Clock.systemUTC();
            opsApi = new OpsDashboardApi(new OpsTimelineRepository(jdbc),
                    new GhlBudgetView(budget, new GhlBudgetView.Limits(ghlBurstMax, ghlBurstPeriodMs, ghlDailyMax),
                            clock),
                    clock);
        }
        return opsApi;
    }

    /**
     * Registers the dead-letter gauges once everything runs, so they are on /observe/metrics before the first sync.
     */
    @Override
    public void configure(CamelContext context) throws Exception {
        this.camelContext = context;
        context.addStartupListener(new StartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext ctx, boolean alreadyStarted) {
                // not yet: the metrics service may still be starting
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext ctx, boolean alreadyStarted) {
                SyncMetrics m = ctx.getRegistry().lookupByNameAndType("syncMetrics", SyncMetrics.class);
                if (m != null) {
                    m.registry();
                }
            }
        });
    }

    /** Per-location view; the GHL beans are looked up when asked, as they belong to another feature. */
    private synchronized LocationStatus locationStatus() {
        if (locationStatus == null) {
            locationStatus = new LocationStatus(
                    () -> lookup("ghlLocations", io.ghlsync.ghl.oauth.GhlLocations.class),
                    () -> lookup("ghlBudget", io.ghlsync.ghl.GhlBudget.class),
                    locationId, ghlDailyMax, dailyBudgetAlertPercent, Clock.systemUTC());
        }
        return locationStatus;
    }

    /** Refused GHL app installs; the bean belongs to the OAuth feature, so it is looked up when asked. */
    private java.util.List<io.ghlsync.ghl.oauth.InstallRefusals.Refusal> installRefusals() {
        io.ghlsync.ghl.oauth.InstallRefusals refusals =
                lookup("ghlInstallRefusals", io.ghlsync.ghl.oauth.InstallRefusals.class);
        return refusals == null ? java.util.List.of() : refusals.recent();
    }

    private <T> T lookup(String name, Class<T> type) {
        return camelContext == null ? null : camelContext.getRegistry().lookupByNameAndType(name, type);
    }

    /** The registry camel-micrometer-prometheus creates (bean "metricsRegistry") and serves at /observe/metrics. */
    private MeterRegistry meterRegistry() {
        MeterRegistry r = camelContext.getRegistry().lookupByNameAndType("metricsRegistry", MeterRegistry.class);
        if (r == null) {
            throw new IllegalStateException("no Micrometer registry: is camel.metrics.enabled true?");
        }
        return r;
    }

    /** An empty GHL key means the built-in simulator is used (application.properties, GoHighLevel section). */
    private BooleanSupplier environment() {
        // An OAuth app (client id) is a credential too: its tokens are per location.
        String credential = apiKey == null || apiKey.isBlank() ? oauthClientId : apiKey;
        boolean simulator = credential == null || credential.isBlank();
        boolean ready = SyncHealthEvaluator.environmentReady(credential, simulator, locationId);
        return () -> ready;
    }
}
