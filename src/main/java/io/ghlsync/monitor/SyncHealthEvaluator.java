package io.ghlsync.monitor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The original monitor's health rules. A failing environment check (no way to reach GHL) makes the system
 * unhealthy; otherwise any failing check (success rate below the minimum, dead-letter queue above its limit, too many
 * failures in the last hour) makes it degraded.
 */
public final class SyncHealthEvaluator {

    /** Limits: the original's 90 %, 50 dead letters and 10 failures per hour unless configured otherwise. */
    public record Thresholds(double minSuccessRate, long maxDeadLetters, long maxFailuresPerHour) {
        public static final Thresholds ORIGINAL = new Thresholds(90.0, 50, 10);
    }

    private final Thresholds thresholds;
    private final java.util.function.Supplier<List<String>> locationIssues;

    public SyncHealthEvaluator(Thresholds thresholds) {
        this(thresholds, List::of);
    }

    /** @param locationIssues problems of single GHL locations (token refresh, daily budget): each degrades */
    public SyncHealthEvaluator(Thresholds thresholds, java.util.function.Supplier<List<String>> locationIssues) {
        this.thresholds = thresholds;
        this.locationIssues = locationIssues;
    }

    /**
     * True when the service can talk to GHL: an API key or the simulator, and a location to sync to.
     */
    public static boolean environmentReady(String apiKey, boolean simulatorMode, String locationId) {
        boolean credentials = simulatorMode || (apiKey != null && !apiKey.isBlank());
        return credentials && locationId != null && !locationId.isBlank();
    }

    public SystemHealth evaluate(SyncStats stats, boolean environmentReady) {
        List<String> issues = new ArrayList<>();
        List<String> advice = new ArrayList<>();
        Map<String, Boolean> checks = new LinkedHashMap<>();

        checks.put("environment", environmentReady);
        if (!environmentReady) {
            issues.add("Required settings missing: GHL API key (or simulator) and GHL location id");
            advice.add("Set GHL_API_KEY and GHL_LOCATION_ID, then restart the service");
        }

        double rate = stats.successRate();
        boolean performanceOk = rate >= thresholds.minSuccessRate();
        checks.put("syncPerformance", performanceOk);
        if (!performanceOk) {
            issues.add("Low success rate: " + format(rate) + "%");
            advice.add("Investigate sync failures - success rate below " + format(thresholds.minSuccessRate()) + "%");
            advice.add("Check GoHighLevel API status and rate limits");
        }

        boolean queueOk = stats.deadLetterQueueSize() <= thresholds.maxDeadLetters();
        checks.put("deadLetterQueue", queueOk);
        if (!queueOk) {
            issues.add("Large dead letter queue: " + stats.deadLetterQueueSize() + " items");
            advice.add("Review the dead letter queue: replay or discard entries (GET /api/dead-letters)");
        }

        boolean recentOk = stats.failuresLastHour() <= thresholds.maxFailuresPerHour();
        checks.put("recentFailures", recentOk);
        if (!recentOk) {
            issues.add("High failure rate in last hour: " + stats.failuresLastHour() + " failures");
            advice.add("Check GoHighLevel connectivity and recent error classes of the dead letters");
        }

        // Not a fifth entry in checks: the original's four checks are a contract. The issues degrade the status.
        List<String> locations = locationIssues.get();
        if (!locations.isEmpty()) {
            issues.addAll(locations);
            advice.add("Check the GHL locations in the monitor's status (data.locations): reinstall the app where "
                    + "the token refresh fails, spread or pause work where the daily budget runs out");
        }

        String status = !environmentReady ? SystemHealth.UNHEALTHY
                : issues.isEmpty() ? SystemHealth.HEALTHY : SystemHealth.DEGRADED;
        return new SystemHealth(status, List.copyOf(issues), java.util.Collections.unmodifiableMap(checks),
                List.copyOf(advice.stream().distinct().toList()));
    }

    private static String format(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
