package io.ghlsync.proof;

import static io.ghlsync.proof.Hostile.Field;
import static io.ghlsync.proof.Hostile.Kind;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ghlsync.config.Json;
import io.ghlsync.support.TestService;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Proof 4 (booking API): 10,000 generated hostile requests per endpoint, each answered
 * with a 4xx JSON error, none with a 5xx, and not one row of any table changed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileBookingInputTest {

    private TestService service;
    private String appointmentId;
    private Map<String, String> before;

    @BeforeAll
    void start() throws Exception {
        service = TestService.builder()
                .property("sync.enabled", false)
                .property("deadletter.replay.enabled", false)
                .property("sync.wait-timeout-ms", 200)
                .start();
        HttpResponse<String> created = service.post("/api/appointments/create-with-sync", """
                {"customer":{"name":"Fixture Person","email":"fixture@example.com","phone":"+31600000042"},
                 "serviceType":"fixture","startTime":"2030-05-01T10:00:00Z"}""");
        assertThat(created.statusCode()).isEqualTo(201);
        appointmentId = Json.MAPPER.readTree(created.body()).path("appointment").path("id").asText();
        before = TableDigest.of(service.jdbc());
    }

    @AfterAll
    void stop() {
        assertThat(TableDigest.of(service.jdbc())).as("no table changed").isEqualTo(before);
        service.close();
    }

    private void prove(String endpoint, java.util.function.Function<Random, Hostile.Probe> generator)
            throws Exception {
        Random random = new Random(Hostile.SEED ^ endpoint.hashCode());
        List<Hostile.Probe> probes = Hostile.probes(Hostile.PER_ENDPOINT, random, generator);
        Hostile.Report report = Hostile.send(service.url(""), probes);
        System.out.println("PROOF hostile " + endpoint + " seed=" + Hostile.SEED + " " + report);
        report.failures.stream().limit(20).forEach(f -> System.out.println("  " + f));
        assertThat(report.failures).as(endpoint + ": " + report).isEmpty();
        assertThat(TableDigest.of(service.jdbc())).as("nothing stored by " + endpoint).isEqualTo(before);
    }

    @Test
    void createWithSyncAnswersEveryHostileBodyWith4xxJsonAndStoresNothing() throws Exception {
        ObjectNode template = (ObjectNode) Json.MAPPER.readTree("""
                {"customer":{"name":"Hostile Test","email":"h@example.com","phone":"+31600000009","address":"Street 1"},
                 "ghlContactId":"abc","serviceType":"repair","startTime":"2031-01-01T10:00:00Z",
                 "endTime":"2031-01-01T11:00:00Z","notes":"n"}""");
        List<Field> fields = List.of(Field.of("customer", Kind.ENUM, true), Field.text("customer.name", 200, true),
                Field.text("customer.email", 254, false), Field.text("customer.phone", 32, false),
                Field.text("customer.address", 500, false), Field.of("leadId", Kind.UUID, false),
                Field.text("ghlContactId", 100, false), Field.text("serviceType", 200, true),
                Field.of("startTime", Kind.DATE, true), Field.of("endTime", Kind.DATE, false),
                Field.text("notes", 2000, false));
        prove("POST /api/appointments/create-with-sync",
                r -> Hostile.body(r, "POST", "/api/appointments/create-with-sync", template, fields, true));
    }

    @Test
    void statusChangeAnswersEveryHostileBodyWith4xxJsonAndStoresNothing() throws Exception {
        ObjectNode template = Json.MAPPER.createObjectNode().put("appointmentId", appointmentId)
                .put("status", "confirmed").put("reason", "r").put("version", 1);
        List<Field> fields = List.of(Field.of("appointmentId", Kind.UUID, true), Field.of("status", Kind.ENUM, true),
                Field.text("reason", 1000, false), Field.of("version", Kind.INT, false));
        prove("POST /api/appointments/status",
                r -> Hostile.body(r, "POST", "/api/appointments/status", template, fields, true));
    }

    @Test
    void patchAnswersEveryHostileBodyWith4xxJsonAndStoresNothing() throws Exception {
        ObjectNode template = Json.MAPPER.createObjectNode().put("startTime", "2031-02-01T10:00:00Z")
                .put("serviceType", "x").put("address", "a").put("notes", "n").put("version", 1);
        List<Field> fields = List.of(Field.of("startTime", Kind.DATE, false), Field.of("endTime", Kind.DATE, false),
                Field.text("serviceType", 200, false), Field.text("address", 500, false),
                Field.text("notes", 2000, false), Field.of("version", Kind.INT, false));
        prove("PATCH /api/appointments/{id}", r -> {
            if (r.nextInt(20) == 0) { // a valid body under an id that is not a UUID
                return Hostile.json("PATCH", "/api/appointments/" + Hostile.invalidQueryValue(r, Kind.UUID),
                        template.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), "bad id");
            }
            return Hostile.body(r, "PATCH", "/api/appointments/" + appointmentId, template, fields, true);
        });
    }
}
