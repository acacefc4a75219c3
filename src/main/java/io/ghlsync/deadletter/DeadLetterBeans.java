package io.ghlsync.deadletter;

import io.ghlsync.outbox.OutboxRepository;
import java.time.Duration;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.PropertyInject;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Beans of the deadletter feature, bound into the Camel registry. camel-main calls the methods in no fixed order
 * (and possibly more than once), so they share one lazily built set of objects instead of injecting each other.
 * Settings arrive as fields, which camel-main injects before it calls the methods.
 */
public class DeadLetterBeans implements CamelConfiguration {

    @PropertyInject(value = "sync.retry-delay-ms", defaultValue = "300000")
    long retryDelayMs;

    @PropertyInject(value = "deadletter.replay.max-delay-ms", defaultValue = "21600000")
    long maxDelayMs;

    @PropertyInject(value = "deadletter.replay.max-replays", defaultValue = "5")
    int maxReplays;

    @PropertyInject(value = "deadletter.replay.batch-size", defaultValue = "50")
    int batchSize;

    private DeadLetterRepository repository;
    private DeadLetterReplayer replayer;
    private DeadLetterApi api;

    @BindToRegistry("deadLetterRepository")
    public synchronized DeadLetterRepository deadLetterRepository(
            @BeanInject("jdbc") NamedParameterJdbcTemplate jdbc,
            @BeanInject("transactionTemplate") TransactionTemplate tx) {
        if (repository == null) {
            repository = new DeadLetterRepository(jdbc, tx,
                    new ReplaySchedule(Duration.ofMillis(retryDelayMs), Duration.ofMillis(maxDelayMs), maxReplays));
        }
        return repository;
    }

    @BindToRegistry("deadLetterReplayer")
    public synchronized DeadLetterReplayer deadLetterReplayer(
            @BeanInject("jdbc") NamedParameterJdbcTemplate jdbc,
            @BeanInject("transactionTemplate") TransactionTemplate tx) {
        if (replayer == null) {
            // OutboxRepository is stateless over the shared JdbcTemplate; our own instance avoids depending on
            // how the sync feature names its bean.
            replayer = new DeadLetterReplayer(deadLetterRepository(jdbc, tx), new OutboxRepository(jdbc), tx,
                    batchSize);
        }
        return replayer;
    }

    @BindToRegistry("deadLetterApi")
    public synchronized DeadLetterApi deadLetterApi(
            @BeanInject("jdbc") NamedParameterJdbcTemplate jdbc,
            @BeanInject("transactionTemplate") TransactionTemplate tx) {
        if (api == null) {
            api = new DeadLetterApi(deadLetterRepository(jdbc, tx), deadLetterReplayer(jdbc, tx));
        }
        return api;
    }
}
