package io.ghlsync.sync;

import io.ghlsync.deadletter.DeadLetterRepository;
import io.ghlsync.outbox.CaffeineKeyCache;
import io.ghlsync.outbox.IdempotencyKeyRepository;
import io.ghlsync.outbox.OutboxRepository;
import io.ghlsync.outbox.TieredIdempotentRepository;
import java.net.InetAddress;
import javax.sql.DataSource;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.PropertyInject;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** The durable sync pipeline: outbox, dispatcher, idempotency, retry policy, completion. */
public class PipelineBeans implements CamelConfiguration {

    private OutboxDispatcher dispatcher;
    private SyncWaiters waiters;

    @BindToRegistry("outboxRepository")
    public OutboxRepository outboxRepository(@BeanInject("jdbc") NamedParameterJdbcTemplate jdbc) {
        return new OutboxRepository(jdbc);
    }

    @BindToRegistry("outboxDispatcher")
    public synchronized OutboxDispatcher outboxDispatcher(
            @BeanInject("outboxRepository") OutboxRepository outbox,
            @PropertyInject(value = "sync.instance-id", defaultValue = "") String instanceId,
            @PropertyInject(value = "camel.server.port", defaultValue = "8080") String port,
            @PropertyInject(value = "sync.dispatcher.batch-size", defaultValue = "20") int batchSize,
            @PropertyInject(value = "sync.max-in-flight", defaultValue = "100") int maxInFlight,
            @PropertyInject(value = "sync.dispatcher.lease-ms", defaultValue = "300000") long leaseMillis,
            @PropertyInject(value = "sync.enabled", defaultValue = "true") boolean enabled,
            @PropertyInject(value = "sync.max-in-flight-per-location", defaultValue = "5") int perLocation)
            throws Exception {
        if (dispatcher == null) {
            String id = instanceId == null || instanceId.isBlank()
                    ? InetAddress.getLocalHost().getHostName() + ":" + port
                    : instanceId;
            dispatcher = new OutboxDispatcher(outbox, id, batchSize, maxInFlight, leaseMillis, enabled,
                    perLocation);
            dispatcher.recoverOwnClaims();
        }
        return dispatcher;
    }

    @BindToRegistry("syncRetryPolicy")
    public SyncRetryPolicy syncRetryPolicy(
            @PropertyInject(value = "sync.retry-on-failure", defaultValue = "true") boolean retryOnFailure,
            @PropertyInject(value = "sync.max-retries", defaultValue = "3") int maxRetries,
            @PropertyInject(value = "ghl.rate.max-429-waits", defaultValue = "10") int max429Waits) {
        return new SyncRetryPolicy(retryOnFailure, maxRetries, max429Waits);
    }

    @BindToRegistry("syncIdempotentRepository")
    public TieredIdempotentRepository syncIdempotentRepository(
            @BeanInject("dataSource") DataSource dataSource,
            @PropertyInject(value = "sync.idempotency.cache-size", defaultValue = "1000") int cacheSize,
            @PropertyInject(value = "sync.idempotency.cache-ttl-seconds", defaultValue = "300") int ttlSeconds) {
        CaffeineKeyCache cache = new CaffeineKeyCache(cacheSize, java.time.Duration.ofSeconds(ttlSeconds));
        return new TieredIdempotentRepository(cache, new IdempotencyKeyRepository(dataSource).camelRepository());
    }

    @BindToRegistry("syncWaiters")
    public synchronized SyncWaiters syncWaiters() {
        if (waiters == null) {
            waiters = new SyncWaiters();
        }
        return waiters;
    }

    @BindToRegistry("syncCompletion")
    public SyncCompletion syncCompletion(
            @BeanInject("outboxRepository") OutboxRepository outbox,
            @BeanInject("deadLetterRepository") DeadLetterRepository deadLetters,
            @BeanInject("transactionTemplate") TransactionTemplate tx,
            @BeanInject("syncWaiters") SyncWaiters waiters,
            @BeanInject("syncMetrics") io.ghlsync.monitor.SyncMetrics metrics) {
        return new SyncCompletion(outbox, deadLetters, tx, waiters, metrics);
    }

    @BindToRegistry("appointmentSyncEndpoint")
    public AppointmentSyncEndpoint appointmentSyncEndpoint(
            @BeanInject("jdbc") NamedParameterJdbcTemplate jdbc,
            @BeanInject("outboxRepository") OutboxRepository outbox,
            @BeanInject("deadLetterRepository") DeadLetterRepository deadLetters,
            @BeanInject("syncWaiters") SyncWaiters waiters,
            @PropertyInject(value = "sync.wait-timeout-ms", defaultValue = "10000") long waitTimeout,
            @PropertyInject(value = "sync.retry-delay-ms", defaultValue = "300000") long replayDelay,
            @PropertyInject(value = "ghl.location-id", defaultValue = "") String location) {
        return new AppointmentSyncEndpoint(jdbc, outbox, deadLetters, waiters, waitTimeout, replayDelay, location);
    }

    @BindToRegistry("syncResponseWaiter")
    public SyncResponseWaiter syncResponseWaiter(
            @PropertyInject(value = "sync.async-mode", defaultValue = "true") boolean asyncMode,
            @PropertyInject(value = "sync.wait-timeout-ms", defaultValue = "10000") long waitTimeout,
            @BeanInject("outboxRepository") OutboxRepository outbox,
            @BeanInject("syncWaiters") SyncWaiters waiters) {
        return new SyncResponseWaiter(asyncMode, waitTimeout, outbox, waiters);
    }

    @BindToRegistry("appointmentSyncRequest")
    public io.ghlsync.config.JsonRequestReader appointmentSyncRequest() {
        return new io.ghlsync.config.JsonRequestReader(new io.ghlsync.config.RequestValidator(),
                "appointment-sync-request");
    }
}
