package io.ghlsync.booking;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ghlsync.config.Json;
import io.ghlsync.support.TestService;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** The booking API end to end on the real service and a real PostgreSQL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BookingApiTest {

    private static final String CREATE = "/api/appointments/create-with-sync";
    private static final String STATUS = "/api/appointments/status";

    private TestService service;
    private NamedParameterJdbcTemplate db;
    // Each test books its own day, so tests never compete for a slot.
    private final AtomicInteger day = new AtomicInteger();

    @BeforeAll
    void start() {
        service = TestService.builder()
                .property("ghl.location-id", "loc-test")
                // Further locations bookings may name (aBookingNamesItsGhlLocation…; "gone" is uninstalled).
                .property("ghl.location-ids", "locA,locB,gone")
                .property("sync.enabled", "false") // only the outbox rows are checked here, not GHL
                .start();
        db = service.jdbc();
    }

    @AfterAll
    void stop() {
        service.close();
    }

    private String nextStart() {
        return LocalDate.of(2030, 1, 1).plusDays(day.incrementAndGet()) + "T09:00:00+01:00";
    }

    private static String createBody(String email, String start, String extra) {
        return """
                {"customer":{"name":"Jan de Vries","email":"%s","address":"Kerkstraat 1"},
                 "serviceType":"Airco onderhoud","startTime":"%s"%s}""".formatted(email, start, extra);
    }

    private JsonNode json(HttpResponse<String> r) throws Exception {
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/json"));
        return Json.MAPPER.readTree(r.body());
    }

    private JsonNode create(String email, String start, String extra) throws Exception {
        HttpResponse<String> r = service.post(CREATE, createBody(email, start, extra));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return json(r);
    }

    private Map<String, Object> row(String sql, Object id) {
        return db.queryForMap(sql, Map.of("id", id));
    }

    private long count(String table) {
        return db.queryForObject("select count(*) from " + table, Map.of(), Long.class);
    }

    private Map<String, Long> counts() {
        return Map.of("appointments", count("appointments"), "customers", count("customers"),
                "leads", count("leads"), "time_slots", count("time_slots"), "sync_outbox", count("sync_outbox"));
    }

    private HttpResponse<String> status(String id, String status, String reason) {
        return service.post(STATUS, reason == null
                ? "{\"appointmentId\":\"%s\",\"status\":\"%s\"}".formatted(id, status)
                : "{\"appointmentId\":\"%s\",\"status\":\"%s\",\"reason\":\"%s\"}".formatted(id, status, reason));
    }

    // ------------------------------------------------------------------ create

    @Test
    void createStoresCustomerLeadSlotAppointmentAndOutboxEventTogether() throws Exception {
        String start = nextStart();
        JsonNode body = create("create@example.com", start, ",\"notes\":\"attic\"");

        assertThat(body.path("success").asBoolean()).isTrue();
        JsonNode a = body.path("appointment");
        UUID id = UUID.fromString(a.path("id").asText());
        assertThat(a.path("status").asText()).isEqualTo("scheduled");
        assertThat(a.path("version").asInt()).isEqualTo(1);
        assertThat(a.path("serviceType").asText()).isEqualTo("Airco onderhoud");
        assertThat(a.path("address").asText()).isEqualTo("Kerkstraat 1");
        assertThat(a.path("notes").asText()).isEqualTo("attic");
        // endTime defaults to start + booking.default-duration-minutes (60)
        assertThat(a.path("startTime").asText())
                .isEqualTo(java.time.OffsetDateTime.parse(start).withOffsetSameInstant(java.time.ZoneOffset.UTC)
                        .format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        assertThat(java.time.OffsetDateTime.parse(a.path("endTime").asText()).toInstant())
                .isEqualTo(java.time.OffsetDateTime.parse(start).plusHours(1).toInstant());
        assertThat(body.path("sync").path("status").asText()).isEqualTo("queued");

        Map<String, Object> appt = row("select * from appointments where id = :id", id);
        assertThat(appt.get("status")).isEqualTo("scheduled");
        assertThat(appt.get("location_id")).isEqualTo("loc-test");
        assertThat(appt.get("customer_id").toString()).isEqualTo(a.path("customerId").asText());
        assertThat(appt.get("lead_id").toString()).isEqualTo(a.path("leadId").asText());

        Map<String, Object> customer = row("select * from customers where id = :id", appt.get("customer_id"));
        assertThat(customer.get("email")).isEqualTo("create@example.com");
        assertThat(customer.get("name")).isEqualTo("Jan de Vries");

        Map<String, Object> lead = row("select * from leads where id = :id", appt.get("lead_id"));
        assertThat(lead.get("email")).isEqualTo("create@example.com");
        assertThat(lead.get("ghl_contact_id")).isNull();

        Map<String, Object> slot = row("select * from time_slots where id = :id", appt.get("time_slot_id"));
        assertThat(slot.get("status")).isEqualTo("booked");
        assertThat(slot.get("appointment_id")).isEqualTo(id);

        Map<String, Object> event = row("select * from sync_outbox where appointment_id = :id", id);
        assertThat(event.get("event_id").toString()).isEqualTo(body.path("sync").path("eventId").asText());
        assertThat(event.get("action")).isEqualTo("create");
        assertThat(event.get("status")).isEqualTo("PENDING");
        assertThat(event.get("location_id")).isEqualTo("loc-test");
        // written in the same transaction as the appointment
        Long sameTx = db.queryForObject("""
                select count(*) from appointments a join sync_outbox o on o.appointment_id = a.id
                 where a.id = :id and a.xmin = o.xmin""", Map.of("id", id), Long.class);
        assertThat(sameTx).isEqualTo(1);
    }

    @Test
    void secondBookingReusesCustomerAndLeadAndUpdatesName() throws Exception {
        JsonNode first = create("again@example.com", nextStart(), "");
        HttpResponse<String> r = service.post(CREATE, """
                {"customer":{"name":"Jan V.","email":"AGAIN@example.com","address":"Dorpsstraat 9"},
                 "serviceType":"Reparatie","startTime":"%s"}""".formatted(nextStart()));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode second = json(r);
        assertThat(second.at("/appointment/customerId").asText()).isEqualTo(first.at("/appointment/customerId").asText());
        assertThat(second.at("/appointment/leadId").asText()).isEqualTo(first.at("/appointment/leadId").asText());
        Map<String, Object> customer = row("select * from customers where id = :id",
                UUID.fromString(first.at("/appointment/customerId").asText()));
        assertThat(customer.get("name")).isEqualTo("Jan V.");
        assertThat(customer.get("address")).isEqualTo("Dorpsstraat 9");
    }

    @Test
    void customerIsFoundByPhoneWhenNoEmailMatches() throws Exception {
        HttpResponse<String> r1 = service.post(CREATE, """
                {"customer":{"name":"Piet","phone":"+31 20 555 0101"},"serviceType":"x","startTime":"%s"}"""
                .formatted(nextStart()));
        HttpResponse<String> r2 = service.post(CREATE, """
                {"customer":{"name":"Piet","email":"piet@example.com","phone":"+31 20 555 0101"},"serviceType":"x",
                 "startTime":"%s"}""".formatted(nextStart()));
        assertThat(r1.statusCode()).as(r1.body()).isEqualTo(201);
        assertThat(r2.statusCode()).as(r2.body()).isEqualTo(201);
        assertThat(json(r2).at("/appointment/customerId").asText()).isEqualTo(json(r1).at("/appointment/customerId").asText());
    }

    @Test
    void ghlContactIdLinksToOneLeadWithThatContact() throws Exception {
        JsonNode a = create("ghl1@example.com", nextStart(), ",\"ghlContactId\":\"ghl-contact-42\"");
        JsonNode b = create("ghl2@example.com", nextStart(), ",\"ghlContactId\":\"ghl-contact-42\"");
        assertThat(b.at("/appointment/leadId").asText()).isEqualTo(a.at("/appointment/leadId").asText());
        Map<String, Object> lead = row("select * from leads where id = :id", UUID.fromString(a.at("/appointment/leadId").asText()));
        assertThat(lead.get("ghl_contact_id")).isEqualTo("ghl-contact-42");
    }

    @Test
    void givenLeadIdIsUsedAndAnUnknownOneIs422() throws Exception {
        UUID leadId = db.queryForObject("insert into leads (name, email) values ('L', 'lead@example.com') returning id",
                Map.of(), UUID.class);
        JsonNode a = create("withlead@example.com", nextStart(), ",\"leadId\":\"" + leadId + "\"");
        assertThat(a.at("/appointment/leadId").asText()).isEqualTo(leadId.toString());

        Map<String, Long> before = counts();
        HttpResponse<String> r = service.post(CREATE, createBody("withlead@example.com", nextStart(),
                ",\"leadId\":\"" + UUID.randomUUID() + "\""));
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(json(r).at("/details/0/field").asText()).isEqualTo("leadId");
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void bookedSlotIsA409AndNothingIsWritten() throws Exception {
        String start = nextStart();
        create("first@example.com", start, "");
        Map<String, Long> before = counts();
        HttpResponse<String> r = service.post(CREATE, createBody("second@example.com", start, ""));
        assertThat(r.statusCode()).isEqualTo(409);
        JsonNode err = json(r);
        assertThat(err.path("success").asBoolean()).isFalse();
        assertThat(err.path("error").asText()).containsIgnoringCase("time slot already booked");
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void aBookingNamesItsGhlLocationAndEachLocationHasItsOwnCalendar() throws Exception {
        String start = nextStart();
        JsonNode here = create("loc-a@example.com", start, ",\"locationId\":\"locA\"");
        JsonNode there = create("loc-b@example.com", start, ",\"locationId\":\"locB\"");
        JsonNode unnamed = create("loc-default@example.com", start, "");

        String id = here.path("appointment").path("id").asText();
        assertThat(row("select location_id from appointments where id = cast(:id as uuid)", id))
                .containsEntry("location_id", "locA");
        assertThat(row("select location_id from sync_outbox where appointment_id = cast(:id as uuid)", id))
                .containsEntry("location_id", "locA");
        assertThat(row("select l.location_id from leads l join appointments a on a.lead_id = l.id "
                + "where a.id = cast(:id as uuid)", id)).containsEntry("location_id", "locA");
        assertThat(there.path("appointment").path("locationId").asText()).isEqualTo("locB");
        assertThat(unnamed.path("appointment").path("locationId").asText()).isEqualTo("loc-test");

        HttpResponse<String> again = service.post(CREATE, createBody("loc-a2@example.com", start,
                ",\"locationId\":\"locA\""));
        assertThat(again.statusCode()).as("same location, same time").isEqualTo(409);
    }

    @Test
    void aBookingForAnUninstalledLocationIs422AndAMalformedLocationIs400() throws Exception {
        db.update("insert into ghl_locations (location_id, status, uninstalled_at) values ('gone', 'uninstalled', now())",
                Map.of());
        Map<String, Long> before = counts();
        HttpResponse<String> r = service.post(CREATE, createBody("gone@example.com", nextStart(),
                ",\"locationId\":\"gone\""));
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(json(r).path("details").get(0).path("field").asText()).isEqualTo("locationId");

        HttpResponse<String> bad = service.post(CREATE, createBody("bad@example.com", nextStart(),
                ",\"locationId\":\"../etc passwd\""));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("locationId");
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void aBookingForALocationThisServiceDoesNotServeIs422NamingLocationIdAndWritesNothing() throws Exception {
        Map<String, Long> before = counts();
        HttpResponse<String> r = service.post(CREATE, createBody("stranger@example.com", nextStart(),
                ",\"locationId\":\"loc-nobody-configured\""));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
        JsonNode err = json(r);
        assertThat(err.path("success").asBoolean()).isFalse();
        assertThat(err.path("details").get(0).path("field").asText()).isEqualTo("locationId");
        assertThat(counts()).isEqualTo(before);
        assertThat(db.queryForObject("select count(*) from ghl_locations where location_id = 'loc-nobody-configured'",
                Map.of(), Long.class)).isZero();
    }

    @Test
    void concurrentBookingsOfOneSlotGiveExactlyOne201() throws Exception {
        String start = nextStart();
        int threads = 6;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                String email = "racer" + i + "@example.com";
                Callable<Integer> call = () -> {
                    go.await();
                    return service.post(CREATE, createBody(email, start, "")).statusCode();
                };
                results.add(pool.submit(call));
            }
            go.countDown();
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> f : results) {
                codes.add(f.get());
            }
            assertThat(codes).filteredOn(c -> c == 201).hasSize(1);
            assertThat(codes).filteredOn(c -> c == 409).hasSize(threads - 1);
        } finally {
            pool.shutdownNow();
        }
        Long booked = db.queryForObject("""
                select count(*) from appointments where start_time = cast(:start as timestamptz)""",
                Map.of("start", start), Long.class);
        assertThat(booked).isEqualTo(1);
    }

    // ------------------------------------------------------------------ validation

    @Test
    void invalidCreateIs400NamingEachFieldAndWritesNothing() throws Exception {
        Map<String, Long> before = counts();
        HttpResponse<String> r = service.post(CREATE, """
                {"customer":{"name":"","email":"nope"},"serviceType":"","startTime":"2030-01-01T09:00:00",
                 "endTime":"2030-01-01T08:00:00Z","extra":true}""");
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode err = json(r);
        assertThat(err.path("success").asBoolean()).isFalse();
        List<String> fields = new ArrayList<>();
        err.path("details").forEach(d -> fields.add(d.path("field").asText()));
        assertThat(fields).contains("customer.name", "customer.email", "serviceType", "startTime", "extra");
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void endTimeNotAfterStartTimeIs400() throws Exception {
        HttpResponse<String> r = service.post(CREATE, createBody("order@example.com", "2030-05-01T10:00:00Z",
                ",\"endTime\":\"2030-05-01T10:00:00Z\""));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).at("/details/0/field").asText()).isEqualTo("endTime");
    }

    @Test
    void customerWithoutEmailOrPhoneIs400() throws Exception {
        HttpResponse<String> r = service.post(CREATE, """
                {"customer":{"name":"Anon"},"serviceType":"x","startTime":"2030-05-02T10:00:00Z"}""");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).at("/details/0/field").asText()).isEqualTo("customer");
    }

    @Test
    void malformedJsonIs400Json() throws Exception {
        Map<String, Long> before = counts();
        HttpResponse<String> r = service.post(CREATE, "{\"customer\": {");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).path("error").asText()).startsWith("Malformed JSON");
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void wrongOrMissingContentTypeIs415Json() throws Exception {
        Map<String, Long> before = counts();
        String body = createBody("ct@example.com", nextStart(), "");
        HttpResponse<String> wrong = service.post(CREATE, body, "Content-Type", "text/plain");
        assertThat(wrong.statusCode()).isEqualTo(415);
        assertThat(json(wrong).path("success").asBoolean()).isFalse();
        HttpResponse<String> missing = service.send(HttpRequest.newBuilder(URI.create(service.url(CREATE)))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertThat(missing.statusCode()).isEqualTo(415);
        assertThat(json(missing).path("error").asText()).contains("application/json");
        HttpResponse<String> patch = service.patch("/api/appointments/" + UUID.randomUUID(), "{\"notes\":\"x\"}",
                "Content-Type", "application/xml");
        assertThat(patch.statusCode()).isEqualTo(415);
        assertThat(counts()).isEqualTo(before);
        HttpResponse<String> withCharset = service.post(CREATE, body, "Content-Type", "application/json; charset=utf-8");
        assertThat(withCharset.statusCode()).as(withCharset.body()).isEqualTo(201);
    }

    // ------------------------------------------------------------------ status

    @Test
    void confirmThenCompleteQueuesEventsAndSetsLastServiceDate() throws Exception {
        String start = nextStart();
        JsonNode created = create("complete@example.com", start, "");
        String id = created.at("/appointment/id").asText();

        HttpResponse<String> confirm = status(id, "confirmed", null);
        assertThat(confirm.statusCode()).as(confirm.body()).isEqualTo(200);
        JsonNode c = json(confirm);
        assertThat(c.at("/appointment/status").asText()).isEqualTo("confirmed");
        assertThat(c.at("/appointment/version").asInt()).isEqualTo(2);
        assertThat(c.at("/sync/status").asText()).isEqualTo("queued");

        HttpResponse<String> done = status(id, "completed", "all good");
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        JsonNode d = json(done);

        List<Map<String, Object>> events = db.queryForList("""
                select action, payload::text as payload, event_id from sync_outbox where appointment_id = :id order by id""",
                Map.of("id", UUID.fromString(id)));
        assertThat(events).extracting(e -> e.get("action")).containsExactly("create", "confirm", "complete");
        assertThat(Json.MAPPER.readTree((String) events.get(2).get("payload")).path("reason").asText()).isEqualTo("all good");
        assertThat(events.get(2).get("event_id").toString()).isEqualTo(d.at("/sync/eventId").asText());

        Object lastService = db.queryForObject("select last_service_date from customers where id = :id",
                Map.of("id", UUID.fromString(created.at("/appointment/customerId").asText())), Object.class);
        assertThat(lastService.toString()).isEqualTo(start.substring(0, 10));
        // completed keeps the slot booked: the time was used
        assertThat(row("select status from time_slots where appointment_id = :id", UUID.fromString(id)).get("status"))
                .isEqualTo("booked");
    }

    @Test
    void cancellingFreesTheSlotForAnotherBooking() throws Exception {
        String start = nextStart();
        JsonNode created = create("cancel@example.com", start, "");
        String id = created.at("/appointment/id").asText();
        UUID slotId = UUID.fromString(created.at("/appointment/timeSlotId").asText());

        HttpResponse<String> r = status(id, "cancelled", "Customer is ill");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).at("/appointment/statusReason").asText()).isEqualTo("Customer is ill");
        Map<String, Object> slot = row("select * from time_slots where id = :id", slotId);
        assertThat(slot.get("status")).isEqualTo("available");
        assertThat(slot.get("appointment_id")).isNull();
        Map<String, Object> event = db.queryForMap("""
                select action, payload::text as payload from sync_outbox where appointment_id = :id order by id desc limit 1""",
                Map.of("id", UUID.fromString(id)));
        assertThat(event.get("action")).isEqualTo("cancel");
        assertThat(Json.MAPPER.readTree((String) event.get("payload")).path("reason").asText()).isEqualTo("Customer is ill");

        JsonNode again = create("other@example.com", start, "");
        assertThat(again.at("/appointment/timeSlotId").asText()).isEqualTo(slotId.toString());
    }

    @Test
    void noShowIsQueuedAsUpdateWithStatusChange() throws Exception {
        String id = create("noshow@example.com", nextStart(), "").at("/appointment/id").asText();
        assertThat(status(id, "no_show", null).statusCode()).isEqualTo(200);
        Map<String, Object> event = db.queryForMap("""
                select action, payload::text as payload from sync_outbox where appointment_id = :id order by id desc limit 1""",
                Map.of("id", UUID.fromString(id)));
        assertThat(event.get("action")).isEqualTo("update");
        assertThat(Json.MAPPER.readTree((String) event.get("payload")))
                .isEqualTo(Json.MAPPER.readTree("{\"changes\":{\"status\":{\"from\":\"scheduled\",\"to\":\"no_show\"}}}"));
    }

    @Test
    void sameStatusAgainIs200WithoutNewEvent() throws Exception {
        String id = create("idem@example.com", nextStart(), "").at("/appointment/id").asText();
        assertThat(status(id, "confirmed", null).statusCode()).isEqualTo(200);
        long events = count("sync_outbox");
        HttpResponse<String> again = status(id, "confirmed", null);
        assertThat(again.statusCode()).isEqualTo(200);
        JsonNode body = json(again);
        assertThat(body.path("sync").isNull()).isTrue();
        assertThat(body.at("/appointment/version").asInt()).isEqualTo(2);
        assertThat(count("sync_outbox")).isEqualTo(events);
    }

    @Test
    void leavingAFinalStatusIs409NamingFromAndTo() throws Exception {
        String id = create("final@example.com", nextStart(), "").at("/appointment/id").asText();
        assertThat(status(id, "cancelled", null).statusCode()).isEqualTo(200);
        long events = count("sync_outbox");
        HttpResponse<String> r = status(id, "confirmed", null);
        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(json(r).path("error").asText()).contains("cancelled").contains("confirmed");
        HttpResponse<String> back = status(create("back@example.com", nextStart(), "").at("/appointment/id").asText(),
                "confirmed", null);
        assertThat(back.statusCode()).isEqualTo(200);
        HttpResponse<String> toScheduled = status(json(back).at("/appointment/id").asText(), "scheduled", null);
        assertThat(toScheduled.statusCode()).isEqualTo(409);
        assertThat(count("sync_outbox")).isEqualTo(events + 2); // the create and confirm of "back" only
    }

    @Test
    void staleVersionIs409AndUnknownAppointmentIs404() throws Exception {
        String id = create("stale@example.com", nextStart(), "").at("/appointment/id").asText();
        HttpResponse<String> stale = service.post(STATUS,
                "{\"appointmentId\":\"%s\",\"status\":\"confirmed\",\"version\":7}".formatted(id));
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(json(stale).path("error").asText()).contains("concurrently");
        HttpResponse<String> missing = status(UUID.randomUUID().toString(), "confirmed", null);
        assertThat(missing.statusCode()).isEqualTo(404);
        HttpResponse<String> invalid = service.post(STATUS, "{\"appointmentId\":\"abc\",\"status\":\"gone\"}");
        assertThat(invalid.statusCode()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        json(invalid).path("details").forEach(d -> fields.add(d.path("field").asText()));
        assertThat(fields).containsExactly("appointmentId", "status");
    }

    // ------------------------------------------------------------------ patch

    @Test
    void rescheduleMovesTheSlotAndQueuesTheChanges() throws Exception {
        JsonNode created = create("move@example.com", nextStart(), "");
        String id = created.at("/appointment/id").asText();
        UUID oldSlot = UUID.fromString(created.at("/appointment/timeSlotId").asText());
        String newStart = nextStart();

        HttpResponse<String> r = service.patch("/api/appointments/" + id,
                "{\"startTime\":\"%s\",\"notes\":\"afternoon please\"}".formatted(newStart));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = json(r);
        assertThat(body.at("/appointment/version").asInt()).isEqualTo(2);
        assertThat(body.at("/sync/status").asText()).isEqualTo("queued");
        UUID newSlot = UUID.fromString(body.at("/appointment/timeSlotId").asText());
        assertThat(newSlot).isNotEqualTo(oldSlot);
        assertThat(row("select * from time_slots where id = :id", oldSlot).get("status")).isEqualTo("available");
        assertThat(row("select * from time_slots where id = :id", newSlot).get("appointment_id")).isEqualTo(UUID.fromString(id));

        Map<String, Object> event = db.queryForMap("""
                select action, payload::text as payload from sync_outbox where appointment_id = :id order by id desc limit 1""",
                Map.of("id", UUID.fromString(id)));
        assertThat(event.get("action")).isEqualTo("update");
        JsonNode changes = Json.MAPPER.readTree((String) event.get("payload")).path("changes");
        assertThat(changes.has("startTime")).isTrue();
        assertThat(changes.has("endTime")).isTrue();
        assertThat(changes.at("/notes/from").isNull()).isTrue();
        assertThat(changes.at("/notes/to").asText()).isEqualTo("afternoon please");
        assertThat(changes.has("serviceType")).isFalse();
    }

    @Test
    void rescheduleOntoABookedSlotIs409AndChangesNothing() throws Exception {
        String taken = nextStart();
        create("holder@example.com", taken, "");
        JsonNode mover = create("mover@example.com", nextStart(), "");
        String id = mover.at("/appointment/id").asText();
        Map<String, Long> before = counts();
        HttpResponse<String> r = service.patch("/api/appointments/" + id, "{\"startTime\":\"%s\"}".formatted(taken));
        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(counts()).isEqualTo(before);
        assertThat(row("select version from appointments where id = :id", UUID.fromString(id)).get("version")).isEqualTo(1);
    }

    @Test
    void patchWithoutRealChangeIs200WithoutEvent() throws Exception {
        JsonNode created = create("same@example.com", nextStart(), "");
        String id = created.at("/appointment/id").asText();
        long events = count("sync_outbox");
        HttpResponse<String> r = service.patch("/api/appointments/" + id,
                "{\"serviceType\":\"Airco onderhoud\",\"startTime\":\"%s\"}".formatted(created.at("/appointment/startTime").asText()));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).path("sync").isNull()).isTrue();
        assertThat(json(r).at("/appointment/version").asInt()).isEqualTo(1);
        assertThat(count("sync_outbox")).isEqualTo(events);
    }

    @Test
    void cancelledAppointmentCannotBeEdited() throws Exception {
        String id = create("noedit@example.com", nextStart(), "").at("/appointment/id").asText();
        assertThat(status(id, "cancelled", null).statusCode()).isEqualTo(200);
        HttpResponse<String> r = service.patch("/api/appointments/" + id, "{\"notes\":\"x\"}");
        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(json(r).path("error").asText()).contains("cancelled");
    }

    @Test
    void invalidPatchIs400AndUnknownIdIs404() throws Exception {
        String id = create("badpatch@example.com", nextStart(), "").at("/appointment/id").asText();
        HttpResponse<String> bad = service.patch("/api/appointments/" + id, "{\"serviceType\":\"\",\"status\":\"x\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        json(bad).path("details").forEach(d -> fields.add(d.path("field").asText()));
        assertThat(fields).containsExactly("serviceType", "status");
        assertThat(service.patch("/api/appointments/" + UUID.randomUUID(), "{\"notes\":\"x\"}").statusCode()).isEqualTo(404);
        assertThat(service.patch("/api/appointments/not-a-uuid", "{\"notes\":\"x\"}").statusCode()).isEqualTo(400);
    }

    // ------------------------------------------------------------------ get

    @Test
    void getReturnsTheAppointmentWithItsSyncEvents() throws Exception {
        JsonNode created = create("get@example.com", nextStart(), "");
        String id = created.at("/appointment/id").asText();
        status(id, "confirmed", null);
        db.update("update sync_outbox set status = 'DEAD', attempts = 4, last_error = 'GHL 500' where event_id = :e",
                Map.of("e", UUID.fromString(created.at("/sync/eventId").asText())));

        HttpResponse<String> r = service.get("/api/appointments/" + id);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = json(r);
        assertThat(body.at("/appointment/id").asText()).isEqualTo(id);
        assertThat(body.at("/appointment/status").asText()).isEqualTo("confirmed");
        JsonNode events = body.path("syncEvents");
        assertThat(events).hasSize(2);
        assertThat(events.get(0).path("action").asText()).isEqualTo("confirm");
        assertThat(events.get(0).path("status").asText()).isEqualTo("PENDING");
        assertThat(events.get(1).path("eventId").asText()).isEqualTo(created.at("/sync/eventId").asText());
        assertThat(events.get(1).path("status").asText()).isEqualTo("DEAD");
        assertThat(events.get(1).path("attempts").asInt()).isEqualTo(4);
        assertThat(events.get(1).path("lastError").asText()).isEqualTo("GHL 500");

        assertThat(service.get("/api/appointments/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
        assertThat(service.get("/api/appointments/123").statusCode()).isEqualTo(400);
    }

    // ------------------------------------------------------------------ openapi

    @Test
    void openApiDocumentListsTheBookingEndpoints() throws Exception {
        HttpResponse<String> r = service.get("/api/openapi.json");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode doc = Json.MAPPER.readTree(r.body());
        JsonNode paths = doc.path("paths");
        JsonNode create = paths.path("/api/appointments/create-with-sync").path("post");
        assertThat(create.path("summary").asText()).contains("Book an appointment");
        assertThat(create.at("/requestBody/content/application~1json/example").asText()).contains("\"customer\"");
        assertThat(create.path("responses").has("201")).isTrue();
        assertThat(create.at("/responses/201/content/application~1json/examples").toString()).contains("queued");
        assertThat(create.path("responses").has("415")).isTrue();
        assertThat(paths.path("/api/appointments/status").path("post").path("responses").has("409")).isTrue();
        assertThat(paths.path("/api/appointments/{id}").has("patch")).isTrue();
        assertThat(paths.path("/api/appointments/{id}").path("get").path("summary").asText()).contains("sync events");
    }
}
