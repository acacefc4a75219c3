package io.ghlsync.monitor;

import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness view of the original systemHealth rules: DOWN only when unhealthy (GHL cannot be reached at all);
 * degraded stays UP, with the issues in the details, because taking an instance out of service does not fix GHL
 * errors. Liveness does not depend on it.
 */
public class SyncHealthCheck extends AbstractHealthCheck {

    private final Supplier<SyncStats> stats;
    private final SyncHealthEvaluator evaluator;
    private final BooleanSupplier environmentReady;

    public SyncHealthCheck(Supplier<SyncStats> stats, SyncHealthEvaluator evaluator,
            BooleanSupplier environmentReady) {
        super("ghl-sync", "sync-health");
        this.stats = stats;
        this.evaluator = evaluator;
        this.environmentReady = environmentReady;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        SystemHealth h;
        try {
            h = evaluator.evaluate(stats.get(), environmentReady.getAsBoolean());
        } catch (RuntimeException e) {
            builder.message("sync figures unavailable: " + e.getClass().getSimpleName()).down();
            return;
        }
        builder.detail("status", h.status());
        builder.detail("issues", String.join("; ", h.issues()));
        h.checks().forEach(builder::detail);
        if (SystemHealth.UNHEALTHY.equals(h.status())) {
            builder.message(String.join("; ", h.issues())).down();
        } else {
            builder.up();
        }
    }
}
