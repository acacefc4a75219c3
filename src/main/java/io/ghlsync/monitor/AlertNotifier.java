package io.ghlsync.monitor;

import io.ghlsync.config.Json;
import java.time.Clock;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Turns the current sync figures into Slack-compatible alert bodies ({"text": ...}) for the alert route.
 * With no webhook URL configured alerts are off and nothing is produced.
 */
public class AlertNotifier {

    private final String webhookUrl;
    private final Supplier<SyncStats> stats;
    private final SyncHealthEvaluator evaluator;
    private final BooleanSupplier environmentReady;
    private final AlertPolicy policy;
    private final Clock clock;

    public AlertNotifier(String webhookUrl, Supplier<SyncStats> stats, SyncHealthEvaluator evaluator,
            BooleanSupplier environmentReady, AlertPolicy policy, Clock clock) {
        this.webhookUrl = webhookUrl == null ? "" : webhookUrl.trim();
        this.stats = stats;
        this.evaluator = evaluator;
        this.environmentReady = environmentReady;
        this.policy = policy;
        this.clock = clock;
    }

    public boolean enabled() {
        return !webhookUrl.isEmpty();
    }

    /** JSON bodies to POST now (zero or one). */
    public List<String> pending() {
        if (!enabled()) {
            return List.of();
        }
        SyncStats s = stats.get();
        SystemHealth h = evaluator.evaluate(s, environmentReady.getAsBoolean());
        return policy.evaluate(h, s.oldestDeadLetterAgeSeconds(), clock.instant())
                .map(text -> Json.MAPPER.createObjectNode().put("text", text).toString())
                .stream().toList();
    }
}
