package io.ghlsync.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentHashMap;

/**
 * GHL's two budgets per location: a sliding window of {@code burstMax} requests per {@code burstPeriodMs}
 * (over receipt times) and {@code dailyMax} per UTC day. Rejected requests spend nothing.
 */
final class RateLimiter {

    /** Outcome of one request; the remaining counts already include the request itself when allowed. */
    record Decision(boolean allowed, int burstRemaining, long dailyRemaining, long retryAfterSeconds) {}

    private final int burstMax;
    private final long periodNanos;
    private final long dailyMax;
    private final Clock clock;
    private final ConcurrentHashMap<String, Budget> budgets = new ConcurrentHashMap<>();

    RateLimiter(int burstMax, long burstPeriodMs, long dailyMax, Clock clock) {
        if (burstMax < 1 || burstPeriodMs < 1 || dailyMax < 1) {
            throw new IllegalArgumentException("rate limits must be positive");
        }
        this.burstMax = burstMax;
        this.periodNanos = Duration.ofMillis(burstPeriodMs).toNanos();
        this.dailyMax = dailyMax;
        this.clock = clock;
    }

    int burstMax() {
        return burstMax;
    }

    long dailyMax() {
        return dailyMax;
    }

    long periodMillis() {
        return Duration.ofNanos(periodNanos).toMillis();
    }

    /** Counts a request received at {@code receivedNanos} (System.nanoTime) against the budget of {@code key}. */
    Decision acquire(String key, long receivedNanos) {
        Budget budget = budgets.computeIfAbsent(key, k -> new Budget());
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        synchronized (budget) {
            while (!budget.window.isEmpty() && budget.window.peekFirst() + periodNanos <= receivedNanos) {
                budget.window.pollFirst();
            }
            if (!today.equals(budget.day)) {
                budget.day = today;
                budget.dayCount = 0;
            }
            if (budget.dayCount >= dailyMax) {
                Instant midnight = today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
                long seconds = ceilSeconds(Duration.between(clock.instant(), midnight).toNanos());
                return new Decision(false, burstMax - budget.window.size(), 0, seconds);
            }
            if (budget.window.size() >= burstMax) {
                long seconds = ceilSeconds(budget.window.peekFirst() + periodNanos - receivedNanos);
                return new Decision(false, 0, dailyMax - budget.dayCount, seconds);
            }
            budget.window.addLast(receivedNanos);
            budget.dayCount++;
            return new Decision(true, burstMax - budget.window.size(), dailyMax - budget.dayCount, 0);
        }
    }

    /** The headers' values for a request that has no budget (no token): nothing spent. */
    Decision unmetered() {
        return new Decision(true, burstMax, dailyMax, 0);
    }

    void reset() {
        budgets.clear();
    }

    private static long ceilSeconds(long nanos) {
        long seconds = (nanos + 999_999_999L) / 1_000_000_000L;
        return Math.max(1, seconds);
    }

    private static final class Budget {
        final ArrayDeque<Long> window = new ArrayDeque<>();
        LocalDate day;
        long dayCount;
    }
}
