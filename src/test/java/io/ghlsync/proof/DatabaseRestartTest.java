package io.ghlsync.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ghlsync.config.Json;
import io.ghlsync.simulator.GhlSimulator;
import io.ghlsync.support.TestService;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Proof 3: the PostgreSQL server is stopped and started again while bookings and webhooks keep arriving. The
 * service is not restarted. While the database is away, readiness is DOWN and webhooks get 429 (the answer GHL
 * retries); afterwards readiness is UP again by itself, and every booking answered 201 and every webhook answered 200
 * is in the database, and every booking reached GHL. The server is this test's own (a fixed data directory on a free
 * port), so no other test or the shared server at 127.0.0.1:5432 is disturbed.
 */
class DatabaseRestartTest {

    private static final Pattern BOOKING_LINK = Pattern.compile("/appointments/([0-9a-f-]{36})");

    private static EmbeddedPostgres startPostgres(Path dir, int port) throws Exception {
        return EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false).setPort(port).start();
    }

    @Test
    void acknowledgedBookingsAndWebhooksSurviveADatabaseRestartWithoutRestartingTheService() throws Exception {
        Path dir = Files.createTempDirectory("proof-pg-");
        int port = TestService.freePort();
        EmbeddedPostgres postgres = startPostgres(dir, port);
        Set<String> acceptedBookings = ConcurrentHashMap.newKeySet();
        Set<String> acceptedWebhooks = ConcurrentHashMap.newKeySet();
        Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
        AtomicBoolean databaseDown = new AtomicBoolean();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService load = Executors.newFixedThreadPool(4);
        try (GhlSimulator ghl = GhlSimulator.start(GhlSimulator.Settings.defaults().withBurst(100_000, 10_000));
                TestService service = TestService.builder()
                        .databaseUrl(postgres.getJdbcUrl("postgres", "postgres"))
                        .property("ghl.api-key", "db-restart-token")
                        .property("ghl.base-url", ghl.baseUrl())
                        .property("ghl.rate.burst-max", 100_000)
                        .property("database.pool.connection-timeout-ms", 500)
                        .property("webhook.store.timeout-ms", 1000)
                        .property("webhook.skip-signature-validation", true)
                        .start()) {
            AtomicInteger n = new AtomicInteger();
            for (int t = 0; t < 2; t++) {
                load.execute(() -> {
                    while (running.get()) {
                        int i = n.incrementAndGet();
                        try {
                            HttpResponse<String> r = ProofClient.postJson(
                                    service.url("/api/appointments/create-with-sync"),
                                    ProofClient.createBody("dbrestart", i, 530_000));
                            count(answers, "booking", r.statusCode(), databaseDown.get());
                            if (r.statusCode() == 201) {
                                acceptedBookings.add(Json.MAPPER.readTree(r.body()).path("appointment").path("id")
                                        .asText());
                            }
                        } catch (Exception e) {
                            count(answers, "booking", -1, databaseDown.get());
                        }
                    }
                });
                load.execute(() -> {
                    while (running.get()) {
                        String webhookId = "dbrestart-" + UUID.randomUUID();
                        ObjectNode event = Json.MAPPER.createObjectNode().put("type", "ContactCreate")
                                .put("id", "c-" + webhookId).put("webhookId", webhookId)
                                .put("locationId", "sim-location").put("timestamp", Instant.now().toString())
                                .put("email", webhookId + "@example.org");
                        try {
                            HttpResponse<String> r = ProofClient.postJson(service.url("/gohighlevel-webhook"),
                                    event.toString());
                            count(answers, "webhook", r.statusCode(), databaseDown.get());
                            if (r.statusCode() == 200) {
                                acceptedWebhooks.add(webhookId);
                            }
                        } catch (Exception e) {
                            count(answers, "webhook", -1, databaseDown.get());
                        }
                    }
                });
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> acceptedBookings.size() >= 20
                    && acceptedWebhooks.size() >= 20);

            databaseDown.set(true);
            postgres.close(); // pg_ctl stop (fast); the data directory stays
            await().atMost(Duration.ofSeconds(30)).until(() -> ready(service) == 503);
            await().atMost(Duration.ofSeconds(30)).until(() -> answers.containsKey("webhook down 429"));
            TimeUnit.SECONDS.sleep(3);

            postgres = startPostgres(dir, port);
            await().atMost(Duration.ofSeconds(60)).until(() -> ready(service) == 200);
            databaseDown.set(false);
            int bookingsAtRestart = acceptedBookings.size();
            await().atMost(Duration.ofSeconds(30)).until(() -> acceptedBookings.size() >= bookingsAtRestart + 20);
            running.set(false);
            load.shutdown();
            assertThat(load.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

            try {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                        service.jdbc().queryForObject("select count(*) from sync_outbox where status <> 'DONE'",
                                Map.of(), Integer.class) == 0);
            } finally {
                System.out.println("PROOF db-restart outbox " + service.jdbc().queryForList(
                        "select status, count(*), min(lease_until), max(attempts), min(last_error) from sync_outbox "
                                + "group by 1", Map.of()));
                System.out.println("PROOF db-restart dead letters " + service.jdbc().queryForList(
                        "select status, error, count(*) from dead_letter group by 1, 2", Map.of()));
            }
            Set<String> stored = new HashSet<>(service.jdbc().queryForList(
                    "select cast(id as text) from appointments", Map.of(), String.class));
            Set<String> storedWebhooks = new HashSet<>(service.jdbc().queryForList(
                    "select webhook_id from webhook_inbox", Map.of(), String.class));
            Set<String> noted = new HashSet<>();
            for (ObjectNode note : ghl.state().notes()) {
                Matcher m = BOOKING_LINK.matcher(note.path("body").asText());
                if (m.find()) {
                    noted.add(m.group(1));
                }
            }
            Map<String, Integer> figures = new TreeMap<>();
            answers.forEach((k, v) -> figures.put(k, v.get()));
            List<String> lostBookings = acceptedBookings.stream().filter(id -> !stored.contains(id)).toList();
            List<String> notSynced = acceptedBookings.stream().filter(id -> !noted.contains(id)).toList();
            List<String> lostWebhooks = acceptedWebhooks.stream().filter(id -> !storedWebhooks.contains(id)).toList();
            System.out.printf("PROOF db-restart acceptedBookings=%d lostBookings=%d notSyncedToGhl=%d "
                            + "acceptedWebhooks=%d lostWebhooks=%d answers=%s%n", acceptedBookings.size(),
                    lostBookings.size(), notSynced.size(), acceptedWebhooks.size(), lostWebhooks.size(), figures);

            assertThat(lostBookings).isEmpty();
            assertThat(notSynced).isEmpty();
            assertThat(lostWebhooks).isEmpty();
            assertThat(figures.keySet()).as("webhooks get 200 or 429, never anything else")
                    .allMatch(k -> !k.startsWith("webhook") || k.endsWith(" 200") || k.endsWith(" 429"));
            assertThat(figures).as("while the database was away, webhooks got 429").containsKey("webhook down 429");
        } finally {
            running.set(false);
            load.shutdownNow();
            postgres.close();
        }
    }

    private static void count(Map<String, AtomicInteger> answers, String kind, int status, boolean down) {
        answers.computeIfAbsent(kind + (down ? " down " : " up ") + status, k -> new AtomicInteger())
                .incrementAndGet();
    }

    private static int ready(TestService service) {
        return service.send(HttpRequest.newBuilder(URI.create(service.url("/observe/health/ready")))
                .timeout(Duration.ofSeconds(10)).GET().build()).statusCode();
    }
}
