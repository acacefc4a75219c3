package io.ghlsync.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ghlsync.config.Json;
import io.ghlsync.ghl.ContactDraft;
import io.ghlsync.ghl.GhlOperations;
import io.ghlsync.ghl.GhlRequest;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Every request ghl-sync builds (GhlOperations) is accepted by the simulator and has the intended effect. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GhlSimulatorAcceptsGhlOperationsTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private final GhlOperations operations = new GhlOperations("2021-07-28", "2021-04-15", "2021-07-28");
    private GhlSimulator simulator;

    @BeforeAll
    void start() {
        simulator = GhlSimulator.start(GhlSimulator.Settings.defaults());
    }

    @AfterAll
    void stop() {
        simulator.close();
    }

    @Test
    void theSyncsRequestsSucceedAgainstTheSimulator() throws Exception {
        String location = "loc-ops";
        JsonNode upserted = call(operations.upsertContact(location,
                ContactDraft.of("Ana de Silva", "ana@example.com", "+15551234567", "1 Main St"), "booking-sync"));
        String contactId = upserted.path("contact").path("id").asText();
        assertThat(upserted.path("contact").path("lastName").asText()).isEqualTo("de Silva");

        call(operations.addNote(location, contactId, "Booking confirmed"));
        call(operations.addTags(location, contactId, List.of("booked", "vip")));
        call(operations.removeTags(location, contactId, List.of("vip")));
        assertThat(simulator.state().tags(contactId)).containsExactly("booked");

        String fieldId = call(operations.createCustomField(location, "Appointment Status"))
                .path("customField").path("id").asText();
        JsonNode listed = call(operations.listCustomFields(location)).path("customFields");
        assertThat(listed.get(0).path("fieldKey").asText()).isEqualTo("contact.appointment_status");
        call(operations.updateContactCustomFields(location, contactId, Map.of(fieldId, "confirmed")));
        assertThat(simulator.state().customFieldValues(contactId).get(fieldId).asText()).isEqualTo("confirmed");
        assertThat(simulator.state().tags(contactId)).containsExactly("booked");

        String taskId = call(operations.createTask(location, contactId, "Call", "Before the visit",
                Instant.parse("2026-12-03T09:00:00Z"))).path("task").path("id").asText();
        call(operations.updateTask(location, contactId, taskId, Instant.parse("2026-12-04T09:00:00Z")));
        assertThat(simulator.state().tasks(contactId).get(0).path("dueDate").asText())
                .isEqualTo("2026-12-04T09:00:00Z");

        OffsetDateTime start = OffsetDateTime.parse("2026-12-03T10:00:00+01:00");
        String eventId = call(operations.createCalendarAppointment(location, "cal", contactId, "Consultation",
                start, start.plusMinutes(45), "confirmed", "1 Main St")).path("id").asText();
        call(operations.updateCalendarAppointment(location, eventId, start.plusDays(1), start.plusDays(1).plusHours(1),
                "cancelled"));
        assertThat(simulator.state().appointment(eventId).orElseThrow().path("appointmentStatus").asText())
                .isEqualTo("cancelled");
        assertThat(simulator.state().requests()).allMatch(r -> r.status() < 300);
    }

    private JsonNode call(GhlRequest request) throws Exception {
        String query = request.query().entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        String body = request.body() == null ? null : Json.MAPPER.writeValueAsString(request.body());
        HttpRequest.Builder builder = HttpRequest.newBuilder(
                        URI.create(simulator.baseUrl() + request.path() + (query.isEmpty() ? "" : "?" + query)))
                .header("Authorization", "Bearer test-token")
                .header("Version", request.version())
                .method(request.method(), body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            builder.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(request.operation() + ": " + response.body()).isBetween(200, 299);
        return Json.MAPPER.readTree(response.body());
    }
}
