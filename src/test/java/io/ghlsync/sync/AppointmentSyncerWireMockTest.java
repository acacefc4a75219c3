package io.ghlsync.sync;

import io.ghlsync.outbox.StepJournalRepository;
import io.ghlsync.booking.LeadRepository;
import io.ghlsync.booking.CustomerRepository;
import io.ghlsync.booking.AppointmentRepository;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.zaxxer.hikari.HikariDataSource;
import io.ghlsync.config.Json;
import io.ghlsync.ghl.CustomFieldRepository;
import io.ghlsync.ghl.CustomFieldResolver;
import io.ghlsync.ghl.GhlApi;
import io.ghlsync.ghl.GhlException;
import io.ghlsync.ghl.GhlOperations;
import io.ghlsync.outbox.SyncAction;
import io.ghlsync.outbox.SyncEvent;
import io.ghlsync.support.GhlHttpClient;
import io.ghlsync.support.GhlOpenApi;
import io.ghlsync.support.TestDatabase;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the syncer against WireMock standing in for GHL, and checks every request it sent against GHL's OpenAPI.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AppointmentSyncerWireMockTest {

    private static final OffsetDateTime START = OffsetDateTime.parse("2030-03-10T09:00:00Z");
    private static final OffsetDateTime END = OffsetDateTime.parse("2030-03-10T10:30:00Z");

    private HikariDataSource dataSource;
    private NamedParameterJdbcTemplate jdbc;
    private WireMockServer ghl;
    private AppointmentSyncer syncer;
    private AppointmentSyncer calendarSyncer;
    private String contactId;
    private String calendarEventId;
    private final ExecutorService steps = Executors.newFixedThreadPool(4);

    @BeforeAll
    void start() {
        dataSource = TestDatabase.newMigratedDataSource(4);
        jdbc = new NamedParameterJdbcTemplate(dataSource);
        ghl = new WireMockServer(options().dynamicPort());
        ghl.start();
        GhlApi api = new GhlHttpClient("http://localhost:" + ghl.port());
        GhlOperations operations = new GhlOperations("2021-07-28", "2021-04-15", "2021-07-28");
        CustomFieldResolver resolver = new CustomFieldResolver(api, operations, new CustomFieldRepository(jdbc));
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        syncer = new AppointmentSyncer(api, operations, resolver, new SyncPlanner(ZoneId.of("UTC"), false, ""),
                stores(jdbc), tx, null, "default-location", steps);
        calendarSyncer = new AppointmentSyncer(api, operations, resolver,
                new SyncPlanner(ZoneId.of("UTC"), true, "https://book.example"), stores(jdbc), tx, "cal-1",
                "default-location", steps);
    }

    @AfterAll
    void stop() {
        steps.shutdownNow();
        ghl.stop();
        dataSource.close();
    }

    @BeforeEach
    void stubGhl() {
        ghl.resetAll();
        contactId = "contact-" + UUID.randomUUID().toString().substring(0, 8);
        calendarEventId = "evt-" + UUID.randomUUID().toString().substring(0, 8);
        ghl.stubFor(post(urlPathEqualTo("/contacts/upsert"))
                .willReturn(okJson("{\"new\":true,\"contact\":{\"id\":\"" + contactId + "\"},\"traceId\":\"t\"}")));
        ghl.stubFor(post(urlPathMatching("/contacts/[^/]+/notes"))
                .willReturn(json(201, "{\"note\":{\"id\":\"note-1\",\"body\":\"x\"}}")));
        ghl.stubFor(put(urlPathMatching("/contacts/[^/]+"))
                .willReturn(okJson("{\"succeded\":true,\"contact\":{\"id\":\"" + contactId + "\"}}")));
        ghl.stubFor(post(urlPathMatching("/contacts/[^/]+/tags")).willReturn(json(201, "{\"tags\":[]}")));
        ghl.stubFor(delete(urlPathMatching("/contacts/[^/]+/tags")).willReturn(okJson("{\"tags\":[]}")));
        ghl.stubFor(post(urlPathMatching("/contacts/[^/]+/tasks"))
                .willReturn(json(201, "{\"task\":{\"id\":\"task-1\",\"title\":\"x\"}}")));
        ghl.stubFor(put(urlPathMatching("/contacts/[^/]+/tasks/[^/]+"))
                .willReturn(okJson("{\"task\":{\"id\":\"task-1\"}}")));
        ghl.stubFor(get(urlPathMatching("/locations/[^/]+/customFields")).willReturn(okJson("""
                {"customFields": [
                  {"id": "cf-status", "name": "Appointment Status", "fieldKey": "contact.appointment_status"},
                  {"id": "cf-other", "name": "Pincode", "fieldKey": "contact.pincode"}]}""")));
        for (String[] field : List.of(new String[] {"Next Appointment Date", "cf-next"},
                new String[] {"Last Service Date", "cf-last"})) {
            ghl.stubFor(post(urlPathMatching("/locations/[^/]+/customFields"))
                    .withRequestBody(matchingJsonPath("$.name", equalTo(field[0])))
                    .willReturn(json(201, "{\"customField\":{\"id\":\"" + field[1] + "\",\"fieldKey\":\"contact.x\"}}")));
        }
        ghl.stubFor(post(urlPathEqualTo("/calendars/events/appointments")).willReturn(okJson(
                "{\"id\":\"" + calendarEventId + "\",\"calendarId\":\"cal-1\",\"locationId\":\"l\",\"contactId\":\"c\"}")));
        ghl.stubFor(put(urlPathMatching("/calendars/events/appointments/[^/]+")).willReturn(okJson(
                "{\"id\":\"" + calendarEventId + "\",\"calendarId\":\"cal-1\",\"locationId\":\"l\",\"contactId\":\"c\"}")));
    }

    /** Whatever a test did, every request GHL received must be valid against GHL's OpenAPI. */
    @AfterEach
    void everyRequestMatchesGhlOpenApi() {
        List<LoggedRequest> sent = ghl.findAll(anyRequestedFor(anyUrl()));
        if (!sent.isEmpty()) {
            GhlOpenApi.get().assertValid(sent);
        }
    }

    @Test
    void createForANewCustomerUpsertsTheContactCreatesTheLeadAndWritesNoteFieldsTagReminderAndCalendar()
            throws Exception {
        String location = newLocation();
        UUID customer = customer("Ana de Silva", "ana@example.com", "+31612345678");
        UUID appointment = appointment(customer, null, location);

        SyncOutcome outcome = calendarSyncer.sync(event(appointment, SyncAction.CREATE, "{}", location));

        assertThat(outcome.ghlContactId()).isEqualTo(contactId);
        assertThat(outcome.toJson()).isEqualTo(Json.MAPPER.readTree("""
                {"notesCreated": true, "contactUpdated": true, "taskCreated": true,
                 "tagsApplied": ["appointment-booked"],
                 "customFieldsUpdated": {"appointment_status": "scheduled", "next_appointment_date": "2030-03-10"}}"""));

        JsonNode upsert = body(single(postRequestedFor(urlPathEqualTo("/contacts/upsert"))));
        assertThat(upsert).isEqualTo(Json.MAPPER.readTree("""
                {"locationId": "%s", "firstName": "Ana", "lastName": "de Silva", "email": "ana@example.com",
                 "phone": "+31612345678", "address1": "Main St 1", "source": "ghl-sync"}""".formatted(location)));
        assertThat(body(single(postRequestedFor(urlPathEqualTo("/contacts/" + contactId + "/notes")))).get("body")
                .asText()).startsWith("Appointment booked: AC maintenance on 2030-03-10 09:00 UTC");
        assertThat(body(single(putRequestedFor(urlPathEqualTo("/contacts/" + contactId))))).isEqualTo(
                Json.MAPPER.readTree("""
                        {"customFields": [{"id": "cf-status", "field_value": "scheduled"},
                                          {"id": "cf-next", "field_value": "2030-03-10"}]}"""));
        assertThat(body(single(postRequestedFor(urlPathEqualTo("/contacts/" + contactId + "/tags")))))
                .isEqualTo(Json.MAPPER.readTree("{\"tags\":[\"appointment-booked\"]}"));
        JsonNode task = body(single(postRequestedFor(urlPathEqualTo("/contacts/" + contactId + "/tasks"))));
        assertThat(task.get("dueDate").asText()).isEqualTo("2030-03-09T09:00:00Z");
        assertThat(task.get("completed").asBoolean()).isFalse();
        JsonNode calendar = body(single(postRequestedFor(urlPathEqualTo("/calendars/events/appointments"))));
        assertThat(calendar.get("calendarId").asText()).isEqualTo("cal-1");
        assertThat(calendar.get("contactId").asText()).isEqualTo(contactId);
        assertThat(calendar.get("startTime").asText()).isEqualTo("2030-03-10T09:00:00Z");
        assertThat(calendar.get("appointmentStatus").asText()).isEqualTo("new");
        assertThat(calendar.get("ignoreFreeSlotValidation").asBoolean()).isTrue();
        assertThat(calendar.get("toNotify").asBoolean()).isFalse();
        // a new contact has none of our tags, so nothing is removed; the custom fields were looked up once
        assertThat(ghl.findAll(deleteRequestedFor(anyUrl()))).isEmpty();

        Map<String, Object> row = jdbc.queryForMap("""
                select a.lead_id, a.ghl_appointment_id, l.ghl_contact_id, l.email, k.reminder_task_id, k.reminder_due
                  from appointments a join leads l on l.id = a.lead_id
                  join ghl_appointment_links k on k.appointment_id = a.id
                 where a.id = :id""", Map.of("id", appointment));
        assertThat(row.get("ghl_contact_id")).isEqualTo(contactId);
        assertThat(row.get("email")).isEqualTo("ana@example.com");
        assertThat(row.get("ghl_appointment_id")).isEqualTo(calendarEventId);
        assertThat(row.get("reminder_task_id")).isEqualTo("task-1");
        assertThat(((java.sql.Timestamp) row.get("reminder_due")).toInstant())
                .isEqualTo(Instant.parse("2030-03-09T09:00:00Z"));
        assertThat(jdbc.queryForList("select field_key from ghl_custom_fields where location_id = :l",
                Map.of("l", location), String.class))
                .containsExactlyInAnyOrder("appointment_status", "next_appointment_date");
    }

    @Test
    void aLinkedLeadIsNotUpsertedAndAppointmentsOfTheLifecycleAllMatchGhlOpenApi() throws Exception {
        String location = newLocation();
        UUID customer = customer("Bo", "bo@example.com", null);
        UUID lead = lead(contactId);
        UUID appointment = appointment(customer, lead, location);

        calendarSyncer.sync(event(appointment, SyncAction.CREATE, "{}", location));
        calendarSyncer.sync(event(appointment, SyncAction.CONFIRM, "{}", location));
        jdbc.update("update appointments set start_time = :s, end_time = :e where id = :id",
                new MapSqlParameterSource("id", appointment).addValue("s", START.plusDays(2))
                        .addValue("e", END.plusDays(2)));
        SyncOutcome update = calendarSyncer.sync(event(appointment, SyncAction.UPDATE, """
                {"changes": {"startTime": {"from": "2030-03-10T09:00:00Z", "to": "2030-03-12T09:00:00Z"}}}""",
                location));
        SyncOutcome complete = calendarSyncer.sync(event(appointment, SyncAction.COMPLETE, "{}", location));

        assertThat(ghl.findAll(postRequestedFor(urlPathEqualTo("/contacts/upsert")))).isEmpty();
        assertThat(update.taskCreated()).isFalse();
        // the reschedule moved the one reminder instead of creating a second one
        assertThat(ghl.findAll(putRequestedFor(urlPathEqualTo("/contacts/" + contactId + "/tasks/task-1"))))
                .singleElement()
                .satisfies(r -> assertThat(body(r).get("dueDate").asText()).isEqualTo("2030-03-11T09:00:00Z"));
        List<LoggedRequest> notes = ghl.findAll(postRequestedFor(urlPathEqualTo("/contacts/" + contactId + "/notes")));
        assertThat(notes).hasSize(4);
        assertThat(body(notes.get(2)).get("body").asText())
                .contains("startTime: 2030-03-10 09:00 UTC -> 2030-03-12 09:00 UTC");
        List<LoggedRequest> calendarUpdates = ghl.findAll(putRequestedFor(
                urlPathEqualTo("/calendars/events/appointments/" + calendarEventId)));
        assertThat(calendarUpdates).extracting(r -> body(r).get("appointmentStatus").asText())
                .containsExactly("confirmed", "new", "showed");
        assertThat(body(ghl.findAll(deleteRequestedFor(urlPathEqualTo("/contacts/" + contactId + "/tags"))).get(0)))
                .isEqualTo(Json.MAPPER.readTree("{\"tags\":[\"appointment-booked\",\"appointment-confirmed\"]}"));
        assertThat(complete.toJson()).isEqualTo(Json.MAPPER.readTree("""
                {"notesCreated": true, "contactUpdated": true, "taskCreated": true,
                 "tagsApplied": ["appointment-completed", "customer"],
                 "customFieldsUpdated": {"appointment_status": "completed", "next_appointment_date": "",
                                         "last_service_date": "2030-03-12"}}"""));
        // custom-field ids came from GHL once for this location, then from the table
        assertThat(ghl.findAll(getRequestedFor(urlPathEqualTo("/locations/" + location + "/customFields"))))
                .hasSize(2); // next_appointment_date on create, last_service_date on complete
    }

    @Test
    void cancelOfAContactWhoseTagsAreUnknownRemovesBothTagsAndCreatesAFollowUp() throws Exception {
        String location = newLocation();
        UUID appointment = appointment(customer("Cy", null, "+3170000000"), lead(contactId), location);

        SyncOutcome outcome = syncer.sync(event(appointment, SyncAction.CANCEL, "{\"reason\":\"moved away\"}",
                location));

        assertThat(body(single(deleteRequestedFor(urlPathEqualTo("/contacts/" + contactId + "/tags")))))
                .isEqualTo(Json.MAPPER.readTree("{\"tags\":[\"appointment-booked\",\"appointment-confirmed\"]}"));
        assertThat(body(single(postRequestedFor(urlPathEqualTo("/contacts/" + contactId + "/notes")))).get("body")
                .asText()).contains("Reason: moved away");
        assertThat(body(single(postRequestedFor(urlPathEqualTo("/contacts/" + contactId + "/tasks")))).get("title")
                .asText()).startsWith("Follow up on cancelled appointment");
        assertThat(outcome.customFieldsUpdated()).containsEntry("next_appointment_date", "");
    }

    @Test
    void afterAFailureAtOneStepTheRetryRepeatsOnlyThatStep() {
        String location = newLocation();
        UUID appointment = appointment(customer("Di", "di@example.com", null), null, location);
        ghl.stubFor(post(urlPathMatching("/contacts/[^/]+/tags")).inScenario("tags")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("recovered")
                .willReturn(json(503, "{\"statusCode\":503,\"message\":\"unavailable\"}")));
        ghl.stubFor(post(urlPathMatching("/contacts/[^/]+/tags")).inScenario("tags")
                .whenScenarioStateIs("recovered").willReturn(json(201, "{\"tags\":[]}")));
        SyncEvent event = event(appointment, SyncAction.CREATE, "{}", location);

        assertThatThrownBy(() -> syncer.sync(event))
                .isInstanceOfSatisfying(GhlException.class, e -> assertThat(e.retryable()).isTrue());
        // The independent steps ran side by side and were journaled; only the failed one is left for the retry.
        assertThat(countTo("/tasks")).isEqualTo(1);
        assertThat(jdbc.queryForList("select step from sync_step_journal where event_id = :e order by step",
                Map.of("e", event.eventId()), String.class))
                .containsExactly("addNote", "customFields", "task", "upsertContact");
        SyncOutcome outcome = syncer.sync(event);

        assertThat(outcome.notesCreated()).isTrue();
        assertThat(outcome.taskCreated()).isTrue();
        assertThat(ghl.findAll(postRequestedFor(urlPathEqualTo("/contacts/upsert")))).hasSize(1);
        assertThat(countTo("/notes")).isEqualTo(1);
        assertThat(ghl.findAll(putRequestedFor(urlPathEqualTo("/contacts/" + contactId)))).hasSize(1);
        assertThat(countTo("/tags")).isEqualTo(2); // the failed attempt and its retry
        assertThat(countTo("/tasks")).isEqualTo(1);
        assertThat(jdbc.queryForList("select step from sync_step_journal where event_id = :e order by step",
                Map.of("e", event.eventId()), String.class))
                .containsExactly("addNote", "addTags", "customFields", "task", "upsertContact");
    }

    @Test
    void syncingTheSameEventAgainSendsNothingAndReportsTheSameOutcome() {
        String location = newLocation();
        UUID appointment = appointment(customer("Ed", "ed@example.com", null), null, location);
        SyncEvent event = event(appointment, SyncAction.CONFIRM, "{}", location);

        SyncOutcome first = syncer.sync(event);
        int sent = ghl.findAll(anyRequestedFor(anyUrl())).size();
        SyncOutcome second = syncer.sync(event);

        assertThat(ghl.findAll(anyRequestedFor(anyUrl()))).hasSize(sent);
        assertThat(countTo("/notes")).isEqualTo(1);
        assertThat(second).isEqualTo(first);
    }

    @Test
    void aSecondEventThatChangesNothingOnlyWritesItsNote() {
        String location = newLocation();
        UUID appointment = appointment(customer("Fe", "fe@example.com", null), lead(contactId), location);
        syncer.sync(event(appointment, SyncAction.CONFIRM, "{}", location));
        ghl.resetRequests();

        SyncOutcome again = syncer.sync(event(appointment, SyncAction.CONFIRM, "{}", location));

        assertThat(ghl.findAll(anyRequestedFor(anyUrl()))).singleElement()
                .satisfies(r -> assertThat(r.getUrl()).isEqualTo("/contacts/" + contactId + "/notes"));
        assertThat(again.contactUpdated()).isFalse();
        assertThat(again.taskCreated()).isFalse();
        assertThat(again.tagsApplied()).containsExactly("appointment-confirmed");
    }

    @Test
    void aMissingAppointmentIsADataErrorThatIsNotRetried() {
        SyncEvent event = event(UUID.randomUUID(), SyncAction.CREATE, "{}", "loc");

        assertThatThrownBy(() -> syncer.sync(event)).isInstanceOfSatisfying(SyncDataException.class, e -> {
            assertThat(e.retryable()).isFalse();
            assertThat(e.errorClass()).isEqualTo("data");
        });
        assertThat(ghl.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void aCustomerWithoutEmailOrPhoneAndNoContactCannotBeSynced() {
        UUID appointment = appointment(customer("Gi", null, null), null, newLocation());

        assertThatThrownBy(() -> syncer.sync(event(appointment, SyncAction.CREATE, "{}", null)))
                .isInstanceOfSatisfying(SyncDataException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.errorClass()).isEqualTo("no_contact");
                });
        assertThat(ghl.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    // ------------------------------------------------------------------ helpers

    private int countTo(String suffix) {
        return ghl.findAll(postRequestedFor(urlPathEqualTo("/contacts/" + contactId + suffix))).size();
    }

    private LoggedRequest single(RequestPatternBuilder pattern) {
        List<LoggedRequest> found = ghl.findAll(pattern);
        assertThat(found).as("requests matching %s", pattern.build()).hasSize(1);
        return found.get(0);
    }

    private static JsonNode body(LoggedRequest request) {
        try {
            return Json.MAPPER.readTree(request.getBodyAsString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static String newLocation() {
        return "loc-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private UUID customer(String name, String email, String phone) {
        return jdbc.queryForObject("""
                insert into customers (name, email, phone, address) values (:n, :e, :p, 'Main St 1') returning id""",
                new MapSqlParameterSource("n", name).addValue("e", email).addValue("p", phone), UUID.class);
    }

    private UUID lead(String ghlContactId) {
        return jdbc.queryForObject("insert into leads (name, ghl_contact_id) values ('lead', :c) returning id",
                Map.of("c", ghlContactId), UUID.class);
    }

    private UUID appointment(UUID customer, UUID lead, String location) {
        return jdbc.queryForObject("""
                insert into appointments (customer_id, lead_id, location_id, service_type, start_time, end_time)
                values (:c, :l, :loc, 'AC maintenance', :s, :e) returning id""",
                new MapSqlParameterSource("c", customer).addValue("l", lead).addValue("loc", location)
                        .addValue("s", START).addValue("e", END), UUID.class);
    }

    private static SyncEvent event(UUID appointment, SyncAction action, String payload, String location) {
        OffsetDateTime at = OffsetDateTime.parse("2030-03-01T12:00:00Z");
        try {
            return new SyncEvent(1, UUID.randomUUID(), appointment, action, at,
                    SyncEvent.idempotencyKey(appointment, action, at), location, Json.MAPPER.readTree(payload), 1, at);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static SyncStores stores(NamedParameterJdbcTemplate jdbc) {
        return new SyncStores(new AppointmentRepository(jdbc), new CustomerRepository(jdbc), new LeadRepository(jdbc),
                new StepJournalRepository(jdbc), new ContactMirrorRepository(jdbc),
                new AppointmentLinkRepository(jdbc));
    }
}
