package io.ghlsync.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.ghlsync.support.TestService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Load proof of the intake (run on purpose: mvn test -Dgroups=slow -Dtest=WebhookThroughputTest): 50 concurrent
 * connections post distinct Ed25519-signed webhooks; every one must be answered 200 and be in the inbox. Prints
 * the rate. The client runs on the same machine, so the figure is a lower bound of the service's capacity.
 */
@Tag("slow")
class WebhookThroughputTest {

    private static final int CONNECTIONS = 50;
    private static final int PER_CONNECTION = 400;

    /** utime+stime (clock ticks, 100/s) of the PostgreSQL backends serving one database, by pid (Linux /proc). */
    static Map<Long, Long> postgresCpuTicks(String database) throws java.io.IOException {
        Map<Long, Long> ticks = new java.util.HashMap<>();
        try (var dirs = java.nio.file.Files.list(java.nio.file.Path.of("/proc"))) {
            for (java.nio.file.Path dir : dirs.filter(d -> d.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String cmd = java.nio.file.Files.readString(dir.resolve("cmdline"));
                    if (!cmd.startsWith("postgres: ") || !cmd.contains(database)) {
                        continue;
                    }
                    String[] stat = java.nio.file.Files.readString(dir.resolve("stat")).replaceAll(".*\\) ", "").split(" ");
                    ticks.put(Long.parseLong(dir.getFileName().toString()),
                            Long.parseLong(stat[11]) + Long.parseLong(stat[12]));
                } catch (java.io.IOException | RuntimeException gone) {
                    // process ended meanwhile
                }
            }
        }
        return ticks;
    }

    /** CPU by thread family, to tell the service's share from the load client's. */
    static void printThreadCpu() {
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        Map<String, Long> byFamily = new java.util.TreeMap<>();
        for (long id : threads.getAllThreadIds()) {
            var info = threads.getThreadInfo(id);
            long cpu = threads.getThreadCpuTime(id);
            if (info == null || cpu < 0) {
                continue;
            }
            String family = info.getThreadName().replaceAll("[-#]?\\d+", "");
            byFamily.merge(family, cpu, Long::sum);
        }
        byFamily.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(12)
                .forEach(e -> System.out.printf("  thread CPU %-45s %8.0f ms%n", e.getKey(), e.getValue() / 1e6));
    }

    @Test
    void fiftyConnectionsOfSignedWebhooksAreAllStored() throws Exception {
        WebhookKeys keys = new WebhookKeys();
        try (TestService service = TestService.builder()
                .property("webhook.ed25519-public-key", keys.ed25519PublicBase64())
                .property("webhook.rsa-public-key", keys.rsaPublicPem())
                .property("webhook.inbox.poll-ms", 600000) // measure the intake alone
                .start()) {
            URI uri = URI.create(service.url("/gohighlevel-webhook"));
            List<List<HttpRequest>> work = new ArrayList<>();
            for (int c = 0; c < CONNECTIONS; c++) {
                List<HttpRequest> requests = new ArrayList<>();
                for (int i = 0; i < PER_CONNECTION; i++) {
                    byte[] body = WebhookIntakeTest.event("ContactUpdate", "load-" + UUID.randomUUID(), null);
                    requests.add(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/json")
                            .header("X-GHL-Signature", keys.signEd25519(body))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
                }
                work.add(requests);
            }
            String database = service.databaseUrl().replaceAll(".*/([^/?]+).*", "$1");
            java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            long jvmCpuBefore = ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
            Map<Long, Long> pgBefore = postgresCpuTicks(database);
            AtomicInteger ok = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS);
            long start = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (List<HttpRequest> requests : work) {
                done.add(pool.submit(() -> {
                    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                    for (HttpRequest r : requests) {
                        HttpResponse<String> resp = client.send(r, HttpResponse.BodyHandlers.ofString());
                        if (resp.statusCode() == 200) {
                            ok.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            printThreadCpu();
            double seconds = (System.nanoTime() - start) / 1e9;
            long jvmCpu = ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() - jvmCpuBefore;
            Map<Long, Long> pgAfter = postgresCpuTicks(database);
            long pgTicks = pgAfter.entrySet().stream()
                    .mapToLong(e -> e.getValue() - pgBefore.getOrDefault(e.getKey(), 0L)).sum();
            pool.shutdown();
            int total = CONNECTIONS * PER_CONNECTION;
            System.out.printf("webhook intake: %d signed webhooks in %.2f s = %.0f/s%n", total, seconds, total / seconds);
            // CPU spent per webhook, independent of how busy the machine is. The JVM figure includes the client.
            System.out.printf("CPU per webhook: JVM (service + load client) %.0f us, PostgreSQL backends %.0f us%n",
                    jvmCpu / 1e3 / total, pgTicks * (1e6 / 100) / total);
            assertThat(ok.get()).isEqualTo(total);
            assertThat(service.jdbc().queryForObject("select count(*) from webhook_inbox", Map.of(), Long.class))
                    .isEqualTo(total);
        }
    }
}
