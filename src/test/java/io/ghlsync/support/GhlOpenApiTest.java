package io.ghlsync.support;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.ghlsync.ghl.ContactDraft;
import io.ghlsync.ghl.GhlOperations;
import io.ghlsync.ghl.GhlRequest;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The validator helper itself: it must reject what GHL rejects, or the sync tests prove nothing. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GhlOpenApiTest {

    private WireMockServer ghl;
    private GhlHttpClient client;

    @BeforeAll
    void start() {
        ghl = new WireMockServer(options().dynamicPort());
        ghl.start();
        client = new GhlHttpClient("http://localhost:" + ghl.port());
    }

    @AfterAll
    void stop() {
        ghl.stop();
    }

    @BeforeEach
    void reset() {
        ghl.resetAll();
        ghl.stubFor(WireMock.any(anyUrl()).willReturn(ok("{}")));
    }

    private void send(String method, String path, String version, Object body) {
        client.call(new GhlRequest("test", method, path, Map.of(), version, body, "loc"));
    }

    @Test
    void aValidNoteIsAccepted() {
        send("POST", "/contacts/c1/notes", "2021-07-28", Map.of("body", "hello"));

        assertThatCode(() -> GhlOpenApi.get().assertValid(ghl.findAll(anyRequestedFor(anyUrl()))))
                .doesNotThrowAnyException();
    }

    @Test
    void theUpsertGhlSyncBuildsIsAccepted() {
        client.call(new GhlOperations("2021-07-28", "2021-04-15", "2021-07-28").upsertContact("loc",
                ContactDraft.of("Ana de Silva", "ana@example.com", "+15551234567", "1 Main St"), "booking-sync"));

        assertThatCode(() -> GhlOpenApi.get().assertValid(ghl.findAll(anyRequestedFor(anyUrl()))))
                .doesNotThrowAnyException();
    }

    @Test
    void anUpsertWithAnUnknownPropertyIsRejected() {
        send("POST", "/contacts/upsert", "2021-07-28", Map.of("locationId", "loc", "email", "a@example.com",
                "nickname", "Ana"));

        assertThatThrownBy(() -> GhlOpenApi.get().assertValid(ghl.findAll(anyRequestedFor(anyUrl()))))
                .hasMessageContaining("POST /contacts/upsert")
                .hasMessageContaining("additionalProperties").hasMessageContaining("nickname");
    }

    @Test
    void anUpsertWithAWrongTypeIsRejected() {
        send("POST", "/contacts/upsert", "2021-07-28", Map.of("locationId", "loc", "email", "a@example.com",
                "dnd", "yes"));

        assertThatThrownBy(() -> GhlOpenApi.get().assertValid(ghl.findAll(anyRequestedFor(anyUrl()))))
                .hasMessageContaining("POST /contacts/upsert")
                .hasMessageContaining("validation.request.body.schema.type").hasMessageContaining("/dnd");
    }

    @Test
    void anUpsertWithoutLocationIdIsRejected() {
        send("POST", "/contacts/upsert", "2021-07-28", Map.of("email", "a@example.com"));

        assertThatThrownBy(() -> GhlOpenApi.get().assertValid(ghl.findAll(anyRequestedFor(anyUrl()))))
                .hasMessageContaining("validation.request.body.schema.required").hasMessageContaining("locationId");
    }

    @Test
    void locationIdInANoteBodyIsRejected() {
        send("POST", "/contacts/c1/notes", "2021-07-28", Map.of("body", "hello", "locationId", "loc"));

        assertThatThrownBy(() -> GhlOpenApi.get().assertValid(ghl.findAll(anyRequestedFor(anyUrl()))))
                .hasMessageContaining("additionalProperties").hasMessageContaining("locationId");
    }

    @Test
    void aCalendarCallWithTheContactsVersionIsRejected() {
        send("PUT", "/calendars/events/appointments/e1", "2021-07-28", Map.of("appointmentStatus", "confirmed"));

        assertThatThrownBy(() -> GhlOpenApi.get().assertValid(ghl.findAll(anyRequestedFor(anyUrl()))))
                .hasMessageContaining("possible values: [\"2021-04-15\"]");
    }

    @Test
    void customFieldsWrittenAsValueInsteadOfFieldValueAreRejected() {
        send("PUT", "/contacts/c1", "2021-07-28", Map.of("customFields", java.util.List.of(Map.of("id", "f",
                "value", "x"))));

        assertThatThrownBy(() -> GhlOpenApi.get().assertValid(ghl.findAll(anyRequestedFor(anyUrl()))))
                .hasMessageContaining("customFields");
    }

    @Test
    void aTaskWithoutCompletedIsRejected() {
        send("POST", "/contacts/c1/tasks", "2021-07-28", Map.of("title", "t", "dueDate", "2030-01-01T00:00:00Z"));

        assertThatThrownBy(() -> GhlOpenApi.get().assertValid(ghl.findAll(anyRequestedFor(anyUrl()))))
                .hasMessageContaining("completed");
    }
}
