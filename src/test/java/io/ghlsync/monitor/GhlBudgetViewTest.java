package io.ghlsync.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ghlsync.ghl.GhlBudget;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class GhlBudgetViewTest {

    /** A clock the test moves. */
    private static final class MovableClock extends Clock {
        final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-01T23:59:00Z"));

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
            return now.get();
        }
    }

    private final MovableClock clock = new MovableClock();
    private final GhlBudget budget = new GhlBudget(clock, 200_000, 10_000, 300_000);
    private final GhlBudgetView view = new GhlBudgetView(budget, new GhlBudgetView.Limits(100, 10_150, 200_000), clock);

    @Test
    void showsTheLimitsAndWhatGhlReportedPerLocation() {
        budget.delayBeforeSend("loc-b");
        budget.delayBeforeSend("loc-b");
        budget.onResponse("loc-b", Map.of("X-RateLimit-Remaining", "97", "X-RateLimit-Max", "100",
                "x-ratelimit-daily-remaining", "199990"));
        budget.onRateLimited("loc-b", "30");
        budget.delayBeforeSend("loc-a");

        JsonNode data = view.toJson();

        assertThat(data.get("limits").get("burstMax").asInt()).isEqualTo(100);
        assertThat(data.get("limits").get("burstPeriodMs").asLong()).isEqualTo(10_150);
        assertThat(data.get("limits").get("dailyMax").asInt()).isEqualTo(200_000);
        assertThat(data.get("locations")).extracting(l -> l.get("locationId").asText())
                .containsExactly("loc-a", "loc-b");
        JsonNode b = data.get("locations").get(1);
        assertThat(b.get("burstRemaining").asLong()).isEqualTo(97);
        assertThat(b.get("burstMax").asLong()).isEqualTo(100);
        assertThat(b.get("dailyRemaining").asLong()).isEqualTo(199_990);
        assertThat(b.get("sentToday").asLong()).isEqualTo(2);
        assertThat(b.get("sentTotal").asLong()).isEqualTo(2);
        assertThat(b.get("rateLimited").asLong()).isEqualTo(1);
        assertThat(b.get("pausedUntil").asText()).isEqualTo("2026-03-01T23:59:30Z");
    }

    @Test
    void valuesGhlHasNotReportedYetAndPausesThatAreOverAreNull() {
        budget.delayBeforeSend("loc");
        budget.onRateLimited("loc", "5");
        clock.now.set(clock.now.get().plus(Duration.ofSeconds(6)));

        JsonNode loc = view.toJson().get("locations").get(0);

        assertThat(loc.get("burstRemaining").isNull()).isTrue();
        assertThat(loc.get("burstMax").isNull()).isTrue();
        assertThat(loc.get("dailyRemaining").isNull()).isTrue();
        assertThat(loc.get("pausedUntil").isNull()).isTrue();
        assertThat(loc.get("rateLimited").asLong()).isEqualTo(1);
    }

    @Test
    void sentTodayStartsAtZeroOnANewUtcDayBeforeTheFirstCall() {
        budget.delayBeforeSend("loc");
        clock.now.set(Instant.parse("2026-03-02T00:00:30Z"));

        JsonNode loc = view.toJson().get("locations").get(0);

        assertThat(loc.get("sentToday").asLong()).isZero();
        assertThat(loc.get("sentTotal").asLong()).isEqualTo(1);
    }

    @Test
    void noLocationsBeforeTheFirstCall() {
        assertThat(view.toJson().get("locations")).isEmpty();
    }
}
