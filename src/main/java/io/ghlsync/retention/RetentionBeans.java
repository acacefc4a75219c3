package io.ghlsync.retention;

import java.time.Clock;
import java.time.Duration;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.PropertyInject;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** Beans of the retention feature, bound into the Camel registry. */
public class RetentionBeans implements CamelConfiguration {

    @PropertyInject(value = "retention.days", defaultValue = "30")
    long days;

    @PropertyInject(value = "retention.batch-size", defaultValue = "5000")
    int batchSize;

    @PropertyInject(value = "retention.max-batches-per-run", defaultValue = "200")
    int maxBatches;

    private RetentionPruner pruner;

    @BindToRegistry("retentionPruner")
    public synchronized RetentionPruner retentionPruner(@BeanInject("jdbc") NamedParameterJdbcTemplate jdbc) {
        if (pruner == null) {
            pruner = new RetentionPruner(jdbc, Duration.ofDays(days), batchSize, maxBatches, Clock.systemUTC());
        }
        return pruner;
    }
}
