package io.ghlsync.proof;

import static io.ghlsync.proof.Hostile.Field;
import static io.ghlsync.proof.Hostile.Kind;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ghlsync.config.Json;
import io.ghlsync.deadletter.DeadLetterRows;
import io.ghlsync.support.TestService;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Proof 4 (the original sync endpoint, the sync monitor and the dead-letter API): 10,000 generated hostile
 * requests per endpoint, each answered with a 4xx JSON error, none with a 5xx, and not one row of any table changed
 * (in particular the open dead letter is neither replayed nor discarded).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileOperationsInputTest {

    private TestService service;
    private String appointmentId;
    private long deadLetterId;
    private Map<String, String> before;

    @BeforeAll
    void start() {
        service = TestService.builder()
                .property("sync.enabled", false)
                .property("deadletter.replay.enabled", false)
                .property("sync.wait-timeout-ms", 200)
                .start();
        DeadLetterRows rows = new DeadLetterRows(service.jdbc());
        UUID appointment = rows.appointment();
        appointmentId = appointment.toString();
        deadLetterId = rows.openDeadLetter(appointment, "server_error");
        before = TableDigest.of(service.jdbc());
    }

    @AfterAll
    void stop() {
        assertThat(TableDigest.of(service.jdbc())).as("no table changed").isEqualTo(before);
        service.close();
    }

    private void prove(String endpoint, Function<Random, Hostile.Probe> generator) throws Exception {
        Random random = new Random(Hostile.SEED ^ endpoint.hashCode());
        Hostile.Report report = Hostile.send(service.url(""),
                Hostile.probes(Hostile.PER_ENDPOINT, random, generator));
        System.out.println("PROOF hostile " + endpoint + " seed=" + Hostile.SEED + " " + report);
        report.failures.stream().limit(20).forEach(f -> System.out.println("  " + f));
        assertThat(report.failures).as(endpoint + ": " + report).isEmpty();
        assertThat(TableDigest.of(service.jdbc())).as("nothing stored by " + endpoint).isEqualTo(before);
    }

    @Test
    void originalSyncEndpointAnswersEveryHostileBodyWith4xxJsonAndStoresNothing() throws Exception {
        ObjectNode template = Json.MAPPER.createObjectNode().put("appointmentId", appointmentId)
                .put("action", "confirm").put("timestamp", "2026-11-29T10:00:00Z");
        List<Field> fields = List.of(Field.of("appointmentId", Kind.UUID, true), Field.of("action", Kind.ENUM, true),
                Field.of("timestamp", Kind.DATE, false));
        prove("POST /gohighlevel-appointment-sync",
                r -> Hostile.body(r, "POST", r.nextInt(10) == 0 ? "/.netlify/functions/gohighlevel-appointment-sync"
                        : "/gohighlevel-appointment-sync", template, fields, true));
    }

    @Test
    void syncMonitorAnswersEveryHostileQueryWith4xxJsonAndChangesNothing() throws Exception {
        Map<String, Kind> params = Map.of("action", Kind.ENUM, "appointmentId", Kind.UUID);
        Map<String, String> valid = Map.of("action", "retry", "appointmentId", appointmentId);
        prove("GET /gohighlevel-sync-monitor", r -> new Hostile.Probe("GET",
                (r.nextInt(10) == 0 ? "/.netlify/functions/gohighlevel-sync-monitor" : "/gohighlevel-sync-monitor")
                        + Hostile.query(r, params, valid), null, null, "query"));
    }

    @Test
    void deadLetterListAnswersEveryHostileQueryWith4xxJson() throws Exception {
        Map<String, Kind> params = Map.of("appointmentId", Kind.UUID, "action", Kind.ENUM, "olderThanMinutes",
                Kind.INT, "status", Kind.ENUM, "limit", Kind.INT, "x" + "unknown", Kind.ENUM);
        Map<String, String> valid = Map.of("appointmentId", appointmentId, "action", "update", "olderThanMinutes", "1",
                "status", "OPEN", "limit", "5", "xunknown", "1");
        prove("GET /api/dead-letters", r -> new Hostile.Probe("GET", "/api/dead-letters" + Hostile.query(r, params, valid),
                null, null, "query"));
    }

    @Test
    void bulkReplayAnswersEveryHostileFilterWith4xxJsonAndReplaysNothing() throws Exception {
        ObjectNode template = Json.MAPPER.createObjectNode().put("action", "update").put("status", "OPEN")
                .put("limit", 5).put("olderThanMinutes", 1).put("appointmentId", appointmentId)
                .put("errorClass", "server_error");
        List<Field> fields = List.of(Field.of("appointmentId", Kind.UUID, false), Field.of("action", Kind.ENUM, false),
                Field.of("errorClass", Kind.TEXT_COERCED, false), Field.of("olderThanMinutes", Kind.INT, false),
                Field.of("status", Kind.ENUM, false), Field.of("limit", Kind.INT, false));
        prove("POST /api/dead-letters/replay",
                r -> Hostile.body(r, "POST", "/api/dead-letters/replay", template, fields, true));
    }

    @Test
    void replayOneAnswersEveryHostileIdWith4xxJsonAndReplaysNothing() throws Exception {
        prove("POST /api/dead-letters/{id}/replay", r -> {
            String id = switch (r.nextInt(4)) {
                case 0 -> String.valueOf(deadLetterId + 1 + r.nextInt(1_000_000)); // unknown: 404
                case 1 -> UUID.randomUUID().toString();
                case 2 -> String.valueOf(-1 - r.nextInt(1000));
                default -> Hostile.invalidQueryValue(r, Kind.INT);
            };
            byte[] body = r.nextBoolean() ? null : Hostile.randomString(r, 50).getBytes(StandardCharsets.UTF_8);
            return new Hostile.Probe("POST", "/api/dead-letters/" + id + "/replay",
                    body == null ? null : "application/json", body, "id " + Hostile.abbreviate(id));
        });
    }

    @Test
    void discardAnswersEveryHostileBodyWith4xxJsonAndDiscardsNothing() throws Exception {
        ObjectNode template = Json.MAPPER.createObjectNode().put("reason", "not needed");
        List<Field> fields = List.of(Field.text("reason", 500, true));
        prove("POST /api/dead-letters/{id}/discard", r -> {
            if (r.nextInt(10) == 0) { // a valid reason for an id that is no dead letter
                String id = r.nextBoolean() ? String.valueOf(deadLetterId + 1 + r.nextInt(1000))
                        : Hostile.invalidQueryValue(r, Kind.INT);
                return Hostile.json("POST", "/api/dead-letters/" + id + "/discard",
                        template.toString().getBytes(StandardCharsets.UTF_8), "id " + Hostile.abbreviate(id));
            }
            return Hostile.body(r, "POST", "/api/dead-letters/" + deadLetterId + "/discard", template, fields, false);
        });
    }
}
