package io.ghlsync.sync;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.ghlsync.config.Json;
import io.ghlsync.support.GhlStubs;
import io.ghlsync.support.ServiceProcess;
import io.ghlsync.support.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * An event accepted before a crash (SIGKILL of the service process) is delivered after the restart, and its note
 * reaches GHL at most once more than it had.
 */
class CrashRecoveryTest {

    private final WireMockServer ghl = new WireMockServer(options().dynamicPort());
    private String databaseUrl;
    private NamedParameterJdbcTemplate jdbc;
    private Map<String, String> env;

    @BeforeEach
    void start() {
        ghl.start();
        GhlStubs.stubAll(ghl, "crash-contact");
        databaseUrl = TestDatabase.newDatabase();
        jdbc = new NamedParameterJdbcTemplate(new DriverManagerDataSource(databaseUrl));
        env = new HashMap<>(Map.of(
                "DATABASE_URL", databaseUrl,
                "GHL_API_KEY", "crash-token",
                "GHL_BASE_URL", "http://127.0.0.1:" + ghl.port(),
                "SYNC_INSTANCE_ID", "crash-test-" + UUID.randomUUID()));
    }

    @AfterEach
    void stop() {
        ghl.stop();
    }

    private static String create(ServiceProcess service) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest
                .newBuilder(URI.create(service.url("/api/appointments/create-with-sync")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"customer":{"name":"Crash Test","email":"crash@example.com","phone":"+31600000001"},
                         "serviceType":"repair","startTime":"2027-02-01T10:00:00Z"}""")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode body = Json.MAPPER.readTree(r.body());
        return body.path("sync").path("eventId").asText();
    }

    private String status(String eventId) {
        return jdbc.queryForObject("select status from sync_outbox where event_id = cast(:id as uuid)",
                Map.of("id", eventId), String.class);
    }

    private int notes() {
        return ghl.findAll(postRequestedFor(urlPathMatching("/contacts/[^/]+/notes"))).size();
    }

    @Test
    void anEventAcceptedWhileSyncWasStoppedIsDeliveredAfterACrash() throws Exception {
        Path log = Files.createTempFile("crash-1-", ".log");
        env.put("SYNC_ENABLED", "false");
        ServiceProcess first = ServiceProcess.start(env, log);
        String eventId = create(first);
        first.kill();
        assertThat(status(eventId)).isEqualTo("PENDING");

        env.put("SYNC_ENABLED", "true");
        try (ServiceProcess second = ServiceProcess.start(env, Files.createTempFile("crash-2-", ".log"))) {
            await().atMost(Duration.ofSeconds(60)).until(() -> status(eventId).equals("DONE"));
            assertThat(notes()).isEqualTo(1);
        }
    }

    @Test
    void anEventKilledInTheMiddleOfItsGhlCallsResumesAfterRestartWithoutLosingAnything() throws Exception {
        // GHL answers notes slowly, so the kill lands while the event is claimed and half done.
        ghl.stubFor(post(urlPathMatching("/contacts/[^/]+/notes"))
                .willReturn(GhlStubs.created("{\"note\":{\"id\":\"n\"}}").withFixedDelay(20_000)));
        ServiceProcess first = ServiceProcess.start(env, Files.createTempFile("crash-3-", ".log"));
        String eventId = create(first);
        await().atMost(Duration.ofSeconds(30)).until(() -> notes() == 1);
        first.kill();
        assertThat(status(eventId)).as("claimed by the dead instance").isEqualTo("PROCESSING");

        GhlStubs.stubAll(ghl, "crash-contact");
        ghl.stubFor(post(urlPathMatching("/contacts/[^/]+/notes"))
                .willReturn(GhlStubs.created("{\"note\":{\"id\":\"n\"}}")));
        try (ServiceProcess second = ServiceProcess.start(env, Files.createTempFile("crash-4-", ".log"))) {
            await().atMost(Duration.ofSeconds(60)).until(() -> status(eventId).equals("DONE"));
        }
        assertThat(notes()).as("the killed call plus one after restart: at most one duplicate per kill").isEqualTo(2);
        assertThat(ghl.findAll(postRequestedFor(urlPathMatching("/contacts/upsert"))))
                .as("the contact upsert done before the kill is journaled, not repeated").hasSize(1);
        assertThat(jdbc.queryForObject("select count(*) from dead_letter", Map.of(), Integer.class)).isZero();
    }
}
