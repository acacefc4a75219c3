package io.ghlsync.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SyncHealthEvaluatorTest {

    private final SyncHealthEvaluator evaluator = new SyncHealthEvaluator(SyncHealthEvaluator.Thresholds.ORIGINAL);

    private static SyncStats stats(long total, long ok, long queue, long lastHour) {
        return new SyncStats(total, ok, total - ok, queue, 0, lastHour, List.of());
    }

    @Test
    void allChecksWithinTheOriginalLimitsIsHealthy() {
        SystemHealth h = evaluator.evaluate(stats(100, 90, 50, 10), true);
        assertThat(h.status()).isEqualTo("healthy");
        assertThat(h.issues()).isEmpty();
        assertThat(h.recommendations()).isEmpty();
        assertThat(h.checks()).containsOnlyKeys("environment", "syncPerformance", "deadLetterQueue", "recentFailures")
                .doesNotContainValue(false);
    }

    @Test
    void successRateBelowNinetyPercentIsDegraded() {
        SystemHealth h = evaluator.evaluate(stats(1000, 899, 0, 0), true);
        assertThat(h.status()).isEqualTo("degraded");
        assertThat(h.checks().get("syncPerformance")).isFalse();
        assertThat(h.issues()).containsExactly("Low success rate: 89.9%");
        assertThat(h.recommendations()).contains("Investigate sync failures - success rate below 90%",
                "Check GoHighLevel API status and rate limits");
    }

    @Test
    void moreThanFiftyDeadLettersIsDegraded() {
        SystemHealth h = evaluator.evaluate(stats(10, 10, 51, 0), true);
        assertThat(h.status()).isEqualTo("degraded");
        assertThat(h.checks().get("deadLetterQueue")).isFalse();
        assertThat(h.issues()).containsExactly("Large dead letter queue: 51 items");
    }

    @Test
    void moreThanTenFailuresInTheLastHourIsDegraded() {
        SystemHealth h = evaluator.evaluate(stats(10, 10, 0, 15), true);
        assertThat(h.status()).isEqualTo("degraded");
        assertThat(h.checks().get("recentFailures")).isFalse();
        assertThat(h.issues()).containsExactly("High failure rate in last hour: 15 failures");
    }

    @Test
    void missingEnvironmentIsUnhealthyWhateverTheFigures() {
        SystemHealth h = evaluator.evaluate(stats(10, 10, 0, 0), false);
        assertThat(h.status()).isEqualTo("unhealthy");
        assertThat(h.checks().get("environment")).isFalse();
        assertThat(h.issues()).hasSize(1);
    }

    @Test
    void noFinishedSyncsCountsAsFullSuccess() {
        assertThat(stats(0, 0, 0, 0).successRate()).isEqualTo(100.0);
        assertThat(evaluator.evaluate(stats(0, 0, 0, 0), true).status()).isEqualTo("healthy");
    }

    @Test
    void environmentNeedsAKeyOrTheSimulatorAndALocation() {
        assertThat(SyncHealthEvaluator.environmentReady("", true, "loc")).isTrue();
        assertThat(SyncHealthEvaluator.environmentReady("pit-123", false, "loc")).isTrue();
        assertThat(SyncHealthEvaluator.environmentReady("", false, "loc")).isFalse();
        assertThat(SyncHealthEvaluator.environmentReady("pit-123", false, " ")).isFalse();
        assertThat(SyncHealthEvaluator.environmentReady(null, false, null)).isFalse();
    }
}
