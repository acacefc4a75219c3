package io.ghlsync.sync;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.ghlsync.config.Json;
import io.ghlsync.outbox.OutboxRepository;
import io.ghlsync.outbox.SyncAction;
import io.ghlsync.support.BookingFixtures;
import io.ghlsync.support.GhlOpenApi;
import io.ghlsync.support.GhlStubs;
import io.ghlsync.support.TestService;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The whole outbound path on the real service (routes, embedded PostgreSQL) with WireMock as GHL: retries,
 * Retry-After, dead letters, ordering, and the original sync endpoint's answers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SyncPipelineTest {

    private static final AtomicInteger SEQ = new AtomicInteger();
    private final WireMockServer ghl = new WireMockServer(options().dynamicPort());
    private TestService service;
    private OutboxRepository outbox;
    private String contactId;
    private String location;

    @BeforeAll
    void start() {
        ghl.start();
        service = TestService.builder()
                .property("ghl.api-key", "test-token")
                .property("ghl.base-url", "http://127.0.0.1:" + ghl.port())
                .property("camel.component.http.response-timeout", "1500")
                .property("sync.wait-timeout-ms", "8000")
                .property("sync.retry.initial-delay-ms", "300")
                .property("sync.retry.max-delay-ms", "1200")
                .start();
        outbox = service.bean("outboxRepository", OutboxRepository.class);
    }

    @AfterAll
    void stop() {
        service.close();
        ghl.stop();
    }

    @BeforeEach
    void stubGhl() {
        ghl.resetAll();
        contactId = "c" + SEQ.incrementAndGet() + "x" + UUID.randomUUID().toString().substring(0, 6);
        location = "loc-" + contactId;
        GhlStubs.stubAll(ghl, contactId);
    }

    @AfterEach
    void everyRequestMatchesGhlOpenApi() {
        List<LoggedRequest> sent = ghl.findAll(anyRequestedFor(anyUrl()));
        if (sent.isEmpty()) {
            return;
        }
        GhlOpenApi.get().assertValid(sent);
        assertThat(sent).allSatisfy(r -> {
            assertThat(r.getHeader("Authorization")).isEqualTo("Bearer test-token");
            assertThat(r.containsHeader("Version")).isTrue();
        });
    }

    private UUID appointment() {
        return BookingFixtures.linkedAppointment(service.jdbc(), contactId, location,
                OffsetDateTime.now(ZoneOffset.UTC).plusDays(3).withNano(0));
    }

    private UUID queue(UUID appointment, SyncAction action) {
        return outbox.insert(appointment, action, OffsetDateTime.now(ZoneOffset.UTC).plusNanos(SEQ.incrementAndGet()),
                location, Json.MAPPER.createObjectNode()).orElseThrow();
    }

    private String awaitFinal(UUID eventId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            String s = status(eventId);
            return s.equals("DONE") || s.equals("DEAD") || s.equals("DUPLICATE");
        });
        return status(eventId);
    }

    private String status(UUID eventId) {
        return (String) outbox.find(eventId).orElseThrow().get("status");
    }

    private int notes() {
        return ghl.findAll(postRequestedFor(urlPathEqualTo("/contacts/" + contactId + "/notes"))).size();
    }

    private Map<String, Object> deadLetter(UUID eventId) {
        return service.jdbc().queryForMap("select * from dead_letter where event_id = :id", Map.of("id", eventId));
    }

    @Test
    void aCreateEventReachesGhlAsNoteFieldsTagsAndReminderTask() {
        UUID event = queue(appointment(), SyncAction.CREATE);
        assertThat(awaitFinal(event)).isEqualTo("DONE");
        assertThat(notes()).isEqualTo(1);
        assertThat(ghl.findAll(postRequestedFor(urlPathEqualTo("/contacts/" + contactId + "/tags")))).hasSize(1);
        assertThat(ghl.findAll(postRequestedFor(urlPathEqualTo("/contacts/" + contactId + "/tasks")))).hasSize(1);
        JsonNode result = Json.MAPPER.valueToTree(outbox.find(event).orElseThrow().get("result"));
        assertThat(result.asText()).contains(contactId).contains("notesCreated");
    }

    @Test
    void a429WithRetryAfterPausesThenDeliversWithoutSpendingRetries() {
        ghl.stubFor(post(urlPathEqualTo("/contacts/" + contactId + "/notes")).inScenario("ra")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("ok")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
                        .withBody("{\"statusCode\":429,\"message\":\"Too Many Requests\"}")));
        ghl.stubFor(post(urlPathEqualTo("/contacts/" + contactId + "/notes")).inScenario("ra")
                .whenScenarioStateIs("ok").willReturn(GhlStubs.created("{\"note\":{\"id\":\"n\"}}")));
        UUID event = queue(appointment(), SyncAction.CREATE);
        assertThat(awaitFinal(event)).isEqualTo("DONE");
        List<ServeEvent> notes = ghl.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().equals("/contacts/" + contactId + "/notes"))
                .sorted(Comparator.comparing(e -> e.getRequest().getLoggedDate()))
                .toList();
        int limited = IntStream.range(0, notes.size())
                .filter(i -> notes.get(i).getResponse().getStatus() == 429).findFirst().orElseThrow();
        assertThat(notes.get(notes.size() - 1).getResponse().getStatus()).isEqualTo(201);
        long gap = notes.get(limited + 1).getRequest().getLoggedDate().getTime()
                - notes.get(limited).getRequest().getLoggedDate().getTime();
        assertThat(gap).as("waited for Retry-After (1 s), not the 300 ms backoff").isGreaterThanOrEqualTo(900);
    }

    @Test
    void aBurstOf503IsRetriedWithBackoffAndDelivered() {
        for (String[] step : List.of(new String[] {Scenario.STARTED, "second"}, new String[] {"second", "ok"})) {
            ghl.stubFor(post(urlPathEqualTo("/contacts/" + contactId + "/notes")).inScenario("503")
                    .whenScenarioStateIs(step[0]).willSetStateTo(step[1])
                    .willReturn(aResponse().withStatus(503)));
        }
        ghl.stubFor(post(urlPathEqualTo("/contacts/" + contactId + "/notes")).inScenario("503")
                .whenScenarioStateIs("ok").willReturn(GhlStubs.created("{\"note\":{\"id\":\"n\"}}")));
        UUID event = queue(appointment(), SyncAction.CREATE);
        assertThat(awaitFinal(event)).isEqualTo("DONE");
        assertThat(notes()).isEqualTo(3);
        assertThat(service.jdbc().queryForObject("select count(*) from dead_letter where event_id = :id",
                Map.of("id", event), Integer.class)).isZero();
    }

    @Test
    void aPersistentServerErrorIsRetriedThreeTimesThenDeadLettered() {
        ghl.stubFor(post(urlPathEqualTo("/contacts/" + contactId + "/notes")).willReturn(aResponse().withStatus(500)));
        UUID event = queue(appointment(), SyncAction.CREATE);
        assertThat(awaitFinal(event)).isEqualTo("DEAD");
        assertThat(notes()).isEqualTo(4);
        Map<String, Object> dead = deadLetter(event);
        assertThat(dead.get("error_class")).isEqualTo("server_error");
        assertThat(dead.get("retryable")).isEqualTo(true);
        assertThat(dead.get("attempts")).isEqualTo(4);
        assertThat(dead.get("action")).isEqualTo("create");
        assertThat((String) dead.get("error")).contains("500");
    }

    @Test
    void a422GoesStraightToTheDeadLetterWithoutRetries() {
        ghl.stubFor(post(urlPathEqualTo("/contacts/" + contactId + "/notes")).willReturn(aResponse().withStatus(422)
                .withBody("{\"statusCode\":422,\"message\":[\"body should not be empty\"],\"error\":\"Unprocessable\"}")));
        UUID event = queue(appointment(), SyncAction.CREATE);
        assertThat(awaitFinal(event)).isEqualTo("DEAD");
        assertThat(notes()).isEqualTo(1);
        Map<String, Object> dead = deadLetter(event);
        assertThat(dead.get("error_class")).isEqualTo("validation");
        assertThat(dead.get("retryable")).isEqualTo(false);
        // GHL's own error text can quote the contact's data: the dead letter keeps operation, status and class only.
        assertThat((String) dead.get("error")).isEqualTo("GHL contacts.addNote answered 422 (validation)")
                .doesNotContain("body should not be empty");
    }

    @Test
    void aTimeoutIsRetriedAndTheNoteIsWrittenOnce() {
        ghl.stubFor(post(urlPathEqualTo("/contacts/" + contactId + "/notes")).inScenario("slow")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("fast")
                .willReturn(GhlStubs.created("{\"note\":{\"id\":\"n\"}}").withFixedDelay(4_000)));
        ghl.stubFor(post(urlPathEqualTo("/contacts/" + contactId + "/notes")).inScenario("slow")
                .whenScenarioStateIs("fast").willReturn(GhlStubs.created("{\"note\":{\"id\":\"n\"}}")));
        UUID event = queue(appointment(), SyncAction.CREATE);
        assertThat(awaitFinal(event)).isEqualTo("DONE");
        assertThat(notes()).as("the slow attempt timed out, the retry succeeded").isEqualTo(2);
    }

    @Test
    void eventsOfOneAppointmentRunInOrderWhileOthersAreNotHeldUp() {
        UUID slow = appointment();
        String slowNotes = "/contacts/" + contactId + "/notes";
        // The first event of this appointment keeps failing with 503: retried with backoff (~2 s), then dead.
        ghl.stubFor(post(urlPathEqualTo(slowNotes)).willReturn(aResponse().withStatus(503)));
        UUID first = queue(slow, SyncAction.CREATE);
        UUID second = queue(slow, SyncAction.CONFIRM);

        String slowContact = contactId;
        contactId = "other-" + slowContact;
        location = "loc-" + contactId;
        GhlStubs.stubAll(ghl, contactId);
        ghl.stubFor(post(urlPathEqualTo(slowNotes)).willReturn(aResponse().withStatus(503)));
        UUID other = queue(appointment(), SyncAction.CREATE);
        assertThat(awaitFinal(other)).as("another appointment is not held up").isEqualTo("DONE");
        assertThat(status(first)).isEqualTo("PROCESSING");
        assertThat(status(second)).as("waits behind its appointment's first event").isEqualTo("PENDING");

        await().atMost(Duration.ofSeconds(30)).until(() -> status(first).equals("DEAD"));
        ghl.stubFor(post(urlPathEqualTo(slowNotes)).willReturn(GhlStubs.created("{\"note\":{\"id\":\"n\"}}")));
        assertThat(awaitFinal(second)).isEqualTo("DONE");
        List<LoggedRequest> slowAttempts = ghl.findAll(postRequestedFor(urlPathEqualTo(slowNotes))).stream()
                .sorted(Comparator.comparing(LoggedRequest::getLoggedDate)).toList();
        List<Integer> createAttempts = IntStream.range(0, slowAttempts.size())
                .filter(i -> slowAttempts.get(i).getBodyAsString().contains("booked")).boxed().toList();
        assertThat(createAttempts).as("the create: first attempt plus 3 retries").hasSize(4);
        int firstConfirm = IntStream.range(0, slowAttempts.size())
                .filter(i -> slowAttempts.get(i).getBodyAsString().toLowerCase().contains("confirm"))
                .findFirst().orElseThrow();
        assertThat(firstConfirm).as("the confirm starts only after the create gave up")
                .isGreaterThan(createAttempts.get(3));
    }

    @Test
    void theOriginalSyncEndpointAnswersWithTheOriginalSuccessJson() throws Exception {
        UUID appointment = appointment();
        var response = service.post("/gohighlevel-appointment-sync",
                "{\"appointmentId\":\"" + appointment + "\",\"action\":\"create\",\"timestamp\":\"2026-11-29T10:00:00Z\"}");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = Json.MAPPER.readTree(response.body());
        assertThat(body.path("success").asBoolean()).isTrue();
        assertThat(body.path("appointmentId").asText()).isEqualTo(appointment.toString());
        assertThat(body.path("action").asText()).isEqualTo("create");
        assertThat(body.path("ghlContactId").asText()).isEqualTo(contactId);
        assertThat(body.path("syncDetails").path("notesCreated").asBoolean()).isTrue();
        assertThat(body.path("syncDetails").has("tagsApplied")).isTrue();
        assertThat(body.path("syncDetails").has("customFieldsUpdated")).isTrue();
        assertThat(body.path("timestamp").asText()).isEqualTo("2026-11-29T10:00:00Z");
        assertThat(body.path("processingTime").isNumber()).isTrue();

        var again = service.post("/.netlify/functions/gohighlevel-appointment-sync",
                "{\"appointmentId\":\"" + appointment + "\",\"action\":\"create\",\"timestamp\":\"2026-11-29T10:00:00Z\"}");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(notes()).as("the same appointment/action/timestamp reaches GHL once").isEqualTo(1);
    }

    @Test
    void theOriginalSyncEndpointAnswersWithTheOriginalErrorJsonWhenGhlRejects() throws Exception {
        ghl.stubFor(post(urlPathEqualTo("/contacts/" + contactId + "/notes")).willReturn(aResponse().withStatus(401)
                .withBody("{\"statusCode\":401,\"message\":\"Invalid token\"}")));
        UUID appointment = appointment();
        var response = service.post("/gohighlevel-appointment-sync",
                "{\"appointmentId\":\"" + appointment + "\",\"action\":\"confirm\"}");
        assertThat(response.statusCode()).isEqualTo(500);
        JsonNode body = Json.MAPPER.readTree(response.body());
        assertThat(body.path("success").asBoolean()).isFalse();
        assertThat(body.path("error").asText()).isEqualTo("Sync failed");
        assertThat(body.path("message").asText()).contains("401");
        assertThat(body.path("retryable").asBoolean()).isFalse();
        assertThat(body.path("appointmentId").asText()).isEqualTo(appointment.toString());
    }

    @Test
    void theOriginalSyncEndpointRejectsBadInputWithFieldErrors() throws Exception {
        var response = service.post("/gohighlevel-appointment-sync", "{\"appointmentId\":\"nope\",\"action\":\"delete\"}");
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = Json.MAPPER.readTree(response.body());
        assertThat(body.path("details").toString()).contains("appointmentId").contains("action");

        var unknown = service.post("/gohighlevel-appointment-sync",
                "{\"appointmentId\":\"" + UUID.randomUUID() + "\",\"action\":\"create\"}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        var notJson = service.post("/gohighlevel-appointment-sync", "{nope");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(service.jdbc().queryForObject("select count(*) from sync_outbox where appointment_id not in "
                + "(select id from appointments)", Map.of(), Integer.class)).isZero();
    }
}
