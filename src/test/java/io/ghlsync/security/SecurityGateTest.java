package io.ghlsync.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.JsonNode;
import io.ghlsync.config.Json;
import io.ghlsync.support.TestService;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The access gate through real HTTP against the running service with authentication on: what a stranger, the
 * booking app, a reader and an operator can reach (docs/security.md names this test for each surface).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityGateTest {

    private static final String SECRET = "security-gate-test-secret-" + UUID.randomUUID();
    private static final String[] BOOKING = TestService.bearer(SECRET, null);
    private static final String[] READER = TestService.bearer(SECRET, "ops:read");
    private static final String[] OPERATOR = TestService.bearer(SECRET, "ops:read ops:write");

    /** Every non-anonymous surface: method, path, body (null for GET). */
    private static final List<String[]> PROTECTED = List.of(
            new String[] {"POST", "/api/appointments/create-with-sync", "{}"},
            new String[] {"POST", "/api/appointments/status", "{}"},
            new String[] {"PATCH", "/api/appointments/" + UUID.randomUUID(), "{}"},
            new String[] {"GET", "/api/appointments/" + UUID.randomUUID(), null},
            new String[] {"POST", "/gohighlevel-appointment-sync", "{}"},
            new String[] {"POST", "/.netlify/functions/gohighlevel-appointment-sync", "{}"},
            new String[] {"GET", "/gohighlevel-sync-monitor?action=status", null},
            new String[] {"GET", "/gohighlevel-sync-monitor?action=retry", null},
            new String[] {"GET", "/.netlify/functions/gohighlevel-sync-monitor?action=health", null},
            new String[] {"GET", "/api/dead-letters", null},
            new String[] {"POST", "/api/dead-letters/replay", "{\"limit\":1}"},
            new String[] {"POST", "/api/dead-letters/1/replay", "{}"},
            new String[] {"POST", "/api/dead-letters/1/discard", "{\"reason\":\"x\"}"},
            new String[] {"GET", "/api/ops/timeline", null},
            new String[] {"GET", "/api/ops/ghl-budget", null},
            new String[] {"POST", "/api/oauth/install-link", "{}"},
            new String[] {"GET", "/api/openapi.json", null},
            new String[] {"GET", "/api/auth/whoami", null},
            new String[] {"GET", "/observe/health", null},
            new String[] {"GET", "/observe/metrics", null},
            new String[] {"POST", "/observe/jolokia", "{\"type\":\"version\"}"},
            new String[] {"GET", "/observe/jolokia/version", null});

    private TestService service;

    @BeforeAll
    void start() {
        service = TestService.builder()
                .property("auth.jwt-secret", SECRET)
                .property("sync.enabled", "false")
                .property("deadletter.replay.enabled", "false")
                .start();
    }

    @AfterAll
    void stop() {
        service.close();
    }

    private HttpResponse<String> call(String method, String path, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(service.url(path))).timeout(Duration.ofSeconds(30));
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.setHeader(headers[i], headers[i + 1]);
        }
        return service.send(b.build());
    }

    private static JsonNode errorOf(HttpResponse<String> r) throws IOException {
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("json"));
        JsonNode body = Json.MAPPER.readTree(r.body());
        assertThat(body.path("success").asBoolean(true)).as(r.body()).isFalse();
        assertThat(body.path("details").get(0).path("field").asText()).isNotEmpty();
        return body;
    }

    @Test
    void aStrangerGets401JsonOnEverySurfaceThatIsNotAnonymous() throws Exception {
        for (String[] s : PROTECTED) {
            HttpResponse<String> r = call(s[0], s[1], s[2]);
            assertThat(r.statusCode()).as(s[0] + " " + s[1] + " " + r.body()).isEqualTo(401);
            assertThat(errorOf(r).path("details").get(0).path("field").asText()).isEqualTo("Authorization");
            assertThat(r.headers().firstValue("WWW-Authenticate")).isPresent();
        }
    }

    @Test
    void aStrangerReachesTheWebhookTheOAuthCallbackTheProbesAndTheDashboard() {
        // The webhook answers with its own verdict (an unsigned body is 401 from the signature check, not the gate).
        HttpResponse<String> webhook = call("POST", "/gohighlevel-webhook", "{\"type\":\"ContactCreate\"}");
        assertThat(webhook.headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(webhook.body()).doesNotContain("\"field\":\"Authorization\"");
        assertThat(call("GET", "/oauth/callback?code=x", null).statusCode()).isNotEqualTo(401);
        assertThat(call("GET", "/observe/health/live", null).statusCode()).isEqualTo(200);
        HttpResponse<String> ready = call("GET", "/observe/health/ready", null);
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).isEqualTo("{\"status\":\"UP\"}"); // no check names, messages or errors
        for (String page : List.of("/", "/index.html", "/dashboard.js", "/dashboard.css")) {
            assertThat(call("GET", page, null).statusCode()).as(page).isEqualTo(200);
        }
    }

    @Test
    void theBookingAppBooksButCannotReplayDiscardOrReadOperations() throws Exception {
        HttpResponse<String> booked = call("POST", "/api/appointments/create-with-sync", """
                {"customer":{"name":"Gate Test","email":"gate@example.com"},"serviceType":"x",
                 "startTime":"2031-05-01T09:00:00Z"}""", BOOKING);
        assertThat(booked.statusCode()).as(booked.body()).isEqualTo(201);
        for (String[] ops : List.of(new String[] {"POST", "/api/dead-letters/1/replay", "{}"},
                new String[] {"POST", "/api/dead-letters/replay", "{\"limit\":1}"},
                new String[] {"GET", "/gohighlevel-sync-monitor?action=retry", null},
                new String[] {"GET", "/api/dead-letters", null},
                new String[] {"GET", "/observe/metrics", null},
                new String[] {"POST", "/observe/jolokia", "{\"type\":\"version\"}"})) {
            HttpResponse<String> r = call(ops[0], ops[1], ops[2], BOOKING);
            assertThat(r.statusCode()).as(ops[1]).isEqualTo(403);
            assertThat(errorOf(r).path("details").get(0).path("field").asText()).isEqualTo("scope");
        }
    }

    @Test
    void aReaderReadsButCannotReplayRetryOrBook() throws Exception {
        assertThat(call("GET", "/api/dead-letters", null, READER).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/gohighlevel-sync-monitor?action=status", null, READER).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/observe/metrics", null, READER).statusCode()).isEqualTo(200);
        HttpResponse<String> retry = call("GET", "/gohighlevel-sync-monitor?action=retry", null, READER);
        assertThat(retry.statusCode()).isEqualTo(403);
        assertThat(errorOf(retry).path("details").get(0).path("message").asText()).contains("ops:write");
        assertThat(call("GET", "/gohighlevel-sync-monitor?action=status&action=retry", null, READER).statusCode())
                .isEqualTo(403);
        assertThat(call("POST", "/api/dead-letters/1/replay", "{}", READER).statusCode()).isEqualTo(403);
        assertThat(call("POST", "/api/appointments/create-with-sync", "{}", READER).statusCode()).isEqualTo(403);
    }

    @Test
    void anOperatorMayReplayAndRetry() {
        HttpResponse<String> replay = call("POST", "/api/dead-letters/999999/replay", "{}", OPERATOR);
        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(404); // past the gate: the entry does not exist
        assertThat(call("GET", "/gohighlevel-sync-monitor?action=retry", null, OPERATOR).statusCode()).isEqualTo(200);
    }

    @Test
    void whoamiTellsTheDashboardWhatTheTokenMayDo() throws Exception {
        JsonNode me = Json.MAPPER.readTree(call("GET", "/api/auth/whoami", null, READER).body());
        assertThat(me.path("subject").asText()).isEqualTo("ops");
        assertThat(me.path("scopes").toString()).isEqualTo("[\"ops:read\"]");
        assertThat(me.path("authentication").asText()).isEqualTo("on");
    }

    @Test
    void formAndOtherNonJsonBodiesAre415JsonOnEveryEndpoint() throws Exception {
        for (String path : List.of("/api/appointments/create-with-sync", "/gohighlevel-webhook",
                "/gohighlevel-appointment-sync", "/api/dead-letters/replay", "/observe/jolokia", "/nowhere")) {
            for (String type : List.of("application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                    "text/xml")) {
                HttpResponse<String> r = service.post(path, "a=b", "Content-Type", type, OPERATOR[0], OPERATOR[1]);
                assertThat(r.statusCode()).as(path + " " + type).isEqualTo(415);
                assertThat(errorOf(r).path("details").get(0).path("field").asText()).isEqualTo("Content-Type");
            }
        }
    }

    @Test
    void filesOfTheWorkingDirectoryAreNeverServed() throws Exception {
        for (String path : List.of("/application.properties", "/pom.xml", "/routes/pipeline/sync-event.yaml",
                "/data/postgres/PG_VERSION", "/static/index.html", "/dashboard/index.html", "/logback.xml",
                "/jolokia-access.xml", "/%2e%2e/application.properties", "/api/../application.properties",
                "/dashboard.js/../application.properties", "/API/dead-letters", "/Index.html")) {
            HttpResponse<String> r = call("GET", path, null, OPERATOR);
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(errorOf(r).path("details").get(0).path("field").asText()).isEqualTo("path");
            assertThat(r.body()).doesNotContain("camel.main.name", "<artifactId>", "CREATE TABLE");
        }
    }

    @Test
    void anUnknownMethodOnAKnownPathIs405JsonWithAllow() throws Exception {
        HttpResponse<String> r = call("DELETE", "/api/dead-letters", null, OPERATOR);
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue("Allow")).hasValue("GET");
        errorOf(r);
    }

    @Test
    void healthNeverShowsStackTracesAndDetailsOnlyToReaders() throws Exception {
        HttpResponse<String> trace = call("GET", "/observe/health/ready?stackTrace=true", null, OPERATOR);
        assertThat(trace.statusCode()).isEqualTo(403);
        assertThat(errorOf(trace).path("details").get(0).path("message").asText()).contains("not offered");
        assertThat(call("GET", "/observe/health/ready?exposureLevel=full", null).statusCode()).isEqualTo(401);
        HttpResponse<String> full = call("GET", "/observe/health/ready?exposureLevel=full", null, READER);
        assertThat(full.body()).contains("\"checks\"");
    }

    @Test
    void theDashboardIsSentWithAStrictContentSecurityPolicy() {
        HttpResponse<String> page = call("GET", "/", null);
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("default-src 'none'", "script-src 'self'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline"));
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(call("GET", "/api/dead-letters", null, READER).headers().firstValue("X-Content-Type-Options"))
                .hasValue("nosniff");
    }

    @Test
    void aTokenWithoutExpiryOrSignedWithAnotherSecretIs401() throws Exception {
        String noExp = JWT.create().withSubject("x").withClaim("scope", "ops:write").sign(Algorithm.HMAC256(SECRET));
        HttpResponse<String> r = call("GET", "/api/dead-letters", null, "Authorization", "Bearer " + noExp);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(errorOf(r).path("details").get(0).path("message").asText()).contains("missing");
        String[] other = TestService.bearer("another-secret-that-is-also-32-bytes-long!", "ops:write");
        assertThat(call("GET", "/api/dead-letters", null, other).statusCode()).isEqualTo(401);
    }

    @Test
    void refusalsAreCountedByReasonInMetrics() {
        call("GET", "/no/such/path", null);
        String metrics = call("GET", "/observe/metrics", null, READER).body();
        assertThat(metrics).containsPattern("ghlsync_http_refused_total\\{reason=\"not_found\"} [1-9]");
        assertThat(metrics).containsPattern("ghlsync_http_refused_total\\{reason=\"unauthenticated\"} [0-9]");
    }

    @Test
    void withAuthenticationTheServerListensOnAllInterfaces() {
        HardenedHttpServer server = service.context().hasService(HardenedHttpServer.class);
        assertThat(server.getHost()).isEqualTo("0.0.0.0");
    }
}
