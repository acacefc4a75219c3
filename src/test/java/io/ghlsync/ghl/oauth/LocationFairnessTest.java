package io.ghlsync.ghl.oauth;

import static io.ghlsync.ghl.oauth.OAuthFixtures.finished;
import static io.ghlsync.ghl.oauth.OAuthFixtures.queuedCreate;
import static io.ghlsync.ghl.oauth.OAuthFixtures.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.ghlsync.ghl.GhlApi;
import io.ghlsync.ghl.GhlBudget;
import io.ghlsync.ghl.GhlOperations;
import io.ghlsync.ghl.GhlPausedException;
import io.ghlsync.simulator.GhlSimulator;
import io.ghlsync.simulator.SimulatorOAuth;
import io.ghlsync.support.TestService;
import io.ghlsync.sync.OutboxDispatcher;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.camel.api.management.ManagedCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Several locations on one service: each has its own burst budget, a flooded location does not slow another one
 * down, and a paused location gives its events back instead of holding workers. GHL is the simulator with OAuth on,
 * so its rate limit is per location too.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocationFairnessTest {

    private static final int BURST = 10;
    private GhlSimulator ghl;
    private SimulatorOAuth oauth;
    private TestService service;
    private NamedParameterJdbcTemplate jdbc;

    @BeforeAll
    void start() {
        ghl = GhlSimulator.start(GhlSimulator.Settings.defaults().withLatencyMs(20));
        oauth = ghl.enableOAuth("client-f", "secret-f", Duration.ofHours(1));
        service = TestService.builder()
                .property("ghl.oauth.client-id", "client-f")
                .property("ghl.oauth.client-secret", "secret-f")
                .property("ghl.oauth.token-encryption-key", OAuthFixtures.newKey())
                .property("ghl.base-url", ghl.baseUrl())
                .property("ghl.rate.burst-max", BURST)
                .property("ghl.rate.burst-period-ms", 1000)
                .start();
        jdbc = service.jdbc();
        for (String location : List.of("loc-flood", "loc-calm", "loc-paused", "loc-t1", "loc-t2")) {
            var r = service.get("/oauth/callback?code=" + oauth.authorizationCode(location, "co"));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        }
    }

    @AfterAll
    void stop() {
        service.close();
        ghl.close();
    }

    private long timedCall(String location) {
        GhlApi api = service.bean("ghlApi", GhlApi.class);
        GhlOperations ops = service.bean("ghlOperations", GhlOperations.class);
        long t = System.nanoTime();
        api.call(ops.listCustomFields(location));
        return (System.nanoTime() - t) / 1_000_000;
    }

    @Test
    @Order(1)
    void theBurstBudgetIsKeptPerLocationAndAFullWindowFailsFastInsteadOfBlocking() throws Exception {
        await().pollDelay(Duration.ofMillis(1100)).until(() -> true); // the installs' calls leave the window
        List<CompletableFuture<Long>> burst = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            burst.add(CompletableFuture.supplyAsync(() -> timedCall("loc-t1")));
        }
        CompletableFuture.allOf(burst.toArray(CompletableFuture[]::new)).get();
        long other = timedCall("loc-t2");
        assertThat(other).as("another location is not held by loc-t1's used-up window").isLessThan(400);
        long started = System.nanoTime();
        assertThatThrownBy(() -> timedCall("loc-t1"))
                .isInstanceOfSatisfying(GhlPausedException.class,
                        e -> assertThat(e.retryAfterMillis()).isBetween(1L, 1000L));
        assertThat((System.nanoTime() - started) / 1_000_000).as("told to wait, not blocked").isLessThan(300);
    }

    @Test
    @Order(2)
    void theRouteThrottleBehindTheGateAlsoCountsPerLocation() throws Exception {
        // Operators may lower the throttle at runtime (JMX) below the gate's budget: it must still count per location.
        writeThrottleLimit(3);
        try {
            await().pollDelay(Duration.ofMillis(1100)).until(() -> true);
            for (int i = 0; i < 3; i++) {
                timedCall("loc-t1");
            }
            assertThat(timedCall("loc-t2")).as("loc-t2 has its own throttle window").isLessThan(400);
            assertThat(timedCall("loc-t1")).as("loc-t1's fourth call waits in the throttle")
                    .isGreaterThanOrEqualTo(300);
        } finally {
            writeThrottleLimit(BURST);
        }
    }

    private void writeThrottleLimit(int max) {
        var r = service.post("/observe/jolokia", "{\"type\":\"write\",\"mbean\":\"org.apache.camel:context=ghl-sync,"
                + "type=processors,name=\\\"ghl-throttle\\\"\",\"attribute\":\"MaximumRequests\",\"value\":" + max + "}");
        assertThat(r.body()).as(r.body()).contains("\"status\":200");
    }

    /** booking change → GHL done, in ms, from the outbox row. */
    private long latency(UUID event) {
        Map<String, Object> row = jdbc.queryForMap("select created_at, completed_at from sync_outbox"
                + " where event_id = :id", Map.of("id", event));
        return ((Timestamp) row.get("completed_at")).getTime() - ((Timestamp) row.get("created_at")).getTime();
    }

    private long calmEventLatency() {
        UUID event = queuedCreate(jdbc, "loc-calm");
        await().atMost(Duration.ofSeconds(30)).until(() -> finished(jdbc, event));
        assertThat(status(jdbc, event)).isEqualTo("DONE");
        return latency(event);
    }

    @Test
    @Order(3)
    void aFloodedLocationDoesNotDelayAnotherLocationsSyncs() {
        calmEventLatency(); // warm-up: first contact, caches
        long idle = 0;
        for (int i = 0; i < 3; i++) {
            idle += calmEventLatency();
        }
        idle /= 3;

        // ~5 GHL calls per event at 10 calls/s: a backlog of about 40 s for loc-flood.
        for (int i = 0; i < 80; i++) {
            queuedCreate(jdbc, "loc-flood");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject("select count(*) from sync_outbox"
                + " where location_id = 'loc-flood' and status = 'DONE'", Map.of(), Long.class) >= 2);
        long flooded = 0;
        for (int i = 0; i < 3; i++) {
            flooded += calmEventLatency();
        }
        flooded /= 3;
        long backlog = jdbc.queryForObject("select count(*) from sync_outbox where location_id = 'loc-flood'"
                + " and status in ('PENDING', 'PROCESSING')", Map.of(), Long.class);
        System.out.printf("calm location latency: idle %d ms, during flood %d ms (flood backlog %d)%n", idle,
                flooded, backlog);
        assertThat(backlog).as("the flood was still going on").isGreaterThan(20);
        assertThat(flooded).as("latency during the flood vs idle (%d ms)", idle)
                .isLessThanOrEqualTo(Math.max(4 * idle, idle + 1500));

        // End the flood so later tests start quiet.
        jdbc.update("update sync_outbox set status = 'DONE', completed_at = now() where location_id = 'loc-flood'"
                + " and status = 'PENDING'", Map.of());
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("select count(*) from sync_outbox"
                + " where location_id = 'loc-flood' and status = 'PROCESSING'", Map.of(), Long.class) == 0);
    }

    @Test
    @Order(4)
    void aPausedLocationHandsItsEventsBackInsteadOfHoldingWorkers() {
        GhlBudget budget = service.bean("ghlBudget", GhlBudget.class);
        budget.onRateLimited("loc-paused", "6"); // as after a 429 with Retry-After: 6
        long handedBackBefore = completed("location-paused-handback");
        List<UUID> paused = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            paused.add(queuedCreate(jdbc, "loc-paused"));
        }
        long calm = calmEventLatency();
        assertThat(calm).isLessThan(5000);
        // Every event of the paused location went back to the outbox until the pause ends, none waits in memory.
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject("select count(*) from sync_outbox"
                + " where event_id in (:ids) and status = 'PENDING' and attempts = 0"
                + " and next_attempt_at > now()", Map.of("ids", paused), Long.class) == paused.size());
        OutboxDispatcher dispatcher = service.bean("outboxDispatcher", OutboxDispatcher.class);
        await().atMost(Duration.ofSeconds(3)).until(() -> dispatcher.inFlight() == 0); // none held in memory
        // They took the hand-back route (chosen by syncRetryPolicy.locationPaused), not the dead-letter one.
        await().atMost(Duration.ofSeconds(3))
                .until(() -> completed("location-paused-handback") - handedBackBefore >= paused.size());
        // When the pause is over they are delivered.
        await().atMost(Duration.ofSeconds(30)).until(() -> paused.stream().allMatch(e -> finished(jdbc, e)));
        assertThat(paused).allSatisfy(e -> assertThat(status(jdbc, e)).isEqualTo("DONE"));
        assertThat(jdbc.queryForObject("select count(*) from dead_letter where event_id in (:ids)",
                Map.of("ids", paused), Long.class)).isZero();
    }

    private long completed(String routeId) {
        return service.context().getCamelContextExtension().getContextPlugin(ManagedCamelContext.class)
                .getManagedRoute(routeId).getExchangesCompleted();
    }
}
