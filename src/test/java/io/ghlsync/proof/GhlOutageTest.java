package io.ghlsync.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ghlsync.config.Json;
import io.ghlsync.simulator.GhlSimulator;
import io.ghlsync.support.TestService;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Proof 2: GHL answers 503 to everything for a while. Events accepted before and during the outage exhaust their
 * retries and become dead letters; after GHL recovers, the scheduled replay delivers every one of them with no
 * manual step, each note once. The default run has a 15 s outage and a 1.5 s replay period; the slow variant is a
 * 10-minute outage with the production replay settings (5 min period, doubling per replay), about 16 minutes.
 */
class GhlOutageTest {

    private static final Pattern BOOKING_LINK = Pattern.compile("/appointments/([0-9a-f-]{36})");

    @Test
    void everythingAcceptedDuringA15SecondOutageIsDeliveredByTheScheduledReplay() throws Exception {
        prove(Duration.ofSeconds(15), Map.of("sync.retry-delay-ms", 1500, "deadletter.replay.initial-delay-ms", 500),
                Duration.ofSeconds(90));
    }

    @Test
    @Tag("slow")
    void everythingAcceptedDuringATenMinuteOutageIsDeliveredWithProductionReplaySettings() throws Exception {
        prove(Duration.ofMinutes(10), Map.of(), Duration.ofMinutes(40));
    }

    private void prove(Duration outage, Map<String, Object> replaySettings, Duration deliveryLimit) throws Exception {
        try (GhlSimulator ghl = GhlSimulator.start(GhlSimulator.Settings.defaults().withBurst(100_000, 10_000))) {
            TestService.Builder builder = TestService.builder()
                    .property("ghl.api-key", "outage-token")
                    .property("ghl.base-url", ghl.baseUrl())
                    .property("ghl.rate.burst-max", 100_000);
            replaySettings.forEach(builder::property);
            try (TestService service = builder.start()) {
                List<String> before = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    before.add(create(service, i));
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> count(service, "DONE") == 5);

                long t0 = System.nanoTime();
                ghl.failFor(503, outage);
                List<String> during = new ArrayList<>();
                for (int i = 5; i < 25; i++) {
                    during.add(create(service, i));
                }
                for (String id : before) {
                    HttpResponse<String> r = service.post("/api/appointments/status",
                            "{\"appointmentId\":\"" + id + "\",\"status\":\"confirmed\"}");
                    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                }
                await().atMost(outage.plusSeconds(60)).until(() -> deadLetters(service, "OPEN") > 0);
                int deadDuringOutage = deadLetters(service, "OPEN");

                await().atMost(deliveryLimit).pollInterval(Duration.ofMillis(500))
                        .until(() -> count(service, "DONE") == 30);
                double seconds = (System.nanoTime() - t0) / 1e9;

                Map<String, Integer> notes = new HashMap<>();
                for (ObjectNode note : ghl.state().notes()) {
                    Matcher m = BOOKING_LINK.matcher(note.path("body").asText());
                    if (m.find()) {
                        notes.merge(m.group(1), 1, Integer::sum);
                    }
                }
                System.out.printf("PROOF outage seconds=%d events=30 deadLettersDuringOutage=%d delivered=%d "
                                + "deliveredAfterSeconds=%.1f ghl503s=%d replayed=%d parked=%d%n",
                        outage.toSeconds(), deadDuringOutage, count(service, "DONE"), seconds,
                        ghl.state().faultsServed(),
                        deadLetters(service, "REPLAYED"), deadLetters(service, "PARKED"));
                assertThat(count(service, "DEAD")).isZero();
                assertThat(deadLetters(service, "OPEN") + deadLetters(service, "PARKED")).isZero();
                before.forEach(id -> assertThat(notes.get(id)).as("create + confirm notes of " + id).isEqualTo(2));
                during.forEach(id -> assertThat(notes.get(id)).as("create note of " + id).isEqualTo(1));
            }
        }
    }

    private static String create(TestService service, int i) throws Exception {
        HttpResponse<String> r = service.post("/api/appointments/create-with-sync",
                ProofClient.createBody("outage", i, 520_000));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return Json.MAPPER.readTree(r.body()).path("appointment").path("id").asText();
    }

    private static int count(TestService service, String status) {
        return service.jdbc().queryForObject("select count(*) from sync_outbox where status = :s",
                Map.of("s", status), Integer.class);
    }

    private static int deadLetters(TestService service, String status) {
        return service.jdbc().queryForObject("select count(*) from dead_letter where status = :s",
                Map.of("s", status), Integer.class);
    }
}
