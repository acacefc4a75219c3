package io.ghlsync.monitor;

import java.util.List;
import java.util.Map;

/**
 * The original monitor's systemHealth plus its recommendations.
 *
 * @param status healthy, degraded or unhealthy
 * @param checks environment, syncPerformance, deadLetterQueue, recentFailures: true = fine
 */
public record SystemHealth(String status, List<String> issues, Map<String, Boolean> checks,
        List<String> recommendations) {

    public static final String HEALTHY = "healthy";
    public static final String DEGRADED = "degraded";
    public static final String UNHEALTHY = "unhealthy";
}
