package io.ghlsync.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ghlsync.config.Json;
import io.ghlsync.support.TestService;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeadLetterApiTest {

    private static final String SECRET = "dead-letter-test-secret-at-least-32-bytes";

    private TestService service;
    private DeadLetterRows rows;
    private String[] auth;

    @BeforeAll
    void start() {
        service = TestService.builder()
                .property("sync.enabled", "false") // replayed events stay queued: no pipeline run in these tests
                .property("auth.jwt-secret", SECRET)
                .property("deadletter.replay.enabled", "false")
                .start();
        rows = new DeadLetterRows(service.jdbc());
        auth = TestService.bearer(SECRET);
    }

    @AfterAll
    void stop() {
        service.close();
    }

    private JsonNode json(HttpResponse<String> r) throws Exception {
        return Json.MAPPER.readTree(r.body());
    }

    @Test
    void listingRequiresABearerToken() {
        assertThat(service.get("/api/dead-letters").statusCode()).isEqualTo(401);
    }

    @Test
    void listFiltersByAppointmentActionErrorClassAndStatus() throws Exception {
        UUID appt = rows.appointment();
        long rateLimited = rows.openDeadLetter(appt, "RateLimited");
        long serverError = rows.openDeadLetter(appt, "ServerError");
        rows.openDeadLetter(rows.appointment(), "RateLimited"); // other appointment

        JsonNode all = json(service.get("/api/dead-letters?appointmentId=" + appt, auth));
        assertThat(all.get("count").asInt()).isEqualTo(2);

        JsonNode one = json(service.get("/api/dead-letters?appointmentId=" + appt + "&errorClass=RateLimited"
                + "&action=update&status=OPEN&olderThanMinutes=5", auth));
        assertThat(one.get("count").asInt()).isEqualTo(1);
        assertThat(one.get("data").get(0).get("id").asLong()).isEqualTo(rateLimited);
        assertThat(one.get("data").get(0).get("errorClass").asText()).isEqualTo("RateLimited");
        assertThat(one.get("data").get(0).has("payload")).isFalse();

        JsonNode none = json(service.get("/api/dead-letters?appointmentId=" + appt + "&olderThanMinutes=60", auth));
        assertThat(none.get("count").asInt()).isZero();
        assertThat(serverError).isNotEqualTo(rateLimited);
    }

    @Test
    void badFilterValuesAreRejectedWithTheFieldNamed() throws Exception {
        HttpResponse<String> r = service.get("/api/dead-letters?appointmentId=nope&limit=0&colour=red", auth);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).get("details").findValuesAsText("field"))
                .contains("query.appointmentId", "query.limit", "query.colour");
    }

    @Test
    void replayingOneEntryPutsItsEventBackInTheOutbox() throws Exception {
        UUID appt = rows.appointment();
        long id = rows.openDeadLetter(appt, "ServerError");
        UUID event = rows.eventOf(id);

        HttpResponse<String> r = service.post("/api/dead-letters/" + id + "/replay", "", auth);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).get("outcome").asText()).isEqualTo("REPLAYED");
        assertThat(rows.deadLetterStatus(id)).isEqualTo("REPLAYED");
        assertThat(rows.outboxStatus(event)).isNotEqualTo("DEAD");
        assertThat(rows.deadLetterRow(id).get("replay_count")).isEqualTo(1);

        HttpResponse<String> again = service.post("/api/dead-letters/" + id + "/replay", "", auth);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(service.post("/api/dead-letters/999999/replay", "", auth).statusCode()).isEqualTo(404);
        assertThat(service.post("/api/dead-letters/abc/replay", "", auth).statusCode()).isEqualTo(400);
    }

    @Test
    void replayIsDiscardedAsSupersededWhenANewerEventOfTheAppointmentIsDone() throws Exception {
        UUID appt = rows.appointment();
        long id = rows.openDeadLetter(appt, "ServerError"); // event created 10 minutes ago
        UUID dead = rows.eventOf(id);
        rows.event(appt, "cancel", "DONE", Duration.ofMinutes(1)); // newer change already in GHL

        HttpResponse<String> r = service.post("/api/dead-letters/" + id + "/replay", "", auth);

        assertThat(json(r).get("outcome").asText()).isEqualTo("SUPERSEDED");
        assertThat(rows.deadLetterStatus(id)).isEqualTo("DISCARDED");
        assertThat(rows.deadLetterRow(id).get("discard_reason")).isEqualTo("superseded");
        assertThat(rows.outboxStatus(dead)).isEqualTo("DEAD");
    }

    @Test
    void replayByFilterReplaysOnlyMatchingEntriesAndCountsThem() throws Exception {
        UUID appt = rows.appointment();
        long a = rows.openDeadLetter(appt, "Timeout");
        long b = rows.openDeadLetter(appt, "Timeout");
        long other = rows.openDeadLetter(appt, "Validation");

        HttpResponse<String> r = service.post("/api/dead-letters/replay",
                "{\"appointmentId\":\"" + appt + "\",\"errorClass\":\"Timeout\"}", auth);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).get("replayed").asInt()).isEqualTo(2);
        assertThat(rows.deadLetterStatus(a)).isEqualTo("REPLAYED");
        assertThat(rows.deadLetterStatus(b)).isEqualTo("REPLAYED");
        assertThat(rows.deadLetterStatus(other)).isEqualTo("OPEN");

        HttpResponse<String> bad = service.post("/api/dead-letters/replay", "{\"action\":\"explode\"}", auth);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("body.action");
    }

    @Test
    void discardNeedsAReasonAndKeepsIt() throws Exception {
        long id = rows.openDeadLetter(rows.appointment(), "Validation");

        HttpResponse<String> missing = service.post("/api/dead-letters/" + id + "/discard", "{}", auth);
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("body.reason");
        HttpResponse<String> blank = service.post("/api/dead-letters/" + id + "/discard", "{\"reason\":\"  \"}", auth);
        assertThat(blank.statusCode()).isEqualTo(400);
        assertThat(rows.deadLetterStatus(id)).isEqualTo("OPEN");

        HttpResponse<String> ok = service.post("/api/dead-letters/" + id + "/discard",
                "{\"reason\":\"contact deleted in GHL\"}", auth);
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(rows.deadLetterStatus(id)).isEqualTo("DISCARDED");
        assertThat(rows.deadLetterRow(id).get("discard_reason")).isEqualTo("contact deleted in GHL");
        assertThat(service.post("/api/dead-letters/" + id + "/discard", "{\"reason\":\"again\"}", auth)
                .statusCode()).isEqualTo(409);
    }
}
