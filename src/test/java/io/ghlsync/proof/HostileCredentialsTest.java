package io.ghlsync.proof;

import static io.ghlsync.proof.Hostile.Field;
import static io.ghlsync.proof.Hostile.Kind;
import static io.ghlsync.proof.HostileCredentials.Holder;
import static io.ghlsync.proof.HostileCredentials.pickOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ghlsync.config.Json;
import io.ghlsync.deadletter.DeadLetterRows;
import io.ghlsync.support.TestService;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Proof 4 (the access gate, authentication on): generated requests to every operations endpoint, each with a
 * credential from {@link HostileCredentials}: none, malformed, forged, expired, a scope of the wrong type, a huge
 * scope of near misses, a booking token, an ops:read token on an ops:write endpoint. Each answer must be the one the
 * credential and the endpoint's owner call for (415 for a body that is not JSON, before anything else; 401; 403;
 * for a permitted caller the endpoint's own answer, a 4xx for the invalid input it is then sent), a 4xx always with
 * the JSON error body, never a 5xx, and not one row of any table changed. Callers without the right scope mostly send
 * VALID input (a replay, a discard, {@code action=retry} smuggled past the policy in every way known), so a refusal
 * is due to the credential alone. {@code -Dproof.hostile.access.count=N} per endpoint (default 250),
 * {@code -Dproof.seed=N}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileCredentialsTest {

    private static final String SECRET = GatedService.SECRET;
    static final int PER_ENDPOINT = Integer.getInteger("proof.hostile.access.count", 250);

    /** Who an endpoint's rule admits. */
    enum Needs {
        OPS_READ, OPS_WRITE, BOOKING_OR_OPS_READ, NOBODY;

        boolean permits(Holder h) {
            return switch (this) {
                case OPS_READ -> h == Holder.OPS_READ || h == Holder.OPS_WRITE;
                case OPS_WRITE -> h == Holder.OPS_WRITE;
                case BOOKING_OR_OPS_READ -> h == Holder.BOOKING || h == Holder.OPS_READ || h == Holder.OPS_WRITE;
                case NOBODY -> false;
            };
        }
    }

    /** A request; valid: a permitted caller gets the endpoint's normal answer (2xx on a read-only endpoint). */
    record Input(String method, String target, String contentType, byte[] body, boolean valid, String what) {
        static Input get(String target, boolean valid) {
            return new Input("GET", target, null, null, valid, valid ? "valid" : "invalid query");
        }

        static Input post(String target, String json) {
            return new Input("POST", target, json == null ? null : "application/json",
                    json == null ? null : json.getBytes(StandardCharsets.UTF_8), true, "valid");
        }

        static Input of(Hostile.Probe p) {
            return new Input(p.method(), p.path(), p.contentType(), p.body(), false, p.what());
        }

        /** The gate refuses a body that is not JSON before it looks at credentials. */
        boolean refusedAsNotJson() {
            if (body == null || body.length == 0) {
                return false;
            }
            String type = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
            return !(type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json")));
        }
    }

    /** The answer a case calls for: an exact status, the endpoint's own 4xx, or any normal answer. */
    private static final int ENDPOINT_REFUSAL = -4;
    private static final int NORMAL_ANSWER = -2;

    private record Case(HostileCredentials.Credential credential, Input input, int expected) {}

    private TestService service;
    private HostileCredentials credentials;
    private UUID appointment;
    private long deadLetterId;
    private Map<String, String> before;

    @BeforeAll
    void start() {
        service = GatedService.get();
        credentials = new HostileCredentials(SECRET);
        DeadLetterRows rows = new DeadLetterRows(service.jdbc());
        appointment = rows.appointment();
        deadLetterId = rows.openDeadLetter(appointment, "server_error");
        before = TableDigest.of(service.jdbc());
    }

    @AfterAll
    void stop() {
        assertThat(TableDigest.of(service.jdbc())).as("no table changed").isEqualTo(before);
    }

    private void prove(String endpoint, Needs needs, boolean readOnly, Function<Random, Input> valid,
            Function<Random, Input> invalid) throws Exception {
        Random r = new Random(Hostile.SEED ^ endpoint.hashCode());
        List<Case> cases = new ArrayList<>(PER_ENDPOINT);
        for (int i = 0; i < PER_ENDPOINT; i++) {
            HostileCredentials.Credential c = credentials.next(r);
            boolean permitted = c.holder() != Holder.INVALID && needs.permits(c.holder());
            Input in;
            if (permitted) {
                in = invalid == null || (readOnly && r.nextBoolean()) ? valid.apply(r) : invalid.apply(r);
            } else {
                in = invalid != null && r.nextInt(4) == 0 ? invalid.apply(r) : valid.apply(r);
            }
            int expected = in.refusedAsNotJson() ? 415
                    : c.holder() == Holder.INVALID ? 401
                    : !permitted ? 403
                    : in.valid() && readOnly ? NORMAL_ANSWER : ENDPOINT_REFUSAL;
            cases.add(new Case(c, in, expected));
        }
        Hostile.Report report = new Hostile.Report();
        Map<Holder, AtomicInteger> holders = Collections.synchronizedMap(new EnumMap<>(Holder.class));
        AtomicInteger decoder = new AtomicInteger();
        long t0 = System.nanoTime();
        ProofClient.run(cases.size(), 16, i -> {
            Case c = cases.get(i);
            holders.computeIfAbsent(c.credential().holder(), k -> new AtomicInteger()).incrementAndGet();
            report.count.incrementAndGet();
            try {
                HttpResponse<String> answer = send(c, report);
                int status = answer.statusCode();
                report.statuses.computeIfAbsent(status, k -> new AtomicInteger()).incrementAndGet();
                if (Hostile.decoderRefusal(status)) {
                    decoder.incrementAndGet();
                }
                List<String> ex = report.examples.computeIfAbsent(status,
                        k -> Collections.synchronizedList(new ArrayList<>()));
                if (ex.size() < 3) {
                    ex.add(c.credential().what() + " / " + c.input().what() + " -> " + Hostile.abbreviate(answer.body()));
                }
                String problem = problem(c, status, answer.headers().firstValue("Content-Type").orElse(""),
                        answer.body());
                if (problem != null) {
                    report.failures.add(problem + " for " + c.credential().what() + " (" + c.credential().holder()
                            + ") " + c.input().method() + " " + Hostile.abbreviate(c.input().target()) + " ["
                            + c.input().contentType() + "] (" + c.input().what() + "): "
                            + Hostile.abbreviate(answer.body()));
                }
            } catch (Exception e) {
                report.statuses.computeIfAbsent(-1, k -> new AtomicInteger()).incrementAndGet();
                report.failures.add("no answer (" + e + ") for " + c.credential().what() + " "
                        + c.input().method() + " " + Hostile.abbreviate(c.input().target()));
            }
            return null;
        });
        report.seconds = (System.nanoTime() - t0) / 1e9;
        System.out.println("PROOF hostile credentials " + endpoint + " seed=" + Hostile.SEED + " " + report
                + " holders=" + new TreeMap<>(holders) + " refusedByHttpDecoder=" + decoder);
        report.examples.forEach((status, ex) -> ex.forEach(e -> System.out.println("  " + status + ": " + e)));
        report.failures.stream().limit(20).forEach(f -> System.out.println("  FAIL " + f));
        assertThat(report.failures).as(endpoint + ": " + report).isEmpty();
        assertThat(TableDigest.of(service.jdbc())).as("nothing changed by " + endpoint).isEqualTo(before);
    }

    private HttpResponse<String> send(Case c, Hostile.Report report) throws Exception {
        Input in = c.input();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(service.url(in.target())))
                .timeout(Duration.ofSeconds(60));
        if (in.contentType() != null) {
            b.header("Content-Type", in.contentType());
        }
        for (String value : c.credential().authorization()) {
            b.header("Authorization", value);
        }
        b.method(in.method(), in.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(in.body()));
        for (int attempt = 1; ; attempt++) {
            try {
                return ProofClient.HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException closed) {
                // a pooled connection the server had just closed (after a 413/414): the request never reached it
                if (attempt == 3) {
                    throw closed;
                }
                report.resent.incrementAndGet();
            }
        }
    }

    private static String problem(Case c, int status, String contentType, String body) {
        if (Hostile.decoderRefusal(status)) {
            return null;
        }
        if (status >= 500) {
            return "status " + status;
        }
        int expected = c.expected();
        if (expected > 0 && status != expected) {
            return "status " + status + " where " + expected + " was due";
        }
        if (expected == ENDPOINT_REFUSAL && (status < 400 || status == 401 || status == 403)) {
            return "status " + status + " where the endpoint's own 4xx was due";
        }
        if (expected == NORMAL_ANSWER && (status == 401 || status == 403 || (status >= 300 && status < 400))) {
            return "status " + status + " where the endpoint's normal answer was due";
        }
        return status >= 400 ? Hostile.errorShapeProblem(status, contentType, body) : null;
    }

    // ------------------------------------------------------------------ the endpoints

    @Test
    void deadLetterListAnswersEveryHostileCredentialAsItsOwnerRequires() throws Exception {
        Map<String, Kind> params = Map.of("appointmentId", Kind.UUID, "status", Kind.ENUM, "limit", Kind.INT);
        Map<String, String> valid = Map.of("appointmentId", appointment.toString(), "status", "OPEN", "limit", "5");
        prove("GET /api/dead-letters", Needs.OPS_READ, true,
                r -> Input.get("/api/dead-letters" + pickOf(r, "", "?status=OPEN", "?status=OPEN&limit=5",
                        "?appointmentId=" + appointment), true),
                r -> Input.get("/api/dead-letters" + Hostile.query(r, params, valid), false));
    }

    @Test
    void bulkReplayReplaysNothingForAnyHostileCredential() throws Exception {
        ObjectNode template = Json.MAPPER.createObjectNode().put("action", "update").put("status", "OPEN")
                .put("limit", 5).put("olderThanMinutes", 1).put("appointmentId", appointment.toString());
        List<Field> fields = List.of(Field.of("appointmentId", Kind.UUID, false), Field.of("action", Kind.ENUM, false),
                Field.of("olderThanMinutes", Kind.INT, false), Field.of("status", Kind.ENUM, false),
                Field.of("limit", Kind.INT, false));
        prove("POST /api/dead-letters/replay", Needs.OPS_WRITE, false,
                r -> Input.post("/api/dead-letters/replay", pickOf(r, "{\"status\":\"OPEN\"}",
                        "{\"appointmentId\":\"" + appointment + "\"}", "{\"action\":\"update\",\"limit\":5}")),
                r -> Input.of(Hostile.body(r, "POST", "/api/dead-letters/replay", template, fields, true)));
    }

    @Test
    void replayOneReplaysNothingForAnyHostileCredential() throws Exception {
        prove("POST /api/dead-letters/{id}/replay", Needs.OPS_WRITE, false,
                r -> Input.post("/api/dead-letters/" + deadLetterId + "/replay", r.nextBoolean() ? null : "{}"),
                r -> {
                    String id = switch (r.nextInt(3)) {
                        case 0 -> String.valueOf(deadLetterId + 1 + r.nextInt(1_000_000));
                        case 1 -> UUID.randomUUID().toString();
                        default -> Hostile.invalidQueryValue(r, Kind.INT);
                    };
                    return new Input("POST", "/api/dead-letters/" + id + "/replay", null, null, false, "id " + id);
                });
    }

    @Test
    void discardDiscardsNothingForAnyHostileCredential() throws Exception {
        ObjectNode template = Json.MAPPER.createObjectNode().put("reason", "not needed");
        List<Field> fields = List.of(Field.text("reason", 500, true));
        String path = "/api/dead-letters/" + deadLetterId + "/discard";
        prove("POST /api/dead-letters/{id}/discard", Needs.OPS_WRITE, false,
                r -> Input.post(path, "{\"reason\":\"not needed\"}"),
                r -> r.nextInt(10) == 0
                        ? new Input("POST", "/api/dead-letters/" + (deadLetterId + 1 + r.nextInt(1000)) + "/discard",
                                "application/json", template.toString().getBytes(StandardCharsets.UTF_8), false,
                                "unknown id")
                        : Input.of(Hostile.body(r, "POST", path, template, fields, false)));
    }

    @Test
    void syncMonitorAnswersEveryHostileCredentialAsItsOwnerRequires() throws Exception {
        prove("GET /gohighlevel-sync-monitor", Needs.OPS_READ, true,
                r -> Input.get(monitorPath(r) + pickOf(r, "", "?action=status", "?action=health",
                        "?action=status&appointmentId=" + appointment), true),
                r -> Input.get(monitorPath(r) + (r.nextBoolean()
                        ? "?action=" + Hostile.invalidQueryValue(r, Kind.ENUM)
                        : "?action=status&appointmentId=" + Hostile.invalidQueryValue(r, Kind.UUID)), false));
    }

    @Test
    void syncMonitorRetryCannotBeReachedWithoutOpsWriteHoweverTheQueryIsWritten() throws Exception {
        String id = "appointmentId=" + appointment;
        prove("GET /gohighlevel-sync-monitor?action=retry", Needs.OPS_WRITE, false,
                r -> Input.get(monitorPath(r) + switch (r.nextInt(7)) {
                    case 0 -> "?action=retry&" + id;
                    case 1 -> "?" + id + "&action=retry";
                    // Vert.x reads the first 1,024 parameters only; the monitor reads them all
                    case 2 -> "?" + "a&".repeat(1_024 + r.nextInt(300)) + "action=retry&" + id;
                    case 3 -> "?action=status&action=retry&" + id;
                    case 4 -> "?x=1;action=retry&" + id;
                    case 5 -> "?%61ction=re%74ry&" + id;
                    default -> "?action=retry&" + id + "&action=retry";
                }, true),
                r -> Input.get(monitorPath(r) + "?action=retry&appointmentId="
                        + Hostile.invalidQueryValue(r, Kind.UUID), false));
    }

    @Test
    void syncMonitorRetrySmuggledBehindAHashIsRefusedWithoutOpsWrite() throws Exception {
        // Java's HttpClient does not send a '#': these go over a plain socket. Vert.x's decoder stops at '#', the
        // monitor's own query parser did not, so ops:read once reached the retry.
        int port = URI.create(service.url("")).getPort();
        String reader = "Bearer " + credentials.token("{\"sub\":\"r\",\"exp\":" + (System.currentTimeMillis() / 1000
                + 600) + ",\"scope\":\"ops:read\"}");
        String booking = "Bearer " + credentials.token("{\"sub\":\"b\",\"exp\":" + (System.currentTimeMillis() / 1000
                + 600) + "}");
        String id = "appointmentId=" + appointment;
        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (String query : List.of("?x=1#&action=retry&" + id, "?action=status&" + id + "#&action=retry",
                "?#&action=retry&" + id, "?" + id + "&x#;action=retry", "?a=%23&action=retry&" + id)) {
            for (String authorization : List.of(reader, booking)) {
                for (String path : List.of("/gohighlevel-sync-monitor", "/.netlify/functions/gohighlevel-sync-monitor")) {
                    RawHttp.Answer a = RawHttp.get(port, path + query, "Authorization", authorization);
                    sent++;
                    String problem = a.status() != 403 ? "status " + a.status()
                            : Hostile.errorShapeProblem(a.status(), a.contentType(), a.text());
                    if (problem != null) {
                        failures.add(problem + " for " + path + query + ": " + Hostile.abbreviate(a.text()));
                    }
                }
            }
        }
        System.out.println("PROOF hostile credentials monitor retry behind '#': requests=" + sent + " failures="
                + failures.size());
        assertThat(failures).isEmpty();
        assertThat(TableDigest.of(service.jdbc())).as("the dead letter is still OPEN").isEqualTo(before);
    }

    @Test
    void opsDashboardApiAnswersEveryHostileCredentialAsItsOwnerRequires() throws Exception {
        prove("GET /api/ops/timeline", Needs.OPS_READ, true,
                r -> Input.get("/api/ops/timeline" + pickOf(r, "", "?minutes=60", "?minutes=1", "?minutes=1440"),
                        true),
                r -> Input.get("/api/ops/timeline" + pickOf(r, "?minutes=0", "?minutes=1441", "?minutes=-5",
                        "?minutes=abc", "?minutes=" + "9".repeat(30), "?minutes=1.5", "?x=1",
                        "?minutes=" + Hostile.invalidQueryValue(r, Kind.INT)), false));
        prove("GET /api/ops/ghl-budget", Needs.OPS_READ, true,
                r -> Input.get("/api/ops/ghl-budget", true),
                r -> Input.get("/api/ops/ghl-budget?" + pickOf(r, "x", "minutes", "location", "a%00")
                        + "=" + Hostile.invalidQueryValue(r, Kind.ENUM), false));
    }

    @Test
    void installLinkIsIssuedToNoHostileCredential() throws Exception {
        // OAuth is not configured here: an operator gets the endpoint's 404, everyone else 401/403 before it.
        prove("POST /api/oauth/install-link", Needs.OPS_WRITE, false,
                r -> Input.post("/api/oauth/install-link", pickOf(r, null, "{}", "{\"locationId\":\"x\"}")), null);
    }

    @Test
    void metricsAndHealthDetailsAnswerEveryHostileCredentialAsTheirOwnerRequires() throws Exception {
        prove("GET /observe/metrics", Needs.OPS_READ, true, r -> Input.get("/observe/metrics", true), null);
        prove("GET /observe/health*", Needs.OPS_READ, true,
                r -> Input.get(pickOf(r, "/observe/health", "/observe/health?exposureLevel=full",
                        "/observe/health/ready?exposureLevel=full", "/observe/health/live?data=true",
                        "/observe/health/ready?data=true&exposureLevel=full"), true), null);
    }

    @Test
    void healthStackTracesAreGivenToNobody() throws Exception {
        prove("GET /observe/health*?stackTrace", Needs.NOBODY, true,
                r -> Input.get(pickOf(r, "/observe/health?stackTrace=true",
                        "/observe/health/ready?stackTrace=true&exposureLevel=full",
                        "/observe/health/live?" + "a&".repeat(1_024 + r.nextInt(100)) + "stackTrace=true",
                        "/observe/health?x=1;stackTrace=true", "/observe/health?%73tackTrace"), true), null);
    }

    @Test
    void whoAmIAnswersEveryHostileCredentialAsItsOwnerRequires() throws Exception {
        prove("GET /api/auth/whoami", Needs.BOOKING_OR_OPS_READ, true, r -> Input.get("/api/auth/whoami", true),
                null);
    }

    private static String monitorPath(Random r) {
        return r.nextInt(5) == 0 ? "/.netlify/functions/gohighlevel-sync-monitor" : "/gohighlevel-sync-monitor";
    }
}
