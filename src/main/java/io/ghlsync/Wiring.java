package io.ghlsync;

import com.github.benmanes.caffeine.cache.Ticker;
import com.zaxxer.hikari.HikariDataSource;
import io.ghlsync.booking.AppointmentRepository;
import io.ghlsync.booking.BookingService;
import io.ghlsync.booking.BookingSettings;
import io.ghlsync.booking.CustomerRepository;
import io.ghlsync.booking.LeadRepository;
import io.ghlsync.booking.TimeSlotRepository;
import io.ghlsync.config.ApiErrorResponder;
import io.ghlsync.config.Database;
import io.ghlsync.config.DatabaseSettings;
import io.ghlsync.config.Json;
import io.ghlsync.config.JsonRequestReader;
import io.ghlsync.config.RequestValidator;
import io.ghlsync.config.TimerFailureLogger;
import io.ghlsync.deadletter.DeadLetterApi;
import io.ghlsync.deadletter.DeadLetterReplayer;
import io.ghlsync.deadletter.DeadLetterRepository;
import io.ghlsync.deadletter.DeadLetterSettings;
import io.ghlsync.ghl.CamelGhlApi;
import io.ghlsync.ghl.CustomFieldRepository;
import io.ghlsync.ghl.CustomFieldResolver;
import io.ghlsync.ghl.GhlApi;
import io.ghlsync.ghl.GhlBudget;
import io.ghlsync.ghl.GhlBudgetGate;
import io.ghlsync.ghl.GhlCallMetrics;
import io.ghlsync.ghl.GhlConnection;
import io.ghlsync.ghl.GhlOperations;
import io.ghlsync.ghl.GhlResponseInspector;
import io.ghlsync.ghl.GhlSettings;
import io.ghlsync.ghl.GhlTokenProvider;
import io.ghlsync.ghl.InstalledLocations;
import io.ghlsync.ghl.ServedLocations;
import io.ghlsync.ghl.oauth.CompanyAllowlist;
import io.ghlsync.ghl.oauth.GhlLocations;
import io.ghlsync.ghl.oauth.GhlOAuthClient;
import io.ghlsync.ghl.oauth.InstallGuard;
import io.ghlsync.ghl.oauth.InstallLinks;
import io.ghlsync.ghl.oauth.InstallRefusals;
import io.ghlsync.ghl.oauth.LocationInstalls;
import io.ghlsync.ghl.oauth.OAuthSettings;
import io.ghlsync.ghl.oauth.OAuthStateNonces;
import io.ghlsync.ghl.oauth.OAuthStateTokens;
import io.ghlsync.ghl.oauth.OAuthTokenProvider;
import io.ghlsync.ghl.oauth.OAuthTokenStore;
import io.ghlsync.ghl.oauth.TokenCipher;
import io.ghlsync.ghl.oauth.TokenRenewal;
import io.ghlsync.monitor.AlertNotifier;
import io.ghlsync.monitor.AlertPolicy;
import io.ghlsync.monitor.AlertSettings;
import io.ghlsync.monitor.CachedSyncStats;
import io.ghlsync.monitor.DatabaseHealthCheck;
import io.ghlsync.monitor.GhlBudgetView;
import io.ghlsync.monitor.LocationStatus;
import io.ghlsync.monitor.MonitorSettings;
import io.ghlsync.monitor.OpsDashboardApi;
import io.ghlsync.monitor.OpsTimelineRepository;
import io.ghlsync.monitor.SyncHealthCheck;
import io.ghlsync.monitor.SyncHealthEvaluator;
import io.ghlsync.monitor.SyncMetrics;
import io.ghlsync.monitor.SyncMonitor;
import io.ghlsync.monitor.SyncStatsRepository;
import io.ghlsync.outbox.CaffeineKeyCache;
import io.ghlsync.outbox.IdempotencyKeyRepository;
import io.ghlsync.outbox.OutboxRepository;
import io.ghlsync.outbox.StepJournalRepository;
import io.ghlsync.outbox.TieredIdempotentRepository;
import io.ghlsync.retention.RetentionPruner;
import io.ghlsync.retention.RetentionSettings;
import io.ghlsync.config.Settings;
import io.ghlsync.simulator.GhlSimulator;
import io.ghlsync.sync.AppointmentLinkRepository;
import io.ghlsync.sync.AppointmentSyncEndpoint;
import io.ghlsync.sync.AppointmentSyncer;
import io.ghlsync.sync.ContactMirrorRepository;
import io.ghlsync.sync.OutboxDispatcher;
import io.ghlsync.sync.SyncCompletion;
import io.ghlsync.sync.SyncPlanner;
import io.ghlsync.sync.SyncResponseWaiter;
import io.ghlsync.sync.SyncRetryPolicy;
import io.ghlsync.sync.SyncSettings;
import io.ghlsync.sync.SyncStores;
import io.ghlsync.sync.SyncWaiters;
import io.ghlsync.webhook.AppInstallEvents;
import io.ghlsync.webhook.AppointmentEvents;
import io.ghlsync.webhook.BodyTooLargeResponder;
import io.ghlsync.webhook.ContactEvents;
import io.ghlsync.webhook.IgnoredWebhooks;
import io.ghlsync.webhook.WebhookAcknowledger;
import io.ghlsync.webhook.WebhookAudience;
import io.ghlsync.webhook.WebhookDeadMarker;
import io.ghlsync.webhook.WebhookEnvelopeReader;
import io.ghlsync.webhook.WebhookErrorResponder;
import io.ghlsync.webhook.WebhookEventHandler;
import io.ghlsync.webhook.WebhookInboxClaimer;
import io.ghlsync.webhook.WebhookInboxRepository;
import io.ghlsync.webhook.WebhookInboxWriter;
import io.ghlsync.webhook.WebhookMetrics;
import io.ghlsync.webhook.WebhookReplayWindow;
import io.ghlsync.webhook.WebhookRequestCheck;
import io.ghlsync.webhook.WebhookSettings;
import io.ghlsync.webhook.WebhookSignatureVerifier;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.VertxOptions;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one place where ghl-sync's objects are built: each once, by constructor, in layer order (db → tables →
 * metrics → ghl → outbox/deadletter → sync → booking/webhook → retention → monitor), with settings read once into
 * one record per feature. The objects routes (or Camel itself) use are bound into the registry under the names the
 * route files name with {@code ref:}. Nothing here is lazy and nothing looks the registry up later.
 */
