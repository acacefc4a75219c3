package io.ghlsync.proof;

import static io.ghlsync.proof.HostileCredentials.pickOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.ghlsync.support.TestService;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Proof 4 (the static path, authentication on): GETs for files of the working directory, the build output, the
 * classpath and the system, under every traversal and encoding trick (dot segments plain and percent-encoded once or
 * twice, overlong UTF-8 and Unicode dots, backslashes, repeated slashes, matrix parameters, NUL, trailing dots and
 * slashes, mixed case, absolute URIs in the request line, and real endpoint paths as a prefix), sent byte for byte
 * over a plain socket, without a token and with an ops:write or booking token. Every answer must be a 404 or 400
 * (401/403/405 where the path stays inside a protected endpoint) with the JSON error body, and no answer may hold
 * any of those files: a distinctive string of each, a class file's magic number, or more than a short error. Only the
 * dashboard's four files are ever served, and they still are. {@code -Dproof.hostile.static.count=N} random
 * combinations (default 1,500) on top of the systematic target × prefix set, {@code -Dproof.seed=N}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileStaticPathTest {

    private static final String SECRET = GatedService.SECRET;
    static final int RANDOM_COUNT = Integer.getInteger("proof.hostile.static.count", 1_500);
    private static final byte[] CLASS_MAGIC = {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE};
    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};

    /** Files to reach, relative to the working directory or the classpath, and a string only that file holds. */
    private static final Map<String, String> TARGETS = new LinkedHashMap<>();

    static {
        TARGETS.put("application.properties", "camel.main.name");
        TARGETS.put("pom.xml", "<artifactId>ghl-sync");
        TARGETS.put("routes/sync-event.yaml", "id: sync-event"); // or wherever under routes/ it is: see start()
        TARGETS.put("data/postgres/PG_VERSION", null); // not in this working directory; still asked for
        TARGETS.put("data/postgres/pg_wal/000000010000000000000001", null);
        TARGETS.put("data/postgres/postgresql.conf", "max_connections");
        TARGETS.put("target/classes/logback.xml", "<configuration");
        TARGETS.put("target/classes/jolokia-access.xml", "<restrict>");
        TARGETS.put("target/classes/io/ghlsync/security/AccessGate.class", "io/ghlsync/security/AccessGate");
        TARGETS.put("target/ghl-sync.jar", null);
        TARGETS.put("src/main/resources/logback.xml", "<configuration");
        TARGETS.put("src/main/resources/dashboard/index.html", null); // public as /index.html only
        TARGETS.put("dashboard/index.html", null);
        TARGETS.put("dashboard/dashboard.js", null);
        TARGETS.put("META-INF/MANIFEST.MF", "Manifest-Version");
        TARGETS.put("io/ghlsync/security/AccessGate.class", "io/ghlsync/security/AccessGate");
        TARGETS.put("io/ghlsync/config/Application.class", "io/ghlsync/config/Application");
        TARGETS.put("logback.xml", "<configuration");
        TARGETS.put("jolokia-access.xml", "<restrict>");
        TARGETS.put("db/migration/V1__booking_schema.sql", "create table customers");
        TARGETS.put("schemas/create-appointment.json", "\"$schema\"");
        TARGETS.put(".git", "gitdir:");
        TARGETS.put("Dockerfile", "FROM ");
        TARGETS.put("etc/passwd", "root:x:0:0");
    }

    private static final String[] PREFIXES = {"/", "//", "///", "/./", "/../", "/../../../", "/..%2f", "/..%2F..%2F",
        "/%2e%2e/", "/%2e%2e%2f", "/%2E%2E/", "/%252e%252e/", "/%252e%252e%252f", "/..%252f", "/.%2e/", "/%2e./",
        "/..\\", "/..%5c", "/%5c..%5c", "/..;/", "/;x/../", "/;/", "/%c0%ae%c0%ae/", "/%c0%ae%c0%ae%c0%af",
        "/%e0%80%ae%e0%80%ae/", "/%ef%bc%8e%ef%bc%8e/", "/%e2%80%a4%e2%80%a4/", "/%u002e%u002e/", "/....//",
        "/.../", "/..././", "/%00/../", "/x%00/../", "/dashboard.js/../", "/index.html/../", "/dashboard.css/..%2f",
        "/api/appointments/../../", "/api/appointments/..%2f..%2f", "/api/appointments/..%252f",
        "/observe/jolokia/../../", "/observe/jolokia/..%2f..%2f", "/observe/health/../../",
        "/gohighlevel-webhook/../", "/static/", "/public/", "/classpath:", "/file:", "/dashboard/", "/META-INF/../",
        "/target/../", "/%2e/", "/\\\\", "/%5c%5c", "/.;/", "/%3b/../", "/*/../"};
    private static final String[] SEPARATORS = {"/", "%2f", "%2F", "\\", "%5c", "//", "/./", "%252f", "/;x/"};
    private static final String[] SUFFIXES = {"", ".", "/", "%00", "%00.html", ";x", ";jsessionid=1", "%20",
        "::$DATA", "~", "?", "#x", "%23", "/.", "..", "%2e", "?download=1", "/..", "%2f", "\\"};
    /** The only answers with a body that may come back 200, by path: the dashboard. */
    private static final List<String> PUBLIC = List.of("/", "/index.html", "/dashboard.js", "/dashboard.css");

    private TestService service;
    private int port;
    private String operator;
    private String booking;
    private final Map<String, String> markers = new LinkedHashMap<>();
    private final List<byte[]> publicFiles = new ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        service = GatedService.get();
        port = URI.create(service.url("")).getPort();
        operator = TestService.bearer(SECRET, "ops:read ops:write")[1];
        booking = TestService.bearer(SECRET, null)[1];
        try (var files = Files.walk(Path.of("routes"))) {
            files.filter(f -> f.getFileName().toString().equals("sync-event.yaml")).findFirst()
                    .ifPresent(f -> TARGETS.put(f.toString().replace('\\', '/'), "id: sync-event"));
        }
        // A marker counts only where this working directory (or the classpath) really has it in that file.
        TARGETS.forEach((file, marker) -> {
            if (marker != null && holds(file, marker)) {
                markers.put(file, marker);
            }
        });
        assertThat(markers).as("the files this proof tries to reach exist here")
                .containsKeys("application.properties", "pom.xml", "logback.xml")
                .containsValue("id: sync-event");
        for (String path : PUBLIC) {
            RawHttp.Answer a = RawHttp.get(port, path);
            publicFiles.add(a.body());
        }
        assertDashboardServed();
    }

    @AfterAll
    void stillServed() throws Exception {
        assertDashboardServed();
    }

    private static boolean holds(String file, String marker) {
        try {
            Path local = file.startsWith("etc/") ? Path.of("/" + file) : Path.of(file);
            if (Files.isRegularFile(local)) {
                return new String(Files.readAllBytes(local), StandardCharsets.ISO_8859_1).contains(marker);
            }
            try (var in = HostileStaticPathTest.class.getClassLoader().getResourceAsStream(file)) {
                return in != null && new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).contains(marker);
            }
        } catch (Exception e) {
            return false;
        }
    }

    private void assertDashboardServed() throws Exception {
        Map<String, String> types = Map.of("/", "text/html", "/index.html", "text/html", "/dashboard.js",
                "text/javascript", "/dashboard.css", "text/css");
        for (String path : PUBLIC) {
            RawHttp.Answer a = RawHttp.get(port, path);
            assertThat(a.status()).as(path).isEqualTo(200);
            assertThat(a.contentType()).as(path).startsWith(types.get(path));
            assertThat(a.headers()).as(path).containsKey("content-security-policy");
            assertThat(a.body().length).as(path).isGreaterThan(100);
        }
    }

    @Test
    void noTraversalOrEncodingTrickReachesAFileOfTheWorkingDirectoryOrClasspath() throws Exception {
        List<String[]> requests = new ArrayList<>(); // target, Authorization (or null), what
        for (String file : TARGETS.keySet()) {
            for (String prefix : PREFIXES) {
                requests.add(new String[] {prefix + file, null, "prefix " + prefix});
            }
            requests.add(new String[] {"http://localhost:" + port + "/../" + file, null, "absolute URI"});
            requests.add(new String[] {"http://localhost/" + file, null, "absolute URI"});
            requests.add(new String[] {"file:///" + Path.of("").toAbsolutePath() + "/" + file, null, "file URI"});
            requests.add(new String[] {file, null, "no leading slash"});
            requests.add(new String[] {"//localhost/" + file, null, "network-path reference"});
        }
        Random r = new Random(Hostile.SEED ^ "static".hashCode());
        List<String> files = new ArrayList<>(TARGETS.keySet());
        for (int i = 0; i < RANDOM_COUNT; i++) {
            String file = files.get(r.nextInt(files.size()));
            String sep = r.nextInt(3) == 0 ? pickOf(r, SEPARATORS) : "/";
            String path = file.replace("/", sep);
            path = switch (r.nextInt(5)) {
                case 0 -> path.toUpperCase(Locale.ROOT);
                case 1 -> mixedCase(r, path);
                default -> path;
            };
            String target = pickOf(r, PREFIXES) + (r.nextInt(4) == 0 ? pickOf(r, PREFIXES).substring(1) : "") + path
                    + pickOf(r, SUFFIXES);
            if (r.nextInt(20) == 0) {
                target = "http://localhost:" + port + target;
            }
            String authorization = switch (r.nextInt(3)) {
                case 0 -> operator;
                case 1 -> booking;
                default -> null;
            };
            requests.add(new String[] {target, authorization, "random, sep " + sep});
        }
        Hostile.Report report = new Hostile.Report();
        AtomicInteger checkedMarkers = new AtomicInteger();
        long t0 = System.nanoTime();
        ProofClient.run(requests.size(), 8, i -> {
            String[] q = requests.get(i);
            report.count.incrementAndGet();
            try {
                RawHttp.Answer a = q[1] == null ? RawHttp.get(port, q[0]) : RawHttp.get(port, q[0], "Authorization", q[1]);
                report.statuses.computeIfAbsent(a.status(), k -> new AtomicInteger()).incrementAndGet();
                var ex = report.examples.computeIfAbsent(a.status(),
                        k -> java.util.Collections.synchronizedList(new ArrayList<>()));
                if (ex.size() < 3) {
                    ex.add(Hostile.abbreviate(q[0]) + " -> " + Hostile.abbreviate(a.text()));
                }
                checkedMarkers.addAndGet(markers.size());
                String problem = problem(q[0], q[1] != null, a);
                if (problem != null) {
                    report.failures.add(problem + " for GET " + Hostile.abbreviate(q[0]) + (q[1] == null ? ""
                            : " (token)") + ": " + Hostile.abbreviate(a.text()));
                }
            } catch (Exception e) {
                report.failures.add("no answer (" + e + ") for GET " + Hostile.abbreviate(q[0]));
            }
            return null;
        });
        report.seconds = (System.nanoTime() - t0) / 1e9;
        System.out.println("PROOF hostile static paths seed=" + Hostile.SEED + " " + report + " files="
                + TARGETS.size() + " markersChecked=" + markers.keySet());
        report.examples.forEach((status, ex) -> ex.forEach(e -> System.out.println("  " + status + ": " + e)));
        report.failures.stream().limit(20).forEach(f -> System.out.println("  FAIL " + f));
        assertThat(report.failures).as(report.toString()).isEmpty();
    }

    @Test
    void requestLinesTheHttpDecoderRefusesLeakNothingEither() throws Exception {
        // Raw spaces, control characters and non-ASCII bytes in the request line: Vert.x's HTTP decoder may refuse
        // them before any handler runs (a bare 400, like its 414/431: known, no JSON can be added there).
        List<String> targets = new ArrayList<>();
        for (String file : List.of("application.properties", "pom.xml", "io/ghlsync/security/AccessGate.class")) {
            for (String trick : List.of("/a b/../", "/\u0001/../", "/\u007f/../", "/\u2025/", "/\uff0e\uff0e/", "/..\u0000/",
                    "/%2e%2e\t/", "/\u00e9/../", "/\u0085/../")) {
                targets.add(trick + file);
            }
        }
        int bare = 0;
        List<String> failures = new ArrayList<>();
        for (String target : targets) {
            RawHttp.Answer a = RawHttp.get(port, target);
            boolean json = a.contentType().startsWith("application/json");
            if (a.status() == 400 && !json && a.body().length == 0) {
                bare++;
                continue;
            }
            String problem = problem(target, false, a);
            if (problem != null) {
                failures.add(problem + " for " + target.replaceAll("\\p{Cntrl}", "?") + ": " + Hostile.abbreviate(a.text()));
            }
        }
        System.out.println("PROOF hostile static paths, request lines with raw bytes: requests=" + targets.size()
                + " bareDecoderRefusals400=" + bare + " failures=" + failures.size());
        failures.forEach(f -> System.out.println("  FAIL " + f));
        assertThat(failures).isEmpty();
    }

    private String problem(String target, boolean token, RawHttp.Answer a) {
        byte[] body = a.body();
        String text = new String(body, StandardCharsets.ISO_8859_1);
        for (Map.Entry<String, String> m : markers.entrySet()) {
            if (text.contains(m.getValue())) {
                return "LEAK of " + m.getKey();
            }
        }
        if (RawHttp.contains(body, CLASS_MAGIC) || RawHttp.contains(body, ZIP_MAGIC)) {
            return "LEAK of a class file or jar";
        }
        if (a.status() == 200) {
            return publicFiles.stream().anyMatch(f -> Arrays.equals(f, body)) ? null
                    : "200 with something other than a dashboard file";
        }
        if (Hostile.decoderRefusal(a.status())) {
            return null;
        }
        // dot segments before it may make /api/… or /observe/… the path the gate sees (401/403, Jolokia's 405)
        boolean protectedPrefix = target.contains("/api/") || target.contains("/observe/");
        boolean expected = a.status() == 404 || a.status() == 400
                || (protectedPrefix && (a.status() == 401 || a.status() == 403 || a.status() == 405));
        if (!expected) {
            return "status " + a.status();
        }
        if (body.length > 1_000) {
            return "an error answer of " + body.length + " bytes";
        }
        return Hostile.errorShapeProblem(a.status(), a.contentType(), a.text());
    }

    private static String mixedCase(Random r, String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            b.append(r.nextBoolean() ? Character.toUpperCase(c) : c);
        }
        return b.toString();
    }
}
