package io.ghlsync.sync;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.ghlsync.config.Json;
import io.ghlsync.support.GhlStubs;
import io.ghlsync.support.TestService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** sync.async-mode=false: booking answers carry the sync outcome; a sync slower than the wait gets 202. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SyncWaitModesTest {

    private final WireMockServer ghl = new WireMockServer(options().dynamicPort());
    private TestService service;

    @BeforeAll
    void start() {
        ghl.start();
        service = TestService.builder()
                .property("ghl.api-key", "test-token")
                .property("ghl.base-url", "http://127.0.0.1:" + ghl.port())
                .property("sync.async-mode", "false")
                .property("sync.wait-timeout-ms", "3000")
                .start();
    }

    @AfterAll
    void stop() {
        service.close();
        ghl.stop();
    }

    @BeforeEach
    void stubs() {
        ghl.resetAll();
        GhlStubs.stubAll(ghl, "wait-contact");
    }

    private static String createBody(int slot) {
        return "{\"customer\":{\"name\":\"Wait Mode\",\"email\":\"wait" + slot + "@example.com\"},"
                + "\"serviceType\":\"repair\",\"startTime\":\"2027-03-0" + slot + "T10:00:00Z\"}";
    }

    @Test
    void withAsyncModeOffABookingAnswerReportsTheFinishedSync() throws Exception {
        var response = service.post("/api/appointments/create-with-sync", createBody(1));
        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode sync = Json.MAPPER.readTree(response.body()).path("sync");
        assertThat(sync.path("status").asText()).isEqualTo("done");
        assertThat(sync.path("ghlContactId").asText()).isEqualTo("wait-contact");
        assertThat(sync.path("syncDetails").path("notesCreated").asBoolean()).isTrue();
    }

    @Test
    void aSyncSlowerThanTheWaitIsAnswered202WithItsEventIdAndStillCompletes() throws Exception {
        ghl.stubFor(post(urlPathMatching("/contacts/[^/]+/notes"))
                .willReturn(GhlStubs.created("{\"note\":{\"id\":\"n\"}}").withFixedDelay(4_000)));
        var created = service.post("/api/appointments/create-with-sync", createBody(2));
        JsonNode createdSync = Json.MAPPER.readTree(created.body()).path("sync");
        assertThat(createdSync.path("status").asText()).isEqualTo("queued");
        String appointmentId = Json.MAPPER.readTree(created.body()).path("appointment").path("id").asText();

        var response = service.post("/gohighlevel-appointment-sync",
                "{\"appointmentId\":\"" + appointmentId + "\",\"action\":\"update\"}");
        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode body = Json.MAPPER.readTree(response.body());
        assertThat(body.path("status").asText()).isEqualTo("queued");
        assertThat(body.path("eventId").asText()).hasSize(36);
    }
}