public final class Wiring implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(Wiring.class);

    /** Registry name of the Micrometer registry camel-micrometer-prometheus serves at /observe/metrics. */
    static final String METRICS_REGISTRY = "metricsRegistry";

    @Override
    public void configure(CamelContext context) throws Exception {
        Settings settings = new Settings(context);
        DatabaseSettings databaseSettings = DatabaseSettings.read(settings);
        GhlSettings ghlSettings = GhlSettings.read(settings);
        OAuthSettings oauthSettings = OAuthSettings.read(settings);
        DeadLetterSettings deadLetterSettings = DeadLetterSettings.read(settings);
        SyncSettings syncSettings = SyncSettings.read(settings);
        BookingSettings bookingSettings = BookingSettings.read(settings);
        WebhookSettings webhookSettings = WebhookSettings.read(settings);
        RetentionSettings retentionSettings = RetentionSettings.read(settings);
        MonitorSettings monitorSettings = MonitorSettings.read(settings);
        AlertSettings alertSettings = AlertSettings.read(settings);
        Registry registry = context.getRegistry();
        Clock clock = Clock.systemUTC();

        // ---------------------------------------------------------------- db
        HikariDataSource dataSource = Database.open(databaseSettings);
        registry.bind("dataSource", dataSource, null, "close");
        NamedParameterJdbcTemplate jdbc = new NamedParameterJdbcTemplate(dataSource);
        registry.bind("jdbc", jdbc);
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        registry.bind("transactionTemplate", tx);
        registry.bind("objectMapper", Json.MAPPER);
        registry.bind("apiErrorResponder", new ApiErrorResponder());
        registry.bind("timerFailureLogger", new TimerFailureLogger());
        // Vert.x options of the HTTP server (platform-http looks them up by type). Every request holds a worker
        // thread until its route finishes (a webhook waits there for its group commit), so the worker pool, not the
        // CPU, would otherwise cap webhook throughput (Vert.x default: 20 threads).
        registry.bind("httpVertxOptions",
                new VertxOptions().setWorkerPoolSize(webhookSettings.httpWorkerThreads()));

        // ---------------------------------------------------------------- tables (one repository per table)
        CustomerRepository customers = new CustomerRepository(jdbc);
        LeadRepository leads = new LeadRepository(jdbc);
        AppointmentRepository appointments = new AppointmentRepository(jdbc);
        TimeSlotRepository slots = new TimeSlotRepository(jdbc);
        OutboxRepository outbox = new OutboxRepository(jdbc);
        registry.bind("outboxRepository", outbox);
        StepJournalRepository journal = new StepJournalRepository(jdbc);
        IdempotencyKeyRepository idempotencyKeys = new IdempotencyKeyRepository(dataSource, jdbc);
        ContactMirrorRepository mirrors = new ContactMirrorRepository(jdbc);
        AppointmentLinkRepository links = new AppointmentLinkRepository(jdbc);
        CustomFieldRepository customFields = new CustomFieldRepository(jdbc);
        GhlLocations ghlLocations = new GhlLocations(jdbc, clock, ghlSettings.locationStatusCacheMs());
        registry.bind("ghlLocations", ghlLocations);
        InstallRefusals installRefusals = new InstallRefusals(jdbc, clock, oauthSettings.installRefusalsKept());
        registry.bind("ghlInstallRefusals", installRefusals);
        WebhookInboxRepository webhookInbox = new WebhookInboxRepository(dataSource, jdbc);
        registry.bind("webhookInboxRepository", webhookInbox);
        SyncStatsRepository syncStats = new SyncStatsRepository(jdbc, monitorSettings.recentFailuresLimit());
        registry.bind("syncStatsRepository", syncStats);

        // ---------------------------------------------------------------- metrics
        // Built here rather than with the monitor: GHL calls and sync completions record into them.
        MeterRegistry meterRegistry = meterRegistry(registry);
        CachedSyncStats cachedStats = new CachedSyncStats(syncStats, Duration.ofMillis(monitorSettings.statsCacheMs()),
                clock);
        registry.bind("cachedSyncStats", cachedStats);
        SyncMetrics metrics = new SyncMetrics(meterRegistry, cachedStats::get);
        registry.bind("syncMetrics", metrics);
        GhlCallMetrics callMetrics = metrics::recordGhlCall;

        // ---------------------------------------------------------------- ghl
        boolean oauth = oauthSettings.enabled();
        GhlSimulator simulator = null;
        if (!oauth && !ghlSettings.hasApiKey()) {
            // No credentials at all: the built-in simulator is started and used, so a first run needs no GHL
            // account. Said loudly, because nothing reaches the real GHL then.
            simulator = GhlSimulator.start(new GhlSimulator.Settings(ghlSettings.simulatorPort(),
                    ghlSettings.simulatorLatencyMs(), 100, 10_000, 200_000));
            LOG.warn("==============================================================================");
            LOG.warn("GHL_API_KEY is not set: syncing to the BUILT-IN GHL SIMULATOR at {}", simulator.baseUrl());
            LOG.warn("Nothing reaches GoHighLevel. See what was sent: GET {}/_simulator", simulator.baseUrl());
            LOG.warn("==============================================================================");
        }
        registry.bind("ghlSimulator", new GhlSimulatorHolder(simulator), null, "close");
        GhlConnection connection;
        if (simulator != null) {
            connection = new GhlConnection(simulator.baseUrl(), true);
        } else {
            connection = new GhlConnection(ghlSettings.baseUrl(), false);
            LOG.info("GHL API at {} ({})", ghlSettings.baseUrl(),
                    oauth ? "OAuth app, tokens per location" : "Private Integration token");
            if (oauth && ghlSettings.hasApiKey()) {
                LOG.warn("GHL_CLIENT_ID is set: the OAuth app's tokens are used and GHL_API_KEY is ignored");
            }
        }
        registry.bind("ghlConnection", connection);
        GhlOperations operations = new GhlOperations(ghlSettings.versionContacts(), ghlSettings.versionCalendars(),
                ghlSettings.versionLocations());
        registry.bind("ghlOperations", operations);
        GhlBudget budget = new GhlBudget(clock, ghlSettings.rateDailyMax(), ghlSettings.rateBurstMax(),
                ghlSettings.rateBurstPeriodMs(), ghlSettings.rateMaxRetryAfterSeconds() * 1000L);
        registry.bind("ghlBudget", budget);
        metrics.watchGhlBudget(budget, ghlSettings.locationId());
        registry.bind("ghlBudgetGate", new GhlBudgetGate(budget));
        registry.bind("ghlResponseInspector", new GhlResponseInspector(budget, callMetrics));
        // Which locations webhooks and bookings may name: the configured ones, or with the OAuth app the installed
        // ones. Cached "served" answers are bounded: 10,000 is far above the locations of one agency.
        ServedLocations served;
        if (oauth) {
            served = ServedLocations.installed(new InstalledLocations(jdbc),
                    Duration.ofMillis(ghlSettings.locationStatusCacheMs()), 10_000, Ticker.systemTicker());
            LOG.info("Served GHL locations: those where the app is installed (ghl_locations)");
        } else {
            served = ServedLocations.configured(ghlSettings.locationId(), ghlSettings.locationIds());
            LOG.info("Served GHL locations: {} (GHL_LOCATION_ID, GHL_LOCATION_IDS)", served.configured());
        }
        registry.bind("servedLocations", served);
        GhlOAuthClient oauthClient = new GhlOAuthClient(context, connection.baseUrl(), oauthSettings.clientId(),
                oauthSettings.clientSecret(), oauthSettings.redirectUri(), ghlSettings.versionLocations(), clock);
        registry.bind("ghlOAuthClient", oauthClient);
        // Token per request: the static token, or the OAuth app's token of the request's location.
        GhlTokenProvider tokens;
        OAuthTokenProvider oauthTokens = null;
        if (oauth) {
            if (oauthSettings.clientSecret().isBlank()) {
                throw new IllegalStateException("GHL_CLIENT_ID is set but GHL_CLIENT_SECRET is not");
            }
            TokenCipher cipher = TokenCipher.fromBase64(oauthSettings.tokenEncryptionKey());
            // A token refresh commits on its own, whatever transaction the GHL call runs in.
            TransactionTemplate ownTransaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
            ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
            oauthTokens = new OAuthTokenProvider(new OAuthTokenStore(jdbc, cipher), ghlLocations, oauthClient,
                    ownTransaction, clock, Duration.ofSeconds(oauthSettings.refreshBeforeSeconds()));
            tokens = oauthTokens;
        } else {
            tokens = GhlTokenProvider.fixed(simulator != null ? "simulator-token" : ghlSettings.apiKey());
        }
        registry.bind("ghlTokenProvider", tokens);
        GhlApi ghl = new CamelGhlApi(context, connection, tokens, ghlLocations::isUninstalled, callMetrics);
        registry.bind("ghlApi", ghl);
        // One resolver: its lock guards the creation of each custom field for installs and syncs alike.
        CustomFieldResolver resolver = new CustomFieldResolver(ghl, operations, customFields);
        // Install links and the OAuth callback's state: none without an OAuth app, then no state is honoured.
        OAuthStateTokens states = oauth
                ? new OAuthStateTokens(OAuthStateTokens.deriveKey(oauthSettings.jwtSecret(),
                        oauthSettings.clientSecret()), Duration.ofSeconds(oauthSettings.stateTtlSeconds()), clock)
                : null;
        InstallGuard guard = new InstallGuard(CompanyAllowlist.parse(oauthSettings.allowedCompanyIds()),
                installRefusals, states, new OAuthStateNonces(jdbc, clock));
        LocationInstalls installs = new LocationInstalls(ghlLocations, tokens, oauthTokens, oauthClient, resolver,
                guard);
        registry.bind("locationInstalls", installs);
        registry.bind("oauthInstallLinks", new InstallLinks(states, oauthSettings.authorizeUrl(),
                oauthSettings.clientId(), oauthSettings.redirectUri(), oauthSettings.scopes()));
        registry.bind("ghlTokenRenewal", new TokenRenewal(oauthTokens));

        // ---------------------------------------------------------------- outbox / deadletter
        DeadLetterRepository deadLetters = new DeadLetterRepository(jdbc, tx, deadLetterSettings.schedule());
        registry.bind("deadLetterRepository", deadLetters);
        DeadLetterReplayer replayer = new DeadLetterReplayer(deadLetters, outbox, tx, deadLetterSettings.batchSize());
        registry.bind("deadLetterReplayer", replayer);
        registry.bind("deadLetterApi", new DeadLetterApi(deadLetters, replayer));
        String instanceId = syncSettings.instanceId().isBlank()
                ? InetAddress.getLocalHost().getHostName() + ":" + syncSettings.serverPort()
                : syncSettings.instanceId();
        OutboxDispatcher dispatcher = new OutboxDispatcher(outbox, instanceId, syncSettings.dispatcherBatchSize(),
                syncSettings.maxInFlight(), syncSettings.dispatcherLeaseMs(), syncSettings.enabled(),
                syncSettings.maxInFlightPerLocation());
        dispatcher.recoverOwnClaims();
        registry.bind("outboxDispatcher", dispatcher);
        registry.bind("syncIdempotentRepository", new TieredIdempotentRepository(
                new CaffeineKeyCache(syncSettings.idempotencyCacheSize(),
                        Duration.ofSeconds(syncSettings.idempotencyCacheTtlSeconds())),
                idempotencyKeys.camelRepository()));

        // ---------------------------------------------------------------- sync
        SyncWaiters waiters = new SyncWaiters();
        registry.bind("syncWaiters", waiters);
        registry.bind("syncRetryPolicy", new SyncRetryPolicy(syncSettings.retryOnFailure(), syncSettings.maxRetries(),
                ghlSettings.rateMax429Waits()));
        registry.bind("syncCompletion", new SyncCompletion(outbox, deadLetters, tx, waiters, metrics));
        registry.bind("appointmentSyncEndpoint", new AppointmentSyncEndpoint(appointments, outbox, deadLetters,
                waiters, syncSettings.waitTimeoutMs(), syncSettings.retryDelayMs(), ghlSettings.locationId()));
        registry.bind("syncResponseWaiter", new SyncResponseWaiter(syncSettings.asyncMode(),
                syncSettings.waitTimeoutMs(), outbox, waiters));
        // One validator: its JSON schemas are compiled once, on first use.
        RequestValidator validator = new RequestValidator();
        registry.bind("appointmentSyncRequest", new JsonRequestReader(validator, "appointment-sync-request"));
        // The steps' thread pool is made by Camel: JMX lists it (type=threadpools) and the context shuts it down.
        ExecutorService stepPool = context.getExecutorServiceManager().newFixedThreadPool(
                AppointmentSyncer.STEP_POOL, AppointmentSyncer.STEP_POOL, syncSettings.stepThreads());
        registry.bind("syncStepPool", stepPool);
        String calendarId = ghlSettings.calendarIdOrNull();
        SyncPlanner planner = new SyncPlanner(ZoneId.of(syncSettings.timeZone()), calendarId != null,
                bookingSettings.baseUrl());
        registry.bind("appointmentSyncer", new AppointmentSyncer(ghl, operations, resolver, planner,
                new SyncStores(appointments, customers, leads, journal, mirrors, links), tx, calendarId,
                ghlSettings.locationId(), stepPool));

        // ---------------------------------------------------------------- booking
        registry.bind("bookingRequestValidator", validator);
        registry.bind("bookingCreateRequest", new JsonRequestReader(validator, RequestValidator.CREATE));
        registry.bind("bookingStatusRequest", new JsonRequestReader(validator, RequestValidator.STATUS));
        registry.bind("bookingPatchRequest", new JsonRequestReader(validator, RequestValidator.PATCH));
        String defaultLocation = ghlSettings.locationId().isBlank() ? null : ghlSettings.locationId();
        registry.bind("bookingService", new BookingService(tx, customers, leads, slots, appointments, outbox,
                defaultLocation, ghlLocations::isUninstalled, served::location,
                Duration.ofMinutes(bookingSettings.defaultDurationMinutes()),
                ZoneId.of(bookingSettings.timeZone()), clock));

        // ---------------------------------------------------------------- webhook
        WebhookSignatureVerifier verifier = WebhookSignatureVerifier.create(webhookSettings);
        registry.bind("webhookSignatureVerifier", verifier);
        IgnoredWebhooks ignored = new IgnoredWebhooks();
        registry.bind("ignoredWebhooks", ignored);
        // Context-started hooks (OnCamelContextStarted): the meters go into every registry, the 413 handler onto
        // the HTTP router, which exists only once the server runs.
        registry.bind("webhookMetrics", new WebhookMetrics(verifier, ignored));
        registry.bind("webhookBodyTooLarge", new BodyTooLargeResponder(webhookSettings.maxBodyBytes()));
        registry.bind("webhookRequestCheck", new WebhookRequestCheck());
        registry.bind("webhookEnvelopeReader", new WebhookEnvelopeReader());
        registry.bind("webhookReplayWindow", new WebhookReplayWindow(
                Duration.ofMinutes(webhookSettings.timestampWindowMinutes()), clock));
        registry.bind("webhookInboxWriter", new WebhookInboxWriter(webhookInbox, webhookSettings.storeWriters(),
                webhookSettings.storeBatchMax(), webhookSettings.storeQueueCapacity(),
                webhookSettings.storeTimeoutMs()), null, "close");
        registry.bind("webhookAcknowledger", new WebhookAcknowledger());
        registry.bind("webhookErrorResponder", new WebhookErrorResponder());
        registry.bind("webhookInboxClaimer", new WebhookInboxClaimer(webhookInbox, webhookSettings.inboxBatchSize(),
                webhookSettings.inboxLeaseMs()));
        ExecutorService webhookWorkers = Executors.newFixedThreadPool(webhookSettings.workers(), r -> {
            Thread t = new Thread(r, "webhook-worker");
            t.setDaemon(true);
            return t;
        });
        registry.bind("webhookWorkers", webhookWorkers, null, "shutdown");
        registry.bind("webhookEventHandler", new WebhookEventHandler(new ContactEvents(leads),
                new AppointmentEvents(appointments, slots), webhookInbox, tx, new AppInstallEvents(installs, served),
                new WebhookAudience(served, oauthSettings.clientId()), ignored));
        registry.bind("webhookDeadMarker", new WebhookDeadMarker(webhookInbox));

        // ---------------------------------------------------------------- retention
        registry.bind("retentionPruner", new RetentionPruner(webhookInbox, outbox, journal, idempotencyKeys, tx,
                Duration.ofDays(retentionSettings.days()), retentionSettings.batchSize(),
                retentionSettings.maxBatchesPerRun(), clock));

        // ---------------------------------------------------------------- monitor
        LocationStatus locationStatus = new LocationStatus(ghlLocations, budget, ghlSettings.locationId(),
                ghlSettings.rateDailyMax(), ghlSettings.dailyBudgetAlertPercent(), clock);
        SyncHealthEvaluator evaluator = new SyncHealthEvaluator(new SyncHealthEvaluator.Thresholds(
                monitorSettings.minSuccessRate(), monitorSettings.maxDeadLetters(),
                monitorSettings.maxFailuresPerHour()), locationStatus::issues);
        registry.bind("syncHealthEvaluator", evaluator);
        BooleanSupplier environment = environmentReady(ghlSettings, oauthSettings);
        registry.bind("syncMonitor", new SyncMonitor(syncStats, evaluator, replayer, environment, locationStatus,
                installRefusals::recent));
        registry.bind("databaseHealthCheck", new DatabaseHealthCheck(dataSource,
                monitorSettings.dbCheckTimeoutSeconds()));
        registry.bind("syncHealthCheck", new SyncHealthCheck(cachedStats::get, evaluator, environment));
        registry.bind("alertNotifier", new AlertNotifier(alertSettings.webhookUrl(), cachedStats::get, evaluator,
                environment, new AlertPolicy(Duration.ofMillis(alertSettings.cooldownMs()),
                        Duration.ofMinutes(alertSettings.maxDeadLetterAgeMinutes()), alertSettings.serviceName()),
                clock));
        registry.bind("opsDashboardApi", new OpsDashboardApi(new OpsTimelineRepository(jdbc),
                new GhlBudgetView(budget, new GhlBudgetView.Limits(ghlSettings.rateBurstMax(),
                        ghlSettings.rateBurstPeriodMs(), ghlSettings.rateDailyMax()), clock),
                clock));
    }

    /**
     * The Micrometer registry /observe/metrics serves. camel-main starts camel-micrometer-prometheus (which binds it
     * as metricsRegistry) before it runs this configuration, so it is taken here, once. Should it not be there yet
     * (camel.metrics.enabled=false, or a future Camel that starts it later), ours is bound under that name, and
     * camel-micrometer-prometheus uses a bound one rather than making its own.
     */
    private static MeterRegistry meterRegistry(Registry registry) {
        MeterRegistry existing = registry.lookupByNameAndType(METRICS_REGISTRY, MeterRegistry.class);
        if (existing != null) {
            return existing;
        }
        PrometheusMeterRegistry own = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.bind(METRICS_REGISTRY, own);
        return own;
    }

    /** Whether GHL credentials and a location are set; an empty key and no OAuth app means the simulator. */
    private static BooleanSupplier environmentReady(GhlSettings ghl, OAuthSettings oauth) {
        // An OAuth app (client id) is a credential too: its tokens are per location.
        String credential = ghl.hasApiKey() ? ghl.apiKey() : oauth.clientId();
        boolean simulator = credential.isBlank();
        boolean ready = SyncHealthEvaluator.environmentReady(credential, simulator, ghl.locationId());
        return () -> ready;
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
