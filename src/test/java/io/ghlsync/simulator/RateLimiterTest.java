package io.ghlsync.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private final Clock noon = Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void hundredFirstRequestInTheWindowIsRefusedUntilTheOldestLeavesIt() {
        RateLimiter limiter = new RateLimiter(100, 10_000, 200_000, noon);
        for (int i = 0; i < 100; i++) {
            RateLimiter.Decision decision = limiter.acquire("token", i * MS);
            assertThat(decision.allowed()).isTrue();
            assertThat(decision.burstRemaining()).isEqualTo(99 - i);
        }
        RateLimiter.Decision refused = limiter.acquire("token", 2_500 * MS);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.burstRemaining()).isZero();
        // the oldest request (t=0) leaves the window at t=10 s: 7.5 s away, rounded up
        assertThat(refused.retryAfterSeconds()).isEqualTo(8);

        assertThat(limiter.acquire("token", 9_999 * MS).allowed()).isFalse();
        RateLimiter.Decision freed = limiter.acquire("token", 10_000 * MS);
        assertThat(freed.allowed()).isTrue();
        assertThat(freed.burstRemaining()).isZero();
        assertThat(limiter.acquire("token", 10_000 * MS).allowed()).isFalse();
        assertThat(limiter.acquire("token", 10_001 * MS).allowed()).isTrue();
    }

    @Test
    void refusedRequestsDoNotSpendTheBudget() {
        RateLimiter limiter = new RateLimiter(2, 1_000, 200_000, noon);
        limiter.acquire("t", 0);
        limiter.acquire("t", 0);
        for (int i = 0; i < 50; i++) {
            assertThat(limiter.acquire("t", 500 * MS).allowed()).isFalse();
        }
        RateLimiter.Decision after = limiter.acquire("t", 1_000 * MS);
        assertThat(after.allowed()).isTrue();
        assertThat(after.burstRemaining()).isEqualTo(1);
        assertThat(after.dailyRemaining()).isEqualTo(200_000 - 3);
    }

    @Test
    void eachTokenHasItsOwnBudget() {
        RateLimiter limiter = new RateLimiter(1, 1_000, 10, noon);
        assertThat(limiter.acquire("location-a", 0).allowed()).isTrue();
        assertThat(limiter.acquire("location-a", 0).allowed()).isFalse();
        assertThat(limiter.acquire("location-b", 0).allowed()).isTrue();
    }

    @Test
    void dailyLimitRefusesUntilMidnightUtc() {
        RateLimiter limiter = new RateLimiter(100, 1_000, 3, noon);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire("t", i * 2_000 * MS).dailyRemaining()).isEqualTo(2 - i);
        }
        RateLimiter.Decision refused = limiter.acquire("t", 10_000 * MS);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.dailyRemaining()).isZero();
        assertThat(refused.retryAfterSeconds()).isEqualTo(12 * 3600);
    }
}
