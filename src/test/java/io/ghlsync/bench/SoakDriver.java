package io.ghlsync.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ghlsync.config.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load driver of bench/soak.sh (not a test). Sends a steady, open-loop mix to a running ghl-sync for a given time:
 * booking creates, status changes (confirm, then complete or cancel), reschedules (PATCH), reads, and signed
 * webhooks; an appointment is never changed by two requests at once, so every request has one right answer.
 * Records every answer's status and latency, then waits for the outbox to drain and prints RESULT lines: errors
 * per kind, p50/p99/max latency per kind, event-to-GHL latency, outbox/dead-letter/webhook-inbox totals.
 *
 * <pre>
 * SoakDriver keygen DIR                       writes DIR/ed25519.key (PKCS#8) and DIR/ed25519.pub (SPKI), base64
 * SoakDriver serviceUrl jdbcUrl seconds keyFile [creates/s status/s patches/s reads/s webhooks/s]
 * </pre>
 */
public final class SoakDriver {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).executor(Executors.newFixedThreadPool(8)).build();

    private final String service;
    private final PrivateKey webhookKey;
    private final Map<String, List<Long>> latenciesMicros = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
    private final Map<String, String> firstErrors = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> scheduled = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> confirmed = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> anyOpen = new ConcurrentLinkedQueue<>();
    private final List<String> ghlContacts = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong slot = new AtomicLong(600_000 + ThreadLocalRandom.current().nextInt(100_000));
    private final AtomicLong sequence = new AtomicLong();

    private SoakDriver(String service, PrivateKey webhookKey) {
        this.service = service;
        this.webhookKey = webhookKey;
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("keygen")) {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            Path dir = Path.of(args[1]);
            Files.writeString(dir.resolve("ed25519.key"),
                    Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
            Files.writeString(dir.resolve("ed25519.pub"),
                    Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
            return;
        }
        String serviceUrl = args[0];
        String jdbcUrl = args[1];
        int seconds = Integer.parseInt(args[2]);
        PrivateKey key = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(
                Base64.getDecoder().decode(Files.readString(Path.of(args[3])).trim())));
        double creates = rate(args, 4, 0.6);
        double statuses = rate(args, 5, 0.4);
        double patches = rate(args, 6, 0.2);
        double reads = rate(args, 7, 5);
        double webhooks = rate(args, 8, 20);
        new SoakDriver(serviceUrl, key).run(jdbcUrl, seconds, creates, statuses, patches, reads, webhooks);
        System.exit(0); // the HTTP client's executor threads would keep the JVM alive
    }

    private static double rate(String[] args, int i, double fallback) {
        return args.length > i ? Double.parseDouble(args[i]) : fallback;
    }

    private void run(String jdbcUrl, int seconds, double creates, double statuses, double patches, double reads,
            double webhooks) throws Exception {
        System.out.printf("soak: %d s; per second: creates %.2f, status changes %.2f, patches %.2f, reads %.2f, "
                + "webhooks %.2f%n", seconds, creates, statuses, patches, reads, webhooks);
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
        ExecutorService workers = Executors.newFixedThreadPool(64);
        every(timer, workers, creates, this::create);
        every(timer, workers, statuses, this::changeStatus);
        every(timer, workers, patches, this::reschedule);
        every(timer, workers, reads, this::read);
        every(timer, workers, webhooks, this::webhook);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            TimeUnit.SECONDS.sleep(Math.min(60, Math.max(1, (end - System.nanoTime()) / 1_000_000_000L)));
            System.out.printf("soak: %s requests so far, errors %s%n", counts(), errors);
        }
        timer.shutdownNow();
        workers.shutdown();
        workers.awaitTermination(60, TimeUnit.SECONDS);

        for (Map.Entry<String, List<Long>> e : new TreeMap<>(latenciesMicros).entrySet()) {
            List<Long> sorted;
            synchronized (e.getValue()) {
                sorted = new ArrayList<>(e.getValue());
            }
            Collections.sort(sorted);
            System.out.printf("RESULT soak http kind=%s requests=%d errors=%d p50ms=%.1f p99ms=%.1f maxms=%.1f%n",
                    e.getKey(), sorted.size(), errors.getOrDefault(e.getKey(), new AtomicLong()).get(),
                    pct(sorted, 0.50), pct(sorted, 0.99), sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1) / 1e3);
        }
        firstErrors.forEach((k, v) -> System.out.println("soak: first error of " + k + ": " + v));
        drainAndReport(jdbcUrl);
    }

    private Map<String, Integer> counts() {
        Map<String, Integer> c = new TreeMap<>();
        latenciesMicros.forEach((k, v) -> c.put(k, v.size()));
        return c;
    }

    private static double pct(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1)) / 1e3;
    }

    private static void every(ScheduledExecutorService timer, ExecutorService workers, double perSecond,
            Runnable task) {
        if (perSecond <= 0) {
            return;
        }
        long periodMicros = (long) (1_000_000 / perSecond);
        timer.scheduleAtFixedRate(() -> workers.execute(task), periodMicros, periodMicros, TimeUnit.MICROSECONDS);
    }

    private void create() {
        long n = sequence.incrementAndGet();
        String start = Instant.ofEpochSecond(slot.incrementAndGet() * 3600L).toString();
        String body = """
                {"customer":{"name":"Soak Customer %d","email":"soak-%d-%s@example.com","phone":"+3162%07d"},
                 "serviceType":"soak service","startTime":"%s","notes":"soak"}"""
                .formatted(n, n, UUID.randomUUID().toString().substring(0, 8), n % 10_000_000, start);
        JsonNode answer = send("create", "POST", "/api/appointments/create-with-sync", body, 201);
        if (answer != null) {
            String id = answer.path("appointment").path("id").asText();
            scheduled.add(id);
            anyOpen.add(id);
        }
    }

    /** scheduled → confirmed, or confirmed → completed / cancelled (one request per appointment at a time). */
    private void changeStatus() {
        String id = confirmed.poll();
        boolean fromConfirmed = id != null && ThreadLocalRandom.current().nextBoolean();
        if (id != null && !fromConfirmed) {
            confirmed.add(id);
            id = null;
        }
        if (id == null) {
            id = scheduled.poll();
            if (id == null) {
                return;
            }
            if (send("status", "POST", "/api/appointments/status",
                    "{\"appointmentId\":\"" + id + "\",\"status\":\"confirmed\"}", 200) != null) {
                confirmed.add(id);
            }
            return;
        }
        String to = ThreadLocalRandom.current().nextBoolean() ? "completed" : "cancelled";
        send("status", "POST", "/api/appointments/status",
                "{\"appointmentId\":\"" + id + "\",\"status\":\"" + to + "\",\"reason\":\"soak\"}", 200);
    }

    private void reschedule() {
        String id = scheduled.poll();
        if (id == null) {
            return;
        }
        String start = Instant.ofEpochSecond(slot.incrementAndGet() * 3600L).toString();
        send("patch", "PATCH", "/api/appointments/" + id, "{\"startTime\":\"" + start + "\"}", 200);
        scheduled.add(id);
    }

    private void read() {
        String id = anyOpen.poll();
        if (id == null) {
            return;
        }
        send("read", "GET", "/api/appointments/" + id, null, 200);
        if (anyOpen.size() < 1000) {
            anyOpen.add(id);
        }
    }

    /** ContactCreate of a new GHL contact, or ContactUpdate / ContactTagUpdate of an earlier one. */
    private void webhook() {
        long n = sequence.incrementAndGet();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        ObjectNode event = Json.MAPPER.createObjectNode();
        String contactId;
        if (ghlContacts.size() < 50 || random.nextInt(3) == 0) {
            contactId = "soakc" + n;
            ghlContacts.add(contactId);
            event.put("type", "ContactCreate");
        } else {
            contactId = ghlContacts.get(random.nextInt(ghlContacts.size()));
            event.put("type", random.nextBoolean() ? "ContactUpdate" : "ContactTagUpdate");
        }
        event.put("webhookId", UUID.randomUUID().toString()).put("timestamp", Instant.now().toString())
                .put("locationId", "sim-location").put("id", contactId)
                .put("email", contactId + "@example.org").put("firstName", "Soak").put("lastName", "Contact" + n)
                .put("dateUpdated", Instant.now().toString());
        event.putArray("tags").add("soak").add("t" + (n % 7));
        byte[] body = event.toString().getBytes(StandardCharsets.UTF_8);
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(webhookKey);
            s.update(body);
            String signature = Base64.getEncoder().encodeToString(s.sign());
            timed("webhook", HttpRequest.newBuilder(URI.create(service + "/gohighlevel-webhook"))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .header("X-GHL-Signature", signature)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), 200);
        } catch (Exception e) {
            error("webhook", e.toString());
        }
    }

    private JsonNode send(String kind, String method, String path, String json, int expected) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(service + path)).timeout(Duration.ofSeconds(30));
        if (json != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return timed(kind, b.build(), expected);
    }

    private JsonNode timed(String kind, HttpRequest request, int expected) {
        long t0 = System.nanoTime();
        try {
            HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            long micros = (System.nanoTime() - t0) / 1000;
            List<Long> list = latenciesMicros.computeIfAbsent(kind, k -> Collections.synchronizedList(new ArrayList<>()));
            list.add(micros);
            if (r.statusCode() != expected) {
                error(kind, r.statusCode() + " " + r.body());
                return null;
            }
            return Json.MAPPER.readTree(r.body());
        } catch (Exception e) {
            error(kind, e.toString());
            return null;
        }
    }

    private void error(String kind, String what) {
        errors.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
        firstErrors.putIfAbsent(kind, what.length() > 300 ? what.substring(0, 300) : what);
    }

    /** Waits until no outbox event or webhook is open, then prints the pipeline's totals and sync latency. */
    private static void drainAndReport(String jdbcUrl) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement()) {
            while (System.nanoTime() < deadline && (scalar(s, "select count(*) from sync_outbox where status in "
                    + "('PENDING','PROCESSING')") > 0 || scalar(s, "select count(*) from webhook_inbox where status "
                    + "not in ('DONE','IGNORED','DEAD')") > 0)) {
                TimeUnit.SECONDS.sleep(2);
            }
            System.out.println("RESULT soak outbox " + groups(s, "select status, count(*) from sync_outbox group by 1"));
            System.out.println("RESULT soak webhook_inbox "
                    + groups(s, "select status, count(*) from webhook_inbox group by 1"));
            System.out.println("RESULT soak dead_letters=" + scalar(s, "select count(*) from dead_letter"));
            try (ResultSet rs = s.executeQuery("""
                    select percentile_cont(0.5) within group (order by extract(epoch from completed_at - created_at)),
                           percentile_cont(0.99) within group (order by extract(epoch from completed_at - created_at)),
                           max(extract(epoch from completed_at - created_at))
                    from sync_outbox where status = 'DONE'""")) {
                rs.next();
                System.out.printf("RESULT soak event-to-ghl p50s=%.2f p99s=%.2f maxs=%.2f%n", rs.getDouble(1),
                        rs.getDouble(2), rs.getDouble(3));
            }
        }
    }

    private static long scalar(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Map<String, Long> groups(Statement s, String sql) throws Exception {
        Map<String, Long> m = new TreeMap<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                m.put(rs.getString(1), rs.getLong(2));
            }
        }
        return m;
    }
}
