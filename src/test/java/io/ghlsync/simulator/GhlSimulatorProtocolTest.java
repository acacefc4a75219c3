package io.ghlsync.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.ghlsync.support.TestService;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Auth, Version header, rate limit, faults, latency and the inspection API. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GhlSimulatorProtocolTest {

    private static final String GET_MISSING = "/contacts/none";
    private GhlSimulator simulator;
    private SimClient ghl;

    @BeforeAll
    void start() {
        simulator = GhlSimulator.start(GhlSimulator.Settings.defaults().withPort(TestService.freePort()));
        ghl = new SimClient(simulator, "token-protocol");
    }

    @AfterAll
    void stop() {
        simulator.close();
    }

    @BeforeEach
    void reset() {
        simulator.reset();
    }

    @Test
    void bindsTheConfiguredPortOnLoopback() {
        assertThat(simulator.baseUrl()).isEqualTo("http://127.0.0.1:" + simulator.port());
        assertThat(simulator.port()).isEqualTo(simulator.settings().port());
        assertThatThrownBy(() -> GhlSimulator.start(GhlSimulator.Settings.defaults().withPort(simulator.port())))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void requestsWithoutABearerTokenAre401WithRateLimitHeaders() {
        SimClient.Reply none = new SimClient(simulator, null).contacts("GET", GET_MISSING, null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.json().path("statusCode").asInt()).isEqualTo(401);
        assertThat(none.header("X-RateLimit-Remaining")).isEqualTo("100");
        SimClient.Reply empty = new SimClient(simulator, " ").contacts("GET", GET_MISSING, null);
        assertThat(empty.status()).isEqualTo(401);
    }

    @Test
    void missingOrWrongVersionHeaderIs401() {
        SimClient.Reply missing = ghl.send("GET", GET_MISSING, null, null);
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.raw().body()).isEqualTo("{\"statusCode\":401,\"message\":\"version header was not found.\"}");

        SimClient.Reply calendarsVersionOnContacts = ghl.send("GET", GET_MISSING, null, SimClient.CALENDARS);
        assertThat(calendarsVersionOnContacts.status()).isEqualTo(401);
        assertThat(calendarsVersionOnContacts.json().path("message").asText()).isEqualTo("version header is invalid");

        SimClient.Reply contactsVersionOnCalendars =
                ghl.send("GET", "/calendars/events/appointments/x", null, SimClient.CONTACTS);
        assertThat(contactsVersionOnCalendars.status()).isEqualTo(401);
        assertThat(ghl.send("GET", "/locations/loc/customFields", null, SimClient.CONTACTS).status()).isEqualTo(200);
        assertThat(ghl.send("GET", "/calendars/events/appointments/x", null, SimClient.CALENDARS).status())
                .isEqualTo(400);
    }

    @Test
    void unknownPathIs404InNestStyle() {
        SimClient.Reply reply = ghl.contacts("GET", "/x", null);
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.raw().body()).isEqualTo("{\"statusCode\":404,\"message\":\"Cannot GET /x\"}");
        assertThat(ghl.contacts("PATCH", "/contacts/abc", "{}").status()).isEqualTo(404);
        assertThat(simulator.state().requestCount("unknown")).isEqualTo(2);
    }

    @Test
    void theHundredFirstRequestInTheWindowIs429UntilTheWindowMoves() {
        for (int i = 1; i <= 100; i++) {
            SimClient.Reply reply = ghl.contacts("GET", GET_MISSING, null);
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.header("X-RateLimit-Remaining")).isEqualTo(Integer.toString(100 - i));
            assertThat(reply.header("X-RateLimit-Daily-Remaining")).isEqualTo(Integer.toString(200_000 - i));
        }
        SimClient.Reply refused = ghl.contacts("GET", GET_MISSING, null);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.raw().body())
                .isEqualTo("{\"statusCode\":429,\"message\":\"Too Many Requests - Rate limit exceeded\"}");
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 10);
        assertThat(refused.header("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(refused.header("X-RateLimit-Max")).isEqualTo("100");
        assertThat(refused.header("X-RateLimit-Interval-Milliseconds")).isEqualTo("10000");
        assertThat(refused.header("X-RateLimit-Limit-Daily")).isEqualTo("200000");
        assertThat(refused.header("X-RateLimit-Daily-Remaining")).isEqualTo("199900");

        SimClient.Reply otherToken = new SimClient(simulator, "another-location").contacts("GET", GET_MISSING, null);
        assertThat(otherToken.status()).isEqualTo(400);
        assertThat(simulator.state().rateLimited429()).isEqualTo(1);
        assertThat(simulator.state().requestCount()).isEqualTo(102);
    }

    @Test
    void aShortWindowRecoversAndRefusedRequestsDoNotCount() {
        try (GhlSimulator fast = GhlSimulator.start(GhlSimulator.Settings.defaults().withBurst(3, 1_000))) {
            SimClient client = new SimClient(fast, "t");
            for (int i = 0; i < 3; i++) {
                assertThat(client.contacts("GET", GET_MISSING, null).status()).isEqualTo(400);
            }
            SimClient.Reply refused = client.contacts("GET", GET_MISSING, null);
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.header("Retry-After")).isEqualTo("1");
            // Refused polls every 50 ms would keep the window full forever if they counted.
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                    .until(() -> client.contacts("GET", GET_MISSING, null).status() == 400);
            assertThat(fast.state().rateLimited429()).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void failNextAnswersTheNextRequestsWithTheStatusThenRecovers() {
        simulator.failNext(503, 2);
        assertThat(ghl.contacts("GET", GET_MISSING, null).status()).isEqualTo(503);
        SimClient.Reply second = ghl.contacts("GET", GET_MISSING, null);
        assertThat(second.status()).isEqualTo(503);
        assertThat(second.json().path("statusCode").asInt()).isEqualTo(503);
        assertThat(second.header("X-RateLimit-Remaining")).isNotNull();
        assertThat(ghl.contacts("GET", GET_MISSING, null).status()).isEqualTo(400);
        assertThat(simulator.state().faultsServed()).isEqualTo(2);

        simulator.failNext(422, 1);
        SimClient.Reply unprocessable = ghl.contacts("GET", GET_MISSING, null);
        assertThat(unprocessable.status()).isEqualTo(422);
        assertThat(unprocessable.json().path("message").isArray()).isTrue();
    }

    @Test
    void failForIsAnOutageThatEnds() {
        simulator.failFor(500, Duration.ofMillis(400));
        assertThat(ghl.contacts("GET", GET_MISSING, null).status()).isEqualTo(500);
        assertThat(ghl.contacts("GET", GET_MISSING, null).status()).isEqualTo(500);
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> ghl.contacts("GET", GET_MISSING, null).status() == 400);

        simulator.failFor(503, Duration.ofMinutes(5));
        assertThat(ghl.contacts("GET", GET_MISSING, null).status()).isEqualTo(503);
        simulator.clearFaults();
        assertThat(ghl.contacts("GET", GET_MISSING, null).status()).isEqualTo(400);
    }

    @Test
    void faultsCanBeSetAndClearedOverHttp() {
        SimClient inspector = new SimClient(simulator, null);
        assertThat(inspector.send("POST", "/_simulator/faults", "{\"status\":502,\"count\":1}", null).status())
                .isEqualTo(200);
        assertThat(ghl.contacts("GET", GET_MISSING, null).status()).isEqualTo(502);
        assertThat(ghl.contacts("GET", GET_MISSING, null).status()).isEqualTo(400);

        inspector.send("POST", "/_simulator/faults", "{\"status\":503,\"seconds\":60}", null);
        assertThat(ghl.contacts("GET", GET_MISSING, null).status()).isEqualTo(503);
        inspector.send("DELETE", "/_simulator/faults", null, null);
        assertThat(ghl.contacts("GET", GET_MISSING, null).status()).isEqualTo(400);
        assertThat(inspector.send("POST", "/_simulator/faults", "{\"status\":200,\"count\":1}", null).status())
                .isEqualTo(400);
    }

    @Test
    void latencyIsAddedToEveryResponse() {
        try (GhlSimulator slow = GhlSimulator.start(GhlSimulator.Settings.defaults().withLatencyMs(200))) {
            SimClient client = new SimClient(slow, "t");
            for (String path : new String[] {GET_MISSING, "/x"}) {
                long start = System.nanoTime();
                client.contacts("GET", path, null);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
            }
            long start = System.nanoTime();
            new SimClient(slow, null).contacts("GET", GET_MISSING, null);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        }
    }

    @Test
    void inspectionShowsDataAndStatsWithoutAuthAndResetForgetsEverything() {
        String id = ghl.contacts("POST", "/contacts/upsert", "{\"locationId\":\"loc\",\"email\":\"i@example.com\"}")
                .json().path("contact").path("id").asText();
        ghl.contacts("POST", "/contacts/" + id + "/tags", "{\"tags\":[\"t1\"]}");
        ghl.contacts("POST", "/contacts/" + id + "/notes", "{\"body\":\"n1\"}");
        simulator.failNext(503, 1);
        ghl.contacts("GET", GET_MISSING, null);

        SimClient inspector = new SimClient(simulator, null);
        SimClient.Reply all = inspector.send("GET", "/_simulator", null, null);
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.json().path("contacts")).hasSize(1);
        assertThat(all.json().path("notes")).hasSize(1);
        assertThat(all.json().path("tags").path(id).get(0).asText()).isEqualTo("t1");
        assertThat(all.json().path("stats").path("requests").asLong()).isEqualTo(4);
        assertThat(all.json().path("stats").path("byOperation").path("add-tags").asLong()).isEqualTo(1);
        assertThat(all.json().path("stats").path("faultsServed").asLong()).isEqualTo(1);
        assertThat(all.json().path("stats").path("rateLimited429").asLong()).isZero();

        SimClient.Reply one = inspector.send("GET", "/_simulator/contacts/" + id, null, null);
        assertThat(one.json().path("contact").path("id").asText()).isEqualTo(id);
        assertThat(one.json().path("notes").get(0).path("body").asText()).isEqualTo("n1");
        assertThat(one.json().path("tags").get(0).asText()).isEqualTo("t1");
        assertThat(inspector.send("GET", "/_simulator/contacts/nope", null, null).status()).isEqualTo(404);

        assertThat(simulator.state().requests()).extracting(SimulatorState.RequestRecord::status)
                .containsExactly(200, 201, 201, 503);
        assertThat(inspector.send("GET", "/_simulator/requests?limit=2", null, null).json().path("requests"))
                .hasSize(2);

        assertThat(inspector.send("POST", "/_simulator/reset", null, null).status()).isEqualTo(200);
        assertThat(simulator.state().contacts()).isEmpty();
        assertThat(simulator.state().requestCount()).isZero();
        assertThat(simulator.state().requests()).isEmpty();
    }
}
