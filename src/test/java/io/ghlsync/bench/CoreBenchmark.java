package io.ghlsync.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.ghlsync.config.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load driver of bench/core.sh (not a test): talks to a running ghl-sync (separate process) and its GHL simulator,
 * and prints the figures BENCHMARKS.md records. Phases:
 * <ol>
 *   <li>latency: appointments are created and synced, then confirmed at 2 events/s; event-committed → GHL-done
 *       latency is read from the outbox (created_at → completed_at);</li>
 *   <li>creates: booking creates/s at a fixed concurrency, which also leaves a large backlog;</li>
 *   <li>backlog: GHL requests/s the service sustains from that backlog against the 100/10 s budget, and 429s.</li>
 * </ol>
 * Arguments: serviceUrl simulatorUrl jdbcUrl [latencySeconds createCount createConcurrency backlogSeconds]
 */
public final class CoreBenchmark {

    private static final java.time.format.DateTimeFormatter ISO = java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String service;
    private final String simulator;
    private final String jdbcUrl;
    private final AtomicLong slot = new AtomicLong();

    private CoreBenchmark(String service, String simulator, String jdbcUrl) {
        this.service = service;
        this.simulator = simulator;
        this.jdbcUrl = jdbcUrl;
    }

    public static void main(String[] args) throws Exception {
        CoreBenchmark b = new CoreBenchmark(args[0], args[1], args[2]);
        int latencySeconds = args.length > 3 ? Integer.parseInt(args[3]) : 60;
        int createCount = args.length > 4 ? Integer.parseInt(args[4]) : 2000;
        int concurrency = args.length > 5 ? Integer.parseInt(args[5]) : 16;
        int backlogSeconds = args.length > 6 ? Integer.parseInt(args[6]) : 180;
        b.latencyPhase(latencySeconds);
        b.createPhase(createCount, concurrency);
        b.backlogPhase(backlogSeconds);
    }

    /** Creates enough appointments, waits until they are synced, then confirms them at 2 per second. */
    void latencyPhase(int seconds) throws Exception {
        int events = seconds * 2;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            ids.add(create(i).path("appointment").path("id").asText());
        }
        awaitOutboxDrained(Duration.ofMinutes(10));
        // Let GHL's 10 s window empty, so the figures are the pipeline's own and not a wait for budget.
        TimeUnit.SECONDS.sleep(11);
        long startedId = maxOutboxId();
        long period = 500_000_000L;
        long t0 = System.nanoTime();
        for (int i = 0; i < events; i++) {
            long due = t0 + i * period;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            post("/api/appointments/status",
                    "{\"appointmentId\":\"" + ids.get(i) + "\",\"status\":\"confirmed\"}");
        }
        awaitOutboxDrained(Duration.ofMinutes(5));
        LoadStats latency = outboxLatencies(startedId);
        System.out.printf("RESULT latency events=%d rate=2/s event-committed-to-GHL-done %s%n", events,
                latency.summary());
    }

    /** Booking creates at a fixed concurrency; every create commits appointment + slot + lead + outbox event. */
    void createPhase(int count, int concurrency) throws Exception {
        LoadStats stats = new LoadStats();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long t0 = System.nanoTime();
        for (int c = 0; c < concurrency; c++) {
            pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < count) {
                    long s = System.nanoTime();
                    try {
                        create(100_000 + i);
                        stats.record(System.nanoTime() - s);
                    } catch (Exception e) {
                        stats.error();
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(30, TimeUnit.MINUTES);
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("RESULT creates count=%d concurrency=%d throughput=%.0f/s %s%n", count, concurrency,
                stats.count() / seconds, stats.summary());
    }

    /** GHL budget used while a backlog drains: simulator-side accepted requests per 10 s, against 100. */
    void backlogPhase(int seconds) throws Exception {
        JsonNode before = simulatorStats();
        long t0 = System.nanoTime();
        TimeUnit.SECONDS.sleep(seconds);
        JsonNode after = simulatorStats();
        double elapsed = (System.nanoTime() - t0) / 1e9;
        long requests = after.path("requests").asLong() - before.path("requests").asLong();
        long limited = after.path("rateLimited429").asLong() - before.path("rateLimited429").asLong();
        long accepted = requests - limited;
        double perTenSeconds = accepted / elapsed * 10.0;
        System.out.printf("RESULT backlog window=%.0fs accepted=%d perTenSeconds=%.1f budgetUsed=%.1f%% 429s=%d "
                + "pendingAfter=%d%n", elapsed, accepted, perTenSeconds, perTenSeconds, limited, openOutbox());
    }

    private JsonNode create(int n) throws Exception {
        OffsetDateTime start = OffsetDateTime.of(2027, 1, 4, 8, 0, 0, 0, ZoneOffset.UTC)
                .plusMinutes(30L * slot.getAndIncrement());
        String body = "{\"customer\":{\"name\":\"Bench Customer " + n + "\",\"email\":\"bench" + n
                + "@example.com\",\"phone\":\"+3161" + String.format("%07d", n) + "\",\"address\":\"Street " + n
                + "\"},\"serviceType\":\"maintenance\",\"startTime\":\"" + ISO.format(start) + "\",\"endTime\":\""
                + ISO.format(start.plusMinutes(30)) + "\"}";
        HttpResponse<String> r = post("/api/appointments/create-with-sync", body);
        if (r.statusCode() != 201) {
            throw new IllegalStateException("create answered " + r.statusCode() + ": " + r.body());
        }
        return Json.MAPPER.readTree(r.body());
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(service + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode simulatorStats() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(simulator + "/_simulator/stats"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        return Json.MAPPER.readTree(r.body());
    }

    private void awaitOutboxDrained(Duration max) throws Exception {
        long deadline = System.nanoTime() + max.toNanos();
        while (openOutbox() > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("outbox did not drain in " + max);
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    private long openOutbox() throws Exception {
        return queryLong("select count(*) from sync_outbox where status in ('PENDING','PROCESSING')");
    }

    private long maxOutboxId() throws Exception {
        return queryLong("select coalesce(max(id), 0) from sync_outbox");
    }

    private LoadStats outboxLatencies(long afterId) throws Exception {
        LoadStats stats = new LoadStats();
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select extract(epoch from (completed_at - created_at)) * 1e9, status "
                        + "from sync_outbox where id > " + afterId)) {
            while (rs.next()) {
                if ("DONE".equals(rs.getString(2))) {
                    stats.record((long) rs.getDouble(1));
                } else {
                    stats.error();
                }
            }
        }
        return stats;
    }

    private long queryLong(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
