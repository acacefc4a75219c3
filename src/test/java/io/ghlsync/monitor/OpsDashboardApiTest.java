package io.ghlsync.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ghlsync.config.Json;
import io.ghlsync.deadletter.DeadLetterRows;
import io.ghlsync.ghl.GhlBudget;
import io.ghlsync.support.TestService;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpsDashboardApiTest {

    private static final String SECRET = "ops-test-secret-that-is-at-least-32-bytes";

    private TestService service;
    private DeadLetterRows rows;
    private String[] auth;

    @BeforeAll
    void start() {
        service = TestService.builder()
                .property("sync.enabled", "false") // outbox rows written here stay as written
                .property("deadletter.replay.enabled", "false")
                .property("auth.jwt-secret", SECRET)
                .property("ghl.rate.burst-max", "40")
                .property("ghl.rate.daily-max", "5000")
                .start();
        rows = new DeadLetterRows(service.jdbc());
        auth = TestService.bearer(SECRET);
    }

    @AfterAll
    void stop() {
        service.close();
    }

    private JsonNode get(String path) throws Exception {
        return service.getJson(path, auth);
    }

    /** Start of the minute {@code minutesAgo} before the database's current minute, as the API names buckets. */
    private Instant minuteStart(int minutesAgo) {
        return service.jdbc().queryForObject(
                "select date_trunc('minute', now()) - make_interval(mins => :m)", Map.of("m", minutesAgo),
                java.time.OffsetDateTime.class).toInstant();
    }

    /** One finished outbox event completed at {@code completedAt} that took {@code latencyMs} since it was queued. */
    private void finished(UUID appointment, String status, Instant completedAt, long latencyMs) {
        service.jdbc().update("""
                insert into sync_outbox (appointment_id, action, event_timestamp, idempotency_key, status, created_at,
                                         completed_at)
                values (:a, 'update', :created, :key, :status, :created, :completed)""",
                new MapSqlParameterSource("a", appointment).addValue("status", status)
                        .addValue("key", UUID.randomUUID().toString())
                        .addValue("created", java.time.OffsetDateTime.ofInstant(
                                completedAt.minusMillis(latencyMs), java.time.ZoneOffset.UTC))
                        .addValue("completed", java.time.OffsetDateTime.ofInstant(completedAt,
                                java.time.ZoneOffset.UTC)));
    }

    private static JsonNode bucket(JsonNode data, Instant minute) {
        return StreamSupport.stream(data.get("buckets").spliterator(), false)
                .filter(b -> b.get("minute").asText().equals(minute.toString()))
                .findFirst().orElseThrow(() -> new AssertionError("no bucket " + minute));
    }

    @Test
    void timelineCountsDoneAndDeadPerMinuteWithLatencyPercentilesAndTheBacklog() throws Exception {
        UUID appt = rows.appointment();
        // Placed 10 s into a whole minute, so the bucket is known whatever the time is when the test runs.
        Instant busy = minuteStart(5).plusSeconds(10);
        for (long latency : new long[] {1000, 2000, 3000, 4000}) {
            finished(appt, "DONE", busy, latency);
        }
        finished(appt, "DUPLICATE", busy, 50_000); // counts as done, but never reached GHL: no latency
        finished(appt, "DEAD", busy, 60_000);
        finished(appt, "DEAD", minuteStart(20).plusSeconds(30), 1000);
        finished(appt, "DONE", minuteStart(120).plusSeconds(30), 1000); // outside the last hour
        rows.event(appt, "update", "PENDING", java.time.Duration.ofSeconds(90));
        rows.event(appt, "update", "PENDING", java.time.Duration.ofSeconds(30));
        rows.event(appt, "update", "PROCESSING", java.time.Duration.ofSeconds(10));

        JsonNode data = get("/api/ops/timeline?minutes=60").get("data");

        assertThat(data.get("minutes").asInt()).isEqualTo(60);
        assertThat(data.get("buckets")).hasSize(60);
        JsonNode b = bucket(data, minuteStart(5));
        assertThat(b.get("done").asLong()).isEqualTo(5);
        assertThat(b.get("dead").asLong()).isEqualTo(1);
        assertThat(b.get("latencyP50Ms").asLong()).isEqualTo(2500);
        assertThat(b.get("latencyP95Ms").asLong()).isEqualTo(3850);
        assertThat(bucket(data, minuteStart(20)).get("dead").asLong()).isEqualTo(1);
        assertThat(bucket(data, minuteStart(20)).get("latencyP50Ms").isNull()).isTrue();
        assertThat(data.get("totals").get("done").asLong()).isEqualTo(5);
        assertThat(data.get("totals").get("dead").asLong()).isEqualTo(2);
        assertThat(data.get("backlog").get("pending").asLong()).isEqualTo(2);
        assertThat(data.get("backlog").get("processing").asLong()).isEqualTo(1);
        assertThat(data.get("backlog").get("oldestAgeSeconds").asLong()).isBetween(89L, 150L);

        JsonNode longer = get("/api/ops/timeline?minutes=180").get("data");
        assertThat(longer.get("buckets")).hasSize(180);
        assertThat(longer.get("totals").get("done").asLong()).isEqualTo(6);
        assertThat(get("/api/ops/timeline").get("data").get("minutes").asInt()).isEqualTo(60);
    }

    @Test
    void timelineRejectsABadWindowWithAJsonError() throws Exception {
        for (String query : new String[] {"minutes=0", "minutes=1441", "minutes=soon"}) {
            HttpResponse<String> r = service.get("/api/ops/timeline?" + query, auth);
            assertThat(r.statusCode()).as(query).isEqualTo(400);
            JsonNode body = Json.MAPPER.readTree(r.body());
            assertThat(body.get("success").asBoolean()).isFalse();
            assertThat(body.get("details").get(0).get("field").asText()).isEqualTo("query.minutes");
        }
        HttpResponse<String> unknown = service.get("/api/ops/timeline?days=1", auth);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("query.days");
    }

    @Test
    void ghlBudgetShowsTheConfiguredLimitsAndTheLiveBudgetPerLocation() throws Exception {
        GhlBudget budget = service.bean("ghlBudget", GhlBudget.class);
        budget.delayBeforeSend("ops-test-location");
        budget.onResponse("ops-test-location", Map.of("X-RateLimit-Remaining", "37", "X-RateLimit-Max", "40",
                "X-RateLimit-Daily-Remaining", "4990"));
        budget.onRateLimited("ops-test-location", "120");

        JsonNode data = get("/api/ops/ghl-budget").get("data");

        assertThat(data.get("limits").get("burstMax").asInt()).isEqualTo(40);
        assertThat(data.get("limits").get("dailyMax").asInt()).isEqualTo(5000);
        assertThat(data.get("limits").get("burstPeriodMs").asLong()).isPositive();
        JsonNode loc = StreamSupport.stream(data.get("locations").spliterator(), false)
                .filter(l -> l.get("locationId").asText().equals("ops-test-location")).findFirst().orElseThrow();
        assertThat(loc.get("burstRemaining").asLong()).isEqualTo(37);
        assertThat(loc.get("burstMax").asLong()).isEqualTo(40);
        assertThat(loc.get("dailyRemaining").asLong()).isEqualTo(4990);
        assertThat(loc.get("sentToday").asLong()).isEqualTo(1);
        assertThat(loc.get("rateLimited").asLong()).isEqualTo(1);
        assertThat(Instant.parse(loc.get("pausedUntil").asText())).isAfter(Instant.now().plusSeconds(60));
    }

    @Test
    void bothEndpointsNeedTheBearerToken() {
        assertThat(service.get("/api/ops/timeline").statusCode()).isEqualTo(401);
        assertThat(service.get("/api/ops/ghl-budget").statusCode()).isEqualTo(401);
    }
}
