package io.ghlsync.ghl;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GhlBudgetTest {

    /** A clock the test moves by hand, so pauses are checked without waiting. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-11-29T12:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }
    }

    private final ManualClock clock = new ManualClock();

    @Test
    void a429PausesTheLocationForRetryAfter() {
        GhlBudget budget = new GhlBudget(clock, 200_000, 10_000, 300_000);
        assertThat(budget.delayBeforeSend("loc")).isZero();
        long pause = budget.onRateLimited("loc", "7");
        assertThat(pause).isEqualTo(7_000);
        assertThat(budget.delayBeforeSend("loc")).isEqualTo(7_000);
        assertThat(budget.delayBeforeSend("other")).as("other locations keep sending").isZero();
        clock.advance(Duration.ofSeconds(7));
        assertThat(budget.delayBeforeSend("loc")).isZero();
    }

    @Test
    void a429WithoutRetryAfterWaitsOneBurstWindowAndHugeValuesAreCapped() {
        GhlBudget budget = new GhlBudget(clock, 200_000, 10_000, 60_000);
        assertThat(budget.onRateLimited("loc", null)).isEqualTo(10_000);
        assertThat(budget.onRateLimited("loc", "99999")).isEqualTo(60_000);
        assertThat(budget.onRateLimited("loc", "Sun, 29 Nov 2026 12:00:30 GMT")).isEqualTo(30_000);
        assertThat(budget.of("loc").rateLimited()).isEqualTo(3);
    }

    @Test
    void theDailyBudgetStopsSendingUntilTheNextUtcDay() {
        GhlBudget budget = new GhlBudget(clock, 3, 10_000, 300_000);
        assertThat(budget.delayBeforeSend("loc")).isZero();
        assertThat(budget.delayBeforeSend("loc")).isZero();
        assertThat(budget.delayBeforeSend("loc")).isZero();
        assertThat(budget.delayBeforeSend("loc")).isEqualTo(Duration.ofHours(12).toMillis());
        clock.advance(Duration.ofHours(12));
        assertThat(budget.delayBeforeSend("loc")).isZero();
    }

    @Test
    void readsGhlRateHeadersAndStopsWhenGhlSaysTheDayIsUsedUp() {
        GhlBudget budget = new GhlBudget(clock, 200_000, 10_000, 300_000);
        budget.onResponse("loc", Map.of("X-RateLimit-Remaining", "42", "X-RateLimit-Max", "100",
                "x-ratelimit-daily-remaining", "0"));
        assertThat(budget.of("loc").burstRemaining()).isEqualTo(42);
        assertThat(budget.of("loc").burstMax()).isEqualTo(100);
        assertThat(budget.of("loc").dailyRemaining()).isZero();
        assertThat(budget.delayBeforeSend("loc")).isPositive();
    }

    @Test
    void aFullBurstWindowTellsHowLongToWaitPerLocation() {
        GhlBudget budget = new GhlBudget(clock, 200_000, 2, 10_000, 300_000);
        assertThat(budget.delayBeforeSend("loc")).isZero();
        clock.advance(Duration.ofSeconds(4));
        assertThat(budget.delayBeforeSend("loc")).isZero();
        assertThat(budget.delayBeforeSend("loc")).as("until the first send leaves the window").isEqualTo(6_000);
        assertThat(budget.delayBeforeSend("other")).isZero();
        clock.advance(Duration.ofSeconds(6));
        assertThat(budget.delayBeforeSend("loc")).isZero();
        assertThat(budget.of("loc").sentToday()).as("refused sends are not counted").isEqualTo(3);
    }
}
