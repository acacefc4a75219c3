package io.ghlsync.ghl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class GhlBudgetGateTest {

    private final GhlBudget budget = new GhlBudget(Clock.systemUTC(), 200_000, 10_000, 300_000);
    private final GhlBudgetGate gate = new GhlBudgetGate(budget);

    private static Exchange callTo(String location) {
        Exchange ex = new DefaultExchange(new DefaultCamelContext());
        ex.setProperty(GhlBudgetGate.LOCATION_PROPERTY, location);
        return ex;
    }

    @Test
    void aPausedLocationFailsAtOnceWithThePauseInsteadOfBlockingTheThread() {
        budget.onRateLimited("loc-a", "30");
        long started = System.nanoTime();
        assertThatThrownBy(() -> gate.process(callTo("loc-a")))
                .isInstanceOfSatisfying(GhlPausedException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.errorClass()).isEqualTo("paused");
                    assertThat(e.retryAfterMillis()).isBetween(25_000L, 30_000L);
                });
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(500);
    }

    @Test
    void otherLocationsPassWhileOneIsPaused() throws Exception {
        budget.onRateLimited("loc-a", "30");
        gate.process(callTo("loc-b"));
        assertThat(budget.location("loc-b").sentToday()).isEqualTo(1);
    }
}
