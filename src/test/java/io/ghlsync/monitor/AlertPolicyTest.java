package io.ghlsync.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertPolicyTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final SystemHealth HEALTHY = new SystemHealth("healthy", List.of(), Map.of(), List.of());
    private static final SystemHealth DEGRADED =
            new SystemHealth("degraded", List.of("Large dead letter queue: 60 items"), Map.of(), List.of());

    private final AlertPolicy policy = new AlertPolicy(Duration.ofMinutes(30), Duration.ofMinutes(60), "ghl-sync");

    @Test
    void alertsOnceWhenHealthDegradesThenRemindsAfterTheCooldown() {
        assertThat(policy.evaluate(DEGRADED, 0, T0))
                .contains("ghl-sync sync is degraded: Large dead letter queue: 60 items");
        assertThat(policy.evaluate(DEGRADED, 0, T0.plus(Duration.ofMinutes(29)))).isEmpty();
        assertThat(policy.evaluate(DEGRADED, 0, T0.plus(Duration.ofMinutes(30)))).isPresent();
    }

    @Test
    void sendsOneRecoveryMessageAfterAnAlert() {
        assertThat(policy.evaluate(HEALTHY, 0, T0)).isEmpty();
        policy.evaluate(DEGRADED, 0, T0);
        assertThat(policy.evaluate(HEALTHY, 0, T0.plusSeconds(60))).contains(
                "ghl-sync recovered: sync health is back to healthy");
        assertThat(policy.evaluate(HEALTHY, 0, T0.plusSeconds(120))).isEmpty();
    }

    @Test
    void anOldDeadLetterAlertsEvenWhenHealthy() {
        assertThat(policy.evaluate(HEALTHY, 59 * 60, T0)).isEmpty();
        assertThat(policy.evaluate(HEALTHY, 90 * 60, T0)).contains(
                "ghl-sync sync needs attention: Oldest dead letter waiting 90 minutes");
    }

    @Test
    void aRelapseWithinTheCooldownWaitsForIt() {
        policy.evaluate(DEGRADED, 0, T0);
        policy.evaluate(HEALTHY, 0, T0.plusSeconds(60));
        assertThat(policy.evaluate(DEGRADED, 0, T0.plusSeconds(120))).isEmpty();
        assertThat(policy.evaluate(DEGRADED, 0, T0.plus(Duration.ofMinutes(31)))).isPresent();
    }
}
