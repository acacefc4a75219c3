package io.ghlsync.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ghlsync.config.Json;
import io.ghlsync.support.TestService;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookHandlingTest {

    private final WebhookKeys keys = new WebhookKeys();
    private TestService service;
    private NamedParameterJdbcTemplate jdbc;

    @BeforeAll
    void start() {
        service = TestService.builder()
                .property("webhook.ed25519-public-key", keys.ed25519PublicBase64())
                .property("webhook.rsa-public-key", keys.rsaPublicPem())
                // The events below are for loc-9: a location this service syncs with besides the default one.
                .property("ghl.location-ids", "loc-9")
                .property("webhook.inbox.poll-ms", 20)
                .property("webhook.handler.max-redeliveries", 2)
                .property("webhook.handler.redelivery-delay-ms", 10)
                .start();
        jdbc = service.jdbc();
    }

    @AfterAll
    void stop() {
        service.close();
    }

    /** Sends a signed webhook and waits until the handler finished it; returns the inbox row. */
    Map<String, Object> deliver(ObjectNode event) {
        byte[] body = event.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        HttpResponse<String> r = service.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(service.url("/gohighlevel-webhook")))
                .header("Content-Type", "application/json")
                .header("X-GHL-Signature", keys.signEd25519(body))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        String id = event.get("webhookId").asText();
        return await().atMost(Duration.ofSeconds(10)).until(
                () -> jdbc.queryForMap("select status, outcome, attempts from webhook_inbox where webhook_id = :id",
                        Map.of("id", id)),
                row -> !"PENDING".equals(row.get("status")) && !"PROCESSING".equals(row.get("status")));
    }

    static ObjectNode contact(String type, String contactId) {
        return Json.MAPPER.createObjectNode()
                .put("type", type)
                .put("webhookId", UUID.randomUUID().toString())
                .put("timestamp", Instant.now().toString())
                .put("locationId", "loc-9")
                .put("id", contactId);
    }

    Map<String, Object> lead(String contactId) {
        return jdbc.queryForMap("select id, name, email, phone, address, tags::text as tags, location_id, source, "
                + "ghl_date_updated, deleted_at from leads where ghl_contact_id = :c", Map.of("c", contactId));
    }

    // ------------------------------------------------------------------ contacts

    @Test
    void contactCreateAddsALeadWithTheMappedFields() {
        String cid = "c-" + UUID.randomUUID();
        ObjectNode e = contact("ContactCreate", cid).put("firstName", "Zoë").put("lastName", "Ångström")
                .put("email", "zoe@example.com").put("phone", "+31612345678").put("address1", "Keizersgracht 1")
                .put("dateUpdated", "2026-11-01T10:00:00.000Z");
        e.putArray("tags").add("vip").add("airco");
        Map<String, Object> row = deliver(e);
        assertThat(row.get("status")).isEqualTo("DONE");
        Map<String, Object> lead = lead(cid);
        assertThat(lead.get("name")).isEqualTo("Zoë Ångström");
        assertThat(lead.get("email")).isEqualTo("zoe@example.com");
        assertThat(lead.get("phone")).isEqualTo("+31612345678");
        assertThat(lead.get("address")).isEqualTo("Keizersgracht 1");
        assertThat(lead.get("tags")).isEqualTo("[\"vip\", \"airco\"]");
        assertThat(lead.get("location_id")).isEqualTo("loc-9");
        assertThat(lead.get("source")).isEqualTo("gohighlevel");
        assertThat(((Timestamp) lead.get("ghl_date_updated")).toInstant()).isEqualTo("2026-11-01T10:00:00Z");
    }

    @Test
    void contactUpdateLinksTheExistingLeadByEmailThenByPhone() {
        UUID byEmail = jdbc.queryForObject("insert into leads (name, email) values ('Booked', 'Mixed.Case@example.com') "
                + "returning id", Map.of(), UUID.class);
        UUID byPhone = jdbc.queryForObject("insert into leads (name, phone) values ('Caller', '+3120555') returning id",
                Map.of(), UUID.class);
        String c1 = "c-" + UUID.randomUUID();
        String c2 = "c-" + UUID.randomUUID();
        deliver(contact("ContactUpdate", c1).put("email", "mixed.case@example.com").put("name", "From GHL"));
        deliver(contact("ContactUpdate", c2).put("phone", "+3120555"));
        assertThat(lead(c1).get("id")).isEqualTo(byEmail);
        assertThat(lead(c1).get("name")).isEqualTo("From GHL");
        assertThat(lead(c2).get("id")).isEqualTo(byPhone);
        assertThat(lead(c2).get("name")).as("fields GHL did not send keep their value").isEqualTo("Caller");
    }

    @Test
    void contactTagUpdateReplacesTheTagsAndDeleteOnlyMarksTheLead() {
        String cid = "c-" + UUID.randomUUID();
        deliver(contact("ContactCreate", cid).put("email", "tags@example.com"));
        ObjectNode tags = contact("ContactTagUpdate", cid).put("email", "ignored-for-tags@example.com");
        tags.putArray("tags").add("new-tag");
        deliver(tags);
        assertThat(lead(cid).get("tags")).isEqualTo("[\"new-tag\"]");
        assertThat(lead(cid).get("email")).isEqualTo("tags@example.com");

        Map<String, Object> deleted = deliver(contact("ContactDelete", cid));
        assertThat(deleted.get("status")).isEqualTo("DONE");
        assertThat(lead(cid).get("deleted_at")).isNotNull();
    }

    @Test
    void anOlderContactChangeDoesNotOverwriteANewerOne() {
        String cid = "c-" + UUID.randomUUID();
        deliver(contact("ContactCreate", cid).put("name", "Newest").put("dateUpdated", "2026-11-02T00:00:00Z"));
        Map<String, Object> row = deliver(contact("ContactUpdate", cid).put("name", "Older")
                .put("dateUpdated", "2026-11-01T00:00:00Z"));
        assertThat(row.get("status")).isEqualTo("IGNORED");
        assertThat(lead(cid).get("name")).isEqualTo("Newest");
    }

    @Test
    void tagUpdateOfAnUnknownContactIsIgnoredWithAReason() {
        Map<String, Object> row = deliver(contact("ContactTagUpdate", "c-unknown-" + UUID.randomUUID()));
        assertThat(row.get("status")).isEqualTo("IGNORED");
        assertThat((String) row.get("outcome")).contains("no lead");
    }

    // ------------------------------------------------------------------ appointments

    record Booking(UUID appointmentId, UUID slotId, String ghlId, OffsetDateTime start, OffsetDateTime end) {}

    Booking booking(String status) {
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS)
                .plusDays(3).plusMinutes((long) (Math.random() * 100000) * 60);
        OffsetDateTime end = start.plusHours(1);
        UUID customer = jdbc.queryForObject("insert into customers (name) values ('Klant') returning id", Map.of(),
                UUID.class);
        UUID slot = jdbc.queryForObject("insert into time_slots (start_time, end_time, status) values (:s, :e, "
                + "'booked') returning id", new MapSqlParameterSource("s", start).addValue("e", end), UUID.class);
        String ghlId = "g-" + UUID.randomUUID();
        UUID appt = jdbc.queryForObject("insert into appointments (customer_id, time_slot_id, service_type, start_time,"
                + " end_time, status, ghl_appointment_id) values (:c, :slot, 'installatie', :s, :e, :st, :g) returning id",
                new MapSqlParameterSource("c", customer).addValue("slot", slot).addValue("s", start)
                        .addValue("e", end).addValue("st", status).addValue("g", ghlId), UUID.class);
        jdbc.update("update time_slots set appointment_id = :a where id = :s", Map.of("a", appt, "s", slot));
        return new Booking(appt, slot, ghlId, start, end);
    }

    static ObjectNode appointment(String type, String ghlId, String status, OffsetDateTime start,
            OffsetDateTime end, String dateUpdated) {
        ObjectNode e = Json.MAPPER.createObjectNode().put("type", type)
                .put("webhookId", UUID.randomUUID().toString()).put("locationId", "loc-9");
        ObjectNode a = e.putObject("appointment").put("id", ghlId).put("appointmentStatus", status)
                .put("calendarId", "cal").put("contactId", "c")
                // GHL writes local times with an offset; the instant is what counts.
                .put("startTime", start.withOffsetSameInstant(ZoneOffset.ofHoursMinutes(5, 30)).toString())
                .put("endTime", end.withOffsetSameInstant(ZoneOffset.ofHoursMinutes(5, 30)).toString());
        if (dateUpdated != null) {
            a.put("dateUpdated", dateUpdated);
        }
        return e;
    }

    Map<String, Object> appt(UUID id) {
        return jdbc.queryForMap("select status, start_time, end_time, version, updated_at, ghl_date_updated "
                + "from appointments where id = :id", Map.of("id", id));
    }

    long outboxRows(UUID appointmentId) {
        return jdbc.queryForObject("select count(*) from sync_outbox where appointment_id = :a",
                Map.of("a", appointmentId), Long.class);
    }

    @Test
    void cancellationInGhlCancelsTheBookingAndFreesItsSlot() {
        Booking b = booking("confirmed");
        Map<String, Object> row = deliver(appointment("AppointmentUpdate", b.ghlId(), "cancelled", b.start(), b.end(),
                "2026-11-29T10:00:00Z"));
        assertThat(row.get("status")).isEqualTo("DONE");
        assertThat((String) row.get("outcome")).contains("slot freed");
        Map<String, Object> a = appt(b.appointmentId());
        assertThat(a.get("status")).isEqualTo("cancelled");
        assertThat(a.get("version")).isEqualTo(2);
        Map<String, Object> slot = jdbc.queryForMap("select status, appointment_id from time_slots where id = :id",
                Map.of("id", b.slotId()));
        assertThat(slot.get("status")).isEqualTo("available");
        assertThat(slot.get("appointment_id")).isNull();
    }

    @Test
    void appointmentDeleteCancelsAndRescheduleMovesTheTimes() {
        Booking moved = booking("scheduled");
        OffsetDateTime newStart = moved.start().plusDays(1);
        deliver(appointment("AppointmentUpdate", moved.ghlId(), "showed", newStart, newStart.plusMinutes(90), null));
        Map<String, Object> a = appt(moved.appointmentId());
        assertThat(a.get("status")).isEqualTo("completed");
        assertThat(((Timestamp) a.get("start_time")).toInstant()).isEqualTo(newStart.toInstant());
        assertThat(((Timestamp) a.get("end_time")).toInstant()).isEqualTo(newStart.plusMinutes(90).toInstant());

        Booking deleted = booking("confirmed");
        deliver(appointment("AppointmentDelete", deleted.ghlId(), "confirmed", deleted.start(), deleted.end(), null));
        assertThat(appt(deleted.appointmentId()).get("status")).isEqualTo("cancelled");
    }

    Map<String, Object> slotOf(UUID slotId) {
        return jdbc.queryForMap("select status, appointment_id, start_time from time_slots where id = :id",
                Map.of("id", slotId));
    }

    UUID heldSlot(UUID appointmentId) {
        return jdbc.queryForObject("select time_slot_id from appointments where id = :id", Map.of("id", appointmentId),
                UUID.class);
    }

    @Test
    void aRescheduleInGhlMovesTheBookingsSlotSoTheOldTimeIsFreeAndTheNewOneHeld() {
        Booking b = booking("confirmed");
        OffsetDateTime newStart = b.start().plusDays(2);
        Map<String, Object> row = deliver(appointment("AppointmentUpdate", b.ghlId(), "confirmed", newStart,
                newStart.plusHours(1), "2026-11-29T12:00:00Z"));

        assertThat((String) row.get("outcome")).contains("slot moved");
        assertThat(slotOf(b.slotId())).containsEntry("status", "available").containsEntry("appointment_id", null);
        UUID newSlot = heldSlot(b.appointmentId());
        assertThat(newSlot).isNotEqualTo(b.slotId());
        assertThat(slotOf(newSlot)).containsEntry("status", "booked")
                .containsEntry("appointment_id", b.appointmentId());
        assertThat(((Timestamp) slotOf(newSlot).get("start_time")).toInstant()).isEqualTo(newStart.toInstant());
    }

    @Test
    void aRescheduleInGhlOntoATimeAnotherBookingHoldsIsAppliedAndTheClashNamed() {
        Booking other = booking("scheduled");
        Booking moved = booking("scheduled");
        Map<String, Object> row = deliver(appointment("AppointmentUpdate", moved.ghlId(), "scheduled", other.start(),
                other.end(), "2026-11-29T12:30:00Z"));

        assertThat(row.get("status")).isEqualTo("DONE");
        assertThat((String) row.get("outcome")).contains("already booked by appointment " + other.appointmentId());
        assertThat(((Timestamp) appt(moved.appointmentId()).get("start_time")).toInstant())
                .isEqualTo(other.start().toInstant());
        assertThat(slotOf(other.slotId())).containsEntry("appointment_id", other.appointmentId());
        assertThat(slotOf(moved.slotId())).containsEntry("status", "available");
        assertThat(heldSlot(moved.appointmentId())).isNull();
    }

    @Test
    void noPingPongGhlChangesAreNotSentBackAndEchoesWriteNothing() {
        Booking b = booking("scheduled");
        // A change made in GHL is applied locally but queues nothing for GHL.
        deliver(appointment("AppointmentUpdate", b.ghlId(), "confirmed", b.start(), b.end(), "2026-11-29T11:00:00Z"));
        Map<String, Object> applied = appt(b.appointmentId());
        assertThat(applied.get("status")).isEqualTo("confirmed");
        assertThat(outboxRows(b.appointmentId())).isZero();

        // GHL echoes the same state again (e.g. its own event for a write ghl-sync made): nothing is written.
        Map<String, Object> echo = deliver(appointment("AppointmentUpdate", b.ghlId(), "confirmed", b.start(), b.end(),
                "2026-11-29T11:05:00Z"));
        assertThat(echo.get("status")).isEqualTo("DONE");
        assertThat((String) echo.get("outcome")).startsWith("unchanged");
        Map<String, Object> after = appt(b.appointmentId());
        assertThat(after.get("version")).isEqualTo(applied.get("version"));
        assertThat(after.get("updated_at")).isEqualTo(applied.get("updated_at"));
        assertThat(after.get("ghl_date_updated")).isEqualTo(applied.get("ghl_date_updated"));
        assertThat(outboxRows(b.appointmentId())).isZero();
    }

    @Test
    void theLastGhlWriterWinsByDateUpdated() {
        Booking b = booking("scheduled");
        deliver(appointment("AppointmentUpdate", b.ghlId(), "confirmed", b.start(), b.end(), "2026-11-29T12:00:00Z"));
        Map<String, Object> stale = deliver(appointment("AppointmentUpdate", b.ghlId(), "cancelled", b.start(),
                b.end(), "2026-11-29T11:59:59Z"));
        assertThat(stale.get("status")).isEqualTo("IGNORED");
        assertThat(appt(b.appointmentId()).get("status")).isEqualTo("confirmed");
    }

    @Test
    void unlinkedAppointmentsAndUnknownTypesAreStoredAsIgnoredWithAReason() {
        Map<String, Object> unlinked = deliver(appointment("AppointmentCreate", "g-nobody-" + UUID.randomUUID(),
                "confirmed", OffsetDateTime.now(), OffsetDateTime.now().plusHours(1), null));
        assertThat(unlinked.get("status")).isEqualTo("IGNORED");
        assertThat((String) unlinked.get("outcome")).contains("not linked");

        Map<String, Object> unknown = deliver(Json.MAPPER.createObjectNode().put("type", "OpportunityCreate")
                .put("webhookId", UUID.randomUUID().toString()).put("locationId", "loc-9"));
        assertThat(unknown.get("status")).isEqualTo("IGNORED");
        assertThat((String) unknown.get("outcome")).contains("OpportunityCreate");
    }

    // ------------------------------------------------------------------ inbox mechanics

    long storeDirectly(String webhookId, String entityKey, String status, String leaseSql) {
        String body = "{\"type\":\"NoteCreate\",\"id\":\"" + webhookId + "\"}";
        return jdbc.queryForObject("insert into webhook_inbox (webhook_id, type, entity_key, raw_body, "
                + "signature, status, lease_until) values (:w, 'NoteCreate', :k, :b, 'ed25519', "
                + ":s, " + leaseSql + ") returning id",
                new MapSqlParameterSource("w", webhookId).addValue("k", entityKey).addValue("b", body)
                        .addValue("s", status), Long.class);
    }

    String status(long id) {
        return jdbc.queryForObject("select status from webhook_inbox where id = :id", Map.of("id", id), String.class);
    }

    @Test
    void aClaimWhoseWorkerDiedIsClaimedAgainWhenItsLeaseRunsOut() {
        long id = storeDirectly("crashed-" + UUID.randomUUID(), null, "PROCESSING", "now() - interval '1 minute'");
        await().atMost(Duration.ofSeconds(10)).until(() -> status(id), s -> s.equals("IGNORED"));
    }

    @Test
    void aLaterEventOfTheSameObjectWaitsUntilTheEarlierOneIsFinished() {
        String key = "contact:order-" + UUID.randomUUID();
        long first = storeDirectly("first-" + UUID.randomUUID(), key, "PROCESSING", "now() + interval '1 hour'");
        long second = storeDirectly("second-" + UUID.randomUUID(), key, "PENDING", "null");
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> status(second),
                s -> s.equals("PENDING"));
        jdbc.update("update webhook_inbox set status = 'DONE', lease_until = null where id = :id", Map.of("id", first));
        await().atMost(Duration.ofSeconds(10)).until(() -> status(second), s -> s.equals("IGNORED"));
    }

    @Test
    void anUnreadableTimeIsIgnoredWithTheReasonAndChangesNothing() {
        Booking b = booking("scheduled");
        ObjectNode e = appointment("AppointmentUpdate", b.ghlId(), "cancelled", b.start(), b.end(), null);
        ((ObjectNode) e.get("appointment")).put("startTime", "tomorrow morning");
        Map<String, Object> row = deliver(e);
        assertThat(row.get("status")).isEqualTo("IGNORED");
        assertThat((String) row.get("outcome")).contains("startTime");
        assertThat(appt(b.appointmentId()).get("status")).isEqualTo("scheduled");
    }

    @Test
    void aWebhookWhoseHandlingKeepsFailingEndsDeadWithTheReason() {
        // A real database failure: this trigger refuses one particular lead.
        jdbc.getJdbcTemplate().execute("create or replace function refuse_lead() returns trigger language plpgsql as "
                + "$$ begin if new.name = 'Refused By Trigger' then raise exception 'lead refused by test trigger'; "
                + "end if; return new; end $$");
        jdbc.getJdbcTemplate().execute("create trigger refuse_lead before insert or update on leads for each row "
                + "execute function refuse_lead()");
        try {
            Map<String, Object> row = deliver(contact("ContactCreate", "c-" + UUID.randomUUID())
                    .put("name", "Refused By Trigger"));
            assertThat(row.get("status")).isEqualTo("DEAD");
            assertThat((String) row.get("outcome")).contains("lead refused by test trigger");
        } finally {
            jdbc.getJdbcTemplate().execute("drop trigger refuse_lead on leads");
        }
    }

    // ------------------------------------------------------------------ events not for this service

    /** ghlsync_webhook_ignored_total{reason} as /observe/metrics shows it. */
    static double ignoredTotal(TestService service, String reason) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "(?m)^ghlsync_webhook_ignored_total\\{[^}]*reason=\"" + reason + "\"[^}]*\\} (\\S+)$")
                .matcher(service.get("/observe/metrics").body());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    @Test
    void aValidlySignedEventForALocationNotServedIsAnswered200AndIgnoredAndChangesNoLead() {
        // The attack: another app's contact event, forwarded, whose email matches one of our leads.
        UUID ours = jdbc.queryForObject("insert into leads (name, email, location_id) values ('Ours', "
                + "'shared@example.com', 'loc-9') returning id", Map.of(), UUID.class);
        double before = ignoredTotal(service, "location_not_served");
        String cid = "c-stranger-" + UUID.randomUUID();
        ObjectNode e = contact("ContactUpdate", cid).put("locationId", "loc-of-a-stranger")
                .put("email", "shared@example.com").put("name", "Overwritten");

        Map<String, Object> row = deliver(e); // asserts the 200
        assertThat(row.get("status")).isEqualTo("IGNORED");
        assertThat(row.get("outcome")).isEqualTo("location not served");
        assertThat(jdbc.queryForMap("select name, ghl_contact_id, location_id from leads where id = :id",
                Map.of("id", ours))).containsEntry("name", "Ours").containsEntry("ghl_contact_id", null)
                .containsEntry("location_id", "loc-9");
        assertThat(jdbc.queryForObject("select count(*) from leads where ghl_contact_id = :c", Map.of("c", cid),
                Long.class)).isZero();
        // Counted just after the row's commit, which deliver() waited for.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(ignoredTotal(service, "location_not_served")).isGreaterThanOrEqualTo(before + 1));
        assertThat(service.get("/observe/metrics").body()).as("ids are never metric labels")
                .doesNotContain("loc-of-a-stranger");
    }

    @Test
    void anAppointmentEventForALocationNotServedLeavesTheLinkedBookingAlone() {
        Booking b = booking("confirmed");
        ObjectNode e = appointment("AppointmentDelete", b.ghlId(), "cancelled", b.start(), b.end(),
                "2026-11-29T10:00:00Z").put("locationId", "loc-of-a-stranger");
        Map<String, Object> row = deliver(e);
        assertThat(row.get("status")).isEqualTo("IGNORED");
        assertThat(row.get("outcome")).isEqualTo("location not served");
        assertThat(appt(b.appointmentId())).containsEntry("status", "confirmed").containsEntry("version", 1);
        assertThat(slotOf(b.slotId())).containsEntry("status", "booked");
    }

    @Test
    void withoutAClientIdInstallAndUninstallEventsAreIgnoredAndChangeNoLocation() {
        double before = ignoredTotal(service, "app_not_configured");
        for (String type : new String[] {"INSTALL", "UNINSTALL"}) {
            Map<String, Object> row = deliver(Json.MAPPER.createObjectNode().put("type", type)
                    .put("webhookId", UUID.randomUUID().toString()).put("appId", "some-app")
                    .put("locationId", "loc-9").put("companyId", "agency-x"));
            assertThat(row.get("status")).as(type).isEqualTo("IGNORED");
            assertThat((String) row.get("outcome")).as(type).startsWith("app not configured");
        }
        assertThat(jdbc.queryForObject("select count(*) from ghl_locations where location_id = 'loc-9'", Map.of(),
                Long.class)).isZero();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(ignoredTotal(service, "app_not_configured")).isEqualTo(before + 2));
    }
}
