package io.ghlsync.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SyncMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AtomicInteger statsReads = new AtomicInteger();
    private final SyncMetrics metrics = new SyncMetrics(registry, () -> {
        statsReads.incrementAndGet();
        return new SyncStats(10, 9, 1, 7, 120.5, 1, List.of());
    });

    @Test
    void labelValuesAreShortIdentifiersOnly() {
        metrics.recordOutcome("DROP TABLE", "dead", "select * from customers where email='a@b.c'");
        metrics.recordOutcome("Confirm", "done", null);
        metrics.recordGhlCall("https://services.leadconnectorhq.com/contacts/abc?x=1", 999, Duration.ofMillis(5));

        assertThat(registry.find("ghlsync.sync.outcomes").tag("action", "other").counter()).isNotNull();
        assertThat(registry.find("ghlsync.sync.outcomes").tag("action", "confirm").tag("error_class", "none")
                .counter().count()).isEqualTo(1.0);
        registry.getMeters().forEach(m -> m.getId().getTags().forEach(t -> {
            assertThat(t.getValue()).matches("[A-Za-z0-9_.-]{1,48}");
            assertThat(t.getValue()).doesNotContain("@", " ", "/", "'");
        }));
        assertThat(registry.find("ghlsync.ghl.calls").tag("status", "0").timer()).isNotNull();
    }

    @Test
    void exceptionClassNamesBecomeTheirSimpleName() {
        assertThat(SyncMetrics.label("io.ghlsync.ghl.GhlException")).isEqualTo("GhlException");
        assertThat(SyncMetrics.label("RateLimited")).isEqualTo("RateLimited");
        assertThat(SyncMetrics.label(null)).isEqualTo("unknown");
    }

    @Test
    void deadLetterGaugesReadTheStatsOnScrape() {
        metrics.recordLatency("update", Duration.ofSeconds(2));
        assertThat(registry.get("ghlsync.dead.letters.size").gauge().value()).isEqualTo(7.0);
        assertThat(registry.get("ghlsync.dead.letters.oldest.age").gauge().value()).isEqualTo(120.5);
        assertThat(registry.get("ghlsync.sync.latency").timer().count()).isEqualTo(1);
    }

    @Test
    void everyLocationGetsItsBudgetGaugesFromItsFirstUseWhetherBeforeOrAfterTheFirstScrape() {
        io.ghlsync.ghl.GhlBudget budget = new io.ghlsync.ghl.GhlBudget(java.time.Clock.systemUTC(), 200_000, 100,
                10_000, 60_000);
        metrics.watchGhlBudget(budget, "defaultLoc");
        budget.delayBeforeSend("earlyLoc"); // used before the registry exists

        metrics.recordLatency("update", Duration.ofSeconds(1)); // builds the registry
        budget.delayBeforeSend("lateLoc");
        budget.delayBeforeSend("lateLoc");

        for (String loc : List.of("defaultLoc", "earlyLoc", "lateLoc")) {
            assertThat(registry.find("ghlsync.ghl.budget.daily.remaining").tag("location", loc).gauge())
                    .as(loc).isNotNull();
        }
        assertThat(registry.get("ghlsync.ghl.sent.today").tag("location", "lateLoc").gauge().value()).isEqualTo(2.0);
        assertThat(registry.get("ghlsync.ghl.sent.today").tag("location", "earlyLoc").gauge().value()).isEqualTo(1.0);
    }
}
