package io.ghlsync.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ghlsync.config.Json;
import io.ghlsync.deadletter.DeadLetterRows;
import io.ghlsync.support.TestService;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** /observe/health/ready, /observe/metrics and the Jolokia access policy on the running service. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ObservabilityTest {

    private static final String THROTTLE_MBEAN =
            "org.apache.camel:context=ghl-sync,type=processors,name=\"ops-test-throttle\"";
    private static final String ROUTE_MBEAN =
            "org.apache.camel:context=ghl-sync,type=routes,name=\"dead-letter-replay\"";

    private static final String SECRET = "observability-test-secret-of-32-bytes-or-more";
    private static final String[] READER = TestService.bearer(SECRET, "ops:read");
    private static final String[] OPERATOR = TestService.bearer(SECRET, "ops:write");

    private TestService service;

    @BeforeAll
    void start() throws Exception {
        service = TestService.builder()
                .property("auth.jwt-secret", SECRET)
                .property("sync.enabled", "false") // replayed events stay queued: no pipeline run in these tests
                .property("deadletter.replay.enabled", "false")
                .property("monitor.stats-cache-ms", "0")
                .start();
        // A throttle like the pipeline's ghl-throttle, to prove the policy lets its limits be changed.
        service.context().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:ops-throttle-test").routeId("ops-throttle-test")
                        .throttle(constant(5)).timePeriodMillis(1000).id("ops-test-throttle")
                        .log("throttled");
            }
        });
    }

    @AfterAll
    void stop() {
        service.close();
    }

    private static List<String> checkNames(JsonNode health) {
        List<String> names = new ArrayList<>();
        health.get("checks").forEach(c -> names.add(c.get("name").asText()));
        return names;
    }

    @Test
    void readinessIncludesTheDatabaseAndSyncHealthButLivenessDoesNot() throws Exception {
        HttpResponse<String> ready = service.get("/observe/health/ready?exposureLevel=full", READER);
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        JsonNode readyJson = Json.MAPPER.readTree(ready.body());
        assertThat(checkNames(readyJson)).contains("database", "sync-health");

        JsonNode live = Json.MAPPER.readTree(service.get("/observe/health/live?exposureLevel=full", READER).body());
        assertThat(checkNames(live)).doesNotContain("database", "sync-health");
    }

    @Test
    void syncHealthCarriesTheOriginalStatusInItsDetails() throws Exception {
        JsonNode ready = Json.MAPPER.readTree(service.get("/observe/health/ready?data=true&exposureLevel=full", READER).body());
        JsonNode sync = null;
        for (JsonNode c : ready.get("checks")) {
            if ("sync-health".equals(c.get("name").asText())) {
                sync = c;
            }
        }
        assertThat(sync).as(ready.toString()).isNotNull();
        assertThat(sync.get("data")).as(ready.toString()).isNotNull();
        assertThat(sync.get("status").asText()).isEqualTo("UP");
        assertThat(sync.get("data").get("status").asText()).isIn("healthy", "degraded");
        assertThat(sync.get("data").get("environment").asBoolean()).isTrue();
    }

    @Test
    void metricsExposeDeadLetterGaugesAndThePipelineSeries() {
        DeadLetterRows rows = new DeadLetterRows(service.jdbc());
        rows.openDeadLetter(rows.appointment(), "ServerError");
        SyncMetrics metrics = service.bean("syncMetrics", SyncMetrics.class);
        metrics.recordOutcome("update", "dead", "io.ghlsync.ghl.GhlException");
        metrics.recordLatency("update", Duration.ofMillis(1500));
        metrics.recordGhlCall("contacts.update", 429, Duration.ofMillis(80));

        HttpResponse<String> r = service.get("/observe/metrics", READER);

        assertThat(r.statusCode()).isEqualTo(200);
        String text = r.body();
        assertThat(text).contains("ghlsync_dead_letters_size 1.0");
        assertThat(text).containsPattern("ghlsync_dead_letters_oldest_age_seconds (5\\d\\d|6\\d\\d)\\.");
        assertThat(text).contains(
                "ghlsync_sync_outcomes_total{action=\"update\",error_class=\"GhlException\",outcome=\"dead\"} 1.0");
        assertThat(text).contains("ghlsync_sync_latency_seconds_bucket{action=\"update\"");
        assertThat(text).contains("ghlsync_sync_latency_seconds_bucket{action=\"update\",le=\"1.0\"} 0",
                "ghlsync_sync_latency_seconds_bucket{action=\"update\",le=\"2.5\"} 1");
        assertThat(text).contains("ghlsync_ghl_calls_seconds_count{operation=\"contacts.update\",status=\"429\"} 1");
        assertThat(text).contains("camel_exchanges_total"); // Camel's own series share the registry
    }

    @Test
    void jolokiaLetsAReaderReadButRefusesWritesAndOperations() throws Exception {
        JsonNode read = jolokia("{\"type\":\"read\",\"mbean\":\"" + esc(ROUTE_MBEAN) + "\",\"attribute\":\"State\"}");
        assertThat(read.get("status").asInt()).isEqualTo(200);

        JsonNode write = jolokia("{\"type\":\"write\",\"mbean\":\"" + esc(ROUTE_MBEAN)
                + "\",\"attribute\":\"Tracing\",\"value\":true}");
        assertThat(write.get("status").asInt()).isEqualTo(403);

        JsonNode exec = jolokia("{\"type\":\"exec\",\"mbean\":\"" + esc(ROUTE_MBEAN) + "\",\"operation\":\"stop()\"}");
        assertThat(exec.get("status").asInt()).isEqualTo(403);
        assertThat(service.context().getRouteController().getRouteStatus("dead-letter-replay"))
                .isEqualTo(ServiceStatus.Stopped); // was never started in this test (replay disabled), still not
        assertThat(service.context().getRouteController().getRouteStatus("gohighlevel-sync-monitor"))
                .isEqualTo(ServiceStatus.Started);

        JsonNode runtime = jolokia("{\"type\":\"read\",\"mbean\":\"java.lang:type=Runtime\","
                + "\"attribute\":\"SystemProperties\"}");
        assertThat(runtime.get("status").asInt()).isEqualTo(403);
    }

    @Test
    void jolokiaLetsAnOperatorChangeTheThrottleLimits() throws Exception {
        service.context().createProducerTemplate().sendBody("direct:ops-throttle-test", "x"); // MBean is lazy

        JsonNode refused = jolokia("{\"type\":\"write\",\"mbean\":\"" + esc(THROTTLE_MBEAN)
                + "\",\"attribute\":\"MaximumRequests\",\"value\":20}");
        assertThat(refused.get("status").asInt()).as("ops:read may not write").isEqualTo(403);
        JsonNode write = jolokia("{\"type\":\"write\",\"mbean\":\"" + esc(THROTTLE_MBEAN)
                + "\",\"attribute\":\"MaximumRequests\",\"value\":20}", OPERATOR);
        assertThat(write.get("status").asInt()).as(write.toString()).isEqualTo(200);
        JsonNode period = jolokia("{\"type\":\"write\",\"mbean\":\"" + esc(THROTTLE_MBEAN)
                + "\",\"attribute\":\"TimePeriodMillis\",\"value\":2000}", OPERATOR);
        assertThat(period.get("status").asInt()).as(period.toString()).isEqualTo(200);
        service.context().createProducerTemplate().sendBody("direct:ops-throttle-test", "y"); // applies the limit

        JsonNode read = jolokia("{\"type\":\"read\",\"mbean\":\"" + esc(THROTTLE_MBEAN) + "\"}");
        // and the sync pipeline's own GHL throttle
        JsonNode ghl = jolokia("{\"type\":\"write\",\"mbean\":\"org.apache.camel:context=ghl-sync,type=processors,"
                + "name=\\\"ghl-throttle\\\"\",\"attribute\":\"TimePeriodMillis\",\"value\":11000}", OPERATOR);
        assertThat(ghl.get("status").asInt()).as(ghl.toString()).isEqualTo(200);
        assertThat(read.get("value").get("MaximumRequests").asLong()).isEqualTo(20);
        assertThat(read.get("value").get("TimePeriodMillis").asLong()).isEqualTo(2000);
    }

    @Test
    void jolokiaErrorsNeverCarryStackTracesWhateverTheCallerAsks() throws Exception {
        HttpResponse<String> r = service.post("/observe/jolokia?includeStackTrace=true&serializeException=true",
                "{\"type\":\"read\",\"mbean\":\"org.apache.camel:type=nothing,name=x\",\"attribute\":\"A\","
                        + "\"config\":{\"includeStackTrace\":true}}", READER);
        JsonNode answer = Json.MAPPER.readTree(r.body());
        assertThat(answer.path("status").asInt()).as(r.body()).isEqualTo(404);
        assertThat(r.body()).doesNotContain("stacktrace", "error_value", "\tat ");
    }

    private JsonNode jolokia(String request) throws Exception {
        return jolokia(request, READER);
    }

    private JsonNode jolokia(String request, String[] auth) throws Exception {
        HttpResponse<String> r = service.post("/observe/jolokia", request, auth);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Json.MAPPER.readTree(r.body());
    }

    private static String esc(String s) {
        return s.replace("\"", "\\\"");
    }
}
