package io.ghlsync.ghl;

import com.github.benmanes.caffeine.cache.Ticker;
import io.ghlsync.simulator.GhlSimulator;
import io.ghlsync.ghl.oauth.GhlLocations;
import io.ghlsync.ghl.oauth.GhlOAuthClient;
import io.ghlsync.ghl.oauth.OAuthTokenProvider;
import io.ghlsync.ghl.oauth.OAuthTokenStore;
import io.ghlsync.ghl.oauth.TokenCipher;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.PropertyInject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

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

    @PropertyInject(value = "ghl.oauth.client-id", defaultValue = "")
    private String clientId;

    @PropertyInject(value = "ghl.oauth.client-secret", defaultValue = "")
    private String clientSecret;

    @PropertyInject(value = "ghl.oauth.redirect-uri", defaultValue = "")
    private String redirectUri;

    @PropertyInject(value = "ghl.oauth.token-encryption-key", defaultValue = "")
    private String encryptionKey;

    @PropertyInject(value = "ghl.oauth.refresh-before-seconds", defaultValue = "300")
    private long refreshBeforeSeconds;

    @PropertyInject(value = "ghl.version.locations", defaultValue = "2021-07-28")
    private String locationsVersion;

    @PropertyInject(value = "ghl.locations.status-cache-ms", defaultValue = "5000")
    private long locationStatusCacheMs;

    @PropertyInject(value = "ghl.location-id", defaultValue = "")
    private String locationId;

    @PropertyInject(value = "ghl.location-ids", defaultValue = "")
    private String locationIds;

    @PropertyInject(value = "ghl.simulator.port", defaultValue = "0")
    private int simulatorPort;

    @PropertyInject(value = "ghl.simulator.latency-ms", defaultValue = "0")
    private long simulatorLatency;

    @PropertyInject(value = "ghl.rate.daily-max", defaultValue = "200000")
    private int dailyMax;

    @PropertyInject(value = "ghl.rate.burst-period-ms", defaultValue = "10000")
    private long burstPeriod;

    @PropertyInject(value = "ghl.rate.burst-max", defaultValue = "100")
    private int burstMax;

    @PropertyInject(value = "ghl.rate.max-retry-after-seconds", defaultValue = "300")
    private long maxRetryAfterSeconds;

    private CamelContext context;
    private GhlSimulatorHolder simulator;
    private GhlConnection connection;
    private GhlBudget budget;
    private GhlApi api;
    private GhlTokenProvider tokens;
    private GhlLocations locations;
    private GhlOAuthClient oauthClient;
    private ServedLocations served;

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
    /** An OAuth app (GHL_CLIENT_ID) wins over a Private Integration token (GHL_API_KEY). */
    public boolean oauthMode() {
        return clientId != null && !clientId.isBlank();
    }

    private boolean simulatorMode() {
        return !oauthMode() && (apiKey == null || apiKey.isBlank());
    }

    /**
     * No credentials at all: the built-in simulator is started and used, so a first run needs no GHL account. Said
     * loudly, because nothing reaches the real GHL then.
     */
    @BindToRegistry(value = "ghlSimulator", destroyMethod = "close")
    public synchronized GhlSimulatorHolder ghlSimulator() {
        if (simulator == null) {
            GhlSimulator sim = null;
            if (simulatorMode()) {
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
                connection = new GhlConnection(sim.baseUrl(), true);
            } else {
                connection = new GhlConnection(baseUrl, false);
                LOG.info("GHL API at {} ({})", baseUrl, oauthMode() ? "OAuth app, tokens per location"
                        : "Private Integration token");
                if (oauthMode() && apiKey != null && !apiKey.isBlank()) {
                    LOG.warn("GHL_CLIENT_ID is set: the OAuth app's tokens are used and GHL_API_KEY is ignored");
                }
            }
        }
        return connection;
    }

    /** Which GHL locations are installed or uninstalled (table ghl_locations). */
    @BindToRegistry("ghlLocations")
    public synchronized GhlLocations ghlLocations() {
        if (locations == null) {
            locations = new GhlLocations(new NamedParameterJdbcTemplate(dataSource()), Clock.systemUTC(),
                    locationStatusCacheMs);
        }
        return locations;
    }

    /**
     * Which locations webhooks and bookings may name: the configured ones, or with the OAuth app the installed ones.
     * Cached "served" answers are bounded: 10,000 is far above the locations of one agency.
     */
    @BindToRegistry("servedLocations")
    public synchronized ServedLocations servedLocations() {
        if (served == null) {
            if (oauthMode()) {
                served = ServedLocations.installed(new InstalledLocations(new NamedParameterJdbcTemplate(dataSource())),
                        Duration.ofMillis(locationStatusCacheMs), 10_000, Ticker.systemTicker());
                LOG.info("Served GHL locations: those where the app is installed (ghl_locations)");
            } else {
                served = ServedLocations.configured(locationId, locationIds);
                LOG.info("Served GHL locations: {} (GHL_LOCATION_ID, GHL_LOCATION_IDS)", served.configured());
            }
        }
        return served;
    }

    /** Token per request: the static token, or the OAuth app's token of the request's location. */
    @BindToRegistry("ghlTokenProvider")
    public synchronized GhlTokenProvider ghlTokenProvider() {
        if (tokens == null) {
            if (oauthMode()) {
                if (clientSecret == null || clientSecret.isBlank()) {
                    throw new IllegalStateException("GHL_CLIENT_ID is set but GHL_CLIENT_SECRET is not");
                }
                TokenCipher cipher = TokenCipher.fromBase64(encryptionKey);
                TransactionTemplate ownTransaction = new TransactionTemplate(
                        new DataSourceTransactionManager(dataSource()));
                ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
                tokens = new OAuthTokenProvider(new OAuthTokenStore(new NamedParameterJdbcTemplate(dataSource()),
                        cipher), ghlLocations(), ghlOAuthClient(), ownTransaction, Clock.systemUTC(),
                        Duration.ofSeconds(refreshBeforeSeconds));
            } else {
                GhlSimulator sim = ghlSimulator().simulator();
                tokens = GhlTokenProvider.fixed(sim != null ? "simulator-token" : apiKey);
            }
        }
        return tokens;
    }

    /** GHL's /oauth/token and /oauth/locationToken. */
    @BindToRegistry("ghlOAuthClient")
    public synchronized GhlOAuthClient ghlOAuthClient() {
        if (oauthClient == null) {
            oauthClient = new GhlOAuthClient(context, ghlConnection().baseUrl(), clientId, clientSecret, redirectUri,
                    locationsVersion, Clock.systemUTC());
        }
        return oauthClient;
    }

    private DataSource dataSource() {
        DataSource ds = context.getRegistry().lookupByNameAndType("dataSource", DataSource.class);
        if (ds == null) {
            throw new IllegalStateException("no dataSource bean");
        }
        return ds;
    }

    @BindToRegistry("ghlBudget")
    public synchronized GhlBudget ghlBudget() {
        if (budget == null) {
            budget = new GhlBudget(Clock.systemUTC(), dailyMax, burstMax, burstPeriod, maxRetryAfterSeconds * 1000L);
        }
        return budget;
    }

    @BindToRegistry("ghlBudgetGate")
    public GhlBudgetGate ghlBudgetGate() {
        return new GhlBudgetGate(ghlBudget());
    }

    @BindToRegistry("ghlResponseInspector")
    public GhlResponseInspector ghlResponseInspector() {
        return new GhlResponseInspector(ghlBudget(), callMetrics());
    }

    /** Looked up on use: the metrics bean belongs to the monitor feature and is bound after these. */
    private GhlCallMetrics callMetrics() {
        return (operation, status, duration) -> {
            io.ghlsync.monitor.SyncMetrics m =
                    context.getRegistry().lookupByNameAndType("syncMetrics", io.ghlsync.monitor.SyncMetrics.class);
            if (m != null) {
                m.recordGhlCall(operation, status, duration);
            }
        };
    }

    @BindToRegistry("ghlApi")
    public synchronized GhlApi ghlApi() {
        if (api == null) {
            GhlLocations installs = ghlLocations();
            api = new CamelGhlApi(context, ghlConnection(), ghlTokenProvider(), installs::isUninstalled,
                    callMetrics());
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
