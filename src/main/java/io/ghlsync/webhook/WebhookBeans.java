package io.ghlsync.webhook;

import io.ghlsync.ghl.ServedLocations;
import io.vertx.core.VertxOptions;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.PropertyInject;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** Beans of the GHL webhook intake and handling, bound into the Camel registry. */
public class WebhookBeans implements CamelConfiguration {

    // camel-main may call bean methods more than once: stateful beans are created once and cached.
    private WebhookSignatureVerifier verifier;
    private WebhookInboxRepository repository;
    private WebhookInboxWriter writer;
    private ExecutorService workers;
    private IgnoredWebhooks ignored;

    @BindToRegistry("webhookSignatureVerifier")
    public synchronized WebhookSignatureVerifier webhookSignatureVerifier(
            @PropertyInject(value = "webhook.ed25519-public-key") String ed25519Key,
            @PropertyInject(value = "webhook.ed25519-provider", defaultValue = "auto") String ed25519Provider,
            @PropertyInject(value = "webhook.rsa-public-key", defaultValue = "") String rsaKey,
            @PropertyInject(value = "webhook.legacy-rsa-enabled", defaultValue = "true") boolean legacyRsa,
            @PropertyInject(value = "webhook.skip-signature-validation", defaultValue = "false") boolean skip) {
        // The production profile never gets here with skip=true: io.ghlsync.security.ProductionCheck refuses it.
        if (verifier == null) {
            PublicKey rsa = legacyRsa ? PublicKeys.rsa(rsaKey, "webhook.rsa-public-key") : null;
            Ed25519Verifier ed25519 = Ed25519Verifier.create(ed25519Provider,
                    PublicKeys.ed25519(ed25519Key, "webhook.ed25519-public-key"));
            verifier = new WebhookSignatureVerifier(ed25519, rsa, legacyRsa, skip);
        }
        return verifier;
    }

    @BindToRegistry("webhookMetrics")
    public WebhookMetrics webhookMetrics(@BeanInject("webhookSignatureVerifier") WebhookSignatureVerifier verifier,
            @BeanInject("ignoredWebhooks") IgnoredWebhooks ignored) {
        return new WebhookMetrics(verifier, ignored);
    }

    @BindToRegistry("ignoredWebhooks")
    public synchronized IgnoredWebhooks ignoredWebhooks() {
        if (ignored == null) {
            ignored = new IgnoredWebhooks();
        }
        return ignored;
    }

    @BindToRegistry("webhookBodyTooLarge")
    public BodyTooLargeResponder webhookBodyTooLarge(
            @PropertyInject(value = "camel.server.max-body-size", defaultValue = "1048576") long maxBody) {
        return new BodyTooLargeResponder(maxBody);
    }

    /**
     * Options of the Vert.x instance behind the HTTP server (platform-http looks them up by type). Every request
     * holds a worker thread until its route finishes, and a webhook waits there for its group commit, so the
     * worker pool, not the CPU, would otherwise cap webhook throughput (Vert.x default: 20 threads).
     */
    @BindToRegistry("httpVertxOptions")
    public VertxOptions httpVertxOptions(
            @PropertyInject(value = "http.worker-threads", defaultValue = "100") int workerThreads) {
        return new VertxOptions().setWorkerPoolSize(workerThreads);
    }

    @BindToRegistry("webhookRequestCheck")
    public WebhookRequestCheck webhookRequestCheck() {
        return new WebhookRequestCheck();
    }

    @BindToRegistry("webhookEnvelopeReader")
    public WebhookEnvelopeReader webhookEnvelopeReader() {
        return new WebhookEnvelopeReader();
    }

    @BindToRegistry("webhookReplayWindow")
    public WebhookReplayWindow webhookReplayWindow(
            @PropertyInject(value = "webhook.timestamp-window-minutes", defaultValue = "75") long minutes) {
        return new WebhookReplayWindow(Duration.ofMinutes(minutes), Clock.systemUTC());
    }

    @BindToRegistry("webhookInboxRepository")
    public synchronized WebhookInboxRepository webhookInboxRepository(@BeanInject("dataSource") DataSource ds,
            @BeanInject("jdbc") NamedParameterJdbcTemplate jdbc) {
        if (repository == null) {
            repository = new WebhookInboxRepository(ds, jdbc);
        }
        return repository;
    }

    @BindToRegistry(value = "webhookInboxWriter", destroyMethod = "close")
    public synchronized WebhookInboxWriter webhookInboxWriter(
            @BeanInject("webhookInboxRepository") WebhookInboxRepository repository,
            @PropertyInject(value = "webhook.store.writers", defaultValue = "2") int writers,
            @PropertyInject(value = "webhook.store.batch-max", defaultValue = "200") int batchMax,
            @PropertyInject(value = "webhook.store.queue-capacity", defaultValue = "5000") int capacity,
            @PropertyInject(value = "webhook.store.timeout-ms", defaultValue = "5000") long timeoutMs) {
        if (writer == null) {
            writer = new WebhookInboxWriter(repository, writers, batchMax, capacity, timeoutMs);
        }
        return writer;
    }

    @BindToRegistry("webhookAcknowledger")
    public WebhookAcknowledger webhookAcknowledger() {
        return new WebhookAcknowledger();
    }

    @BindToRegistry("webhookErrorResponder")
    public WebhookErrorResponder webhookErrorResponder() {
        return new WebhookErrorResponder();
    }

    @BindToRegistry("webhookInboxClaimer")
    public WebhookInboxClaimer webhookInboxClaimer(
            @BeanInject("webhookInboxRepository") WebhookInboxRepository repository,
            @PropertyInject(value = "webhook.inbox.batch-size", defaultValue = "100") int batchSize,
            @PropertyInject(value = "webhook.inbox.lease-ms", defaultValue = "300000") long leaseMs) {
        return new WebhookInboxClaimer(repository, batchSize, leaseMs);
    }

    @BindToRegistry(value = "webhookWorkers", destroyMethod = "shutdown")
    public synchronized ExecutorService webhookWorkers(
            @PropertyInject(value = "webhook.workers", defaultValue = "4") int threads) {
        if (workers == null) {
            workers = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "webhook-worker");
                t.setDaemon(true);
                return t;
            });
        }
        return workers;
    }

    @BindToRegistry("webhookEventHandler")
    public WebhookEventHandler webhookEventHandler(@BeanInject("jdbc") NamedParameterJdbcTemplate jdbc,
            @BeanInject("webhookInboxRepository") WebhookInboxRepository repository,
            @BeanInject("transactionTemplate") TransactionTemplate tx,
            @BeanInject("locationInstalls") io.ghlsync.ghl.oauth.LocationInstalls installs,
            @BeanInject("servedLocations") ServedLocations served,
            @PropertyInject(value = "ghl.oauth.client-id", defaultValue = "") String clientId) {
        return new WebhookEventHandler(new ContactEvents(jdbc), new AppointmentEvents(jdbc), repository, tx,
                new AppInstallEvents(installs, served), new WebhookAudience(served, clientId), ignoredWebhooks());
    }

    @BindToRegistry("webhookDeadMarker")
    public WebhookDeadMarker webhookDeadMarker(
            @BeanInject("webhookInboxRepository") WebhookInboxRepository repository) {
        return new WebhookDeadMarker(repository);
    }
}
