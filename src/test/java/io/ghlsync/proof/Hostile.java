package io.ghlsync.proof;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ghlsync.config.Json;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Generator of hostile requests (seeded, so a failure can be repeated with -Dproof.seed=N) and the check that the
 * service answers every one of them with a 4xx JSON error. Each generated body is invalid BY CONSTRUCTION: one
 * field gets a value its kind never accepts, or the body as a whole is broken (not JSON, not an object, truncated,
 * invalid UTF-8, nested too deep, too large, wrong content type, a required field missing, an unknown field).
 */
final class Hostile {

    static final long SEED = Long.getLong("proof.seed", 20261129L);
    static final int PER_ENDPOINT = Integer.getInteger("proof.hostile.count", 10_000);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** What a field holds; decides which values are certainly invalid for it. */
    enum Kind { UUID, ENUM, DATE, TEXT, INT, TEXT_COERCED, NON_STRING }

    /** A field of a request body: its kind, largest valid length (TEXT), whether it is required. */
    record Field(String path, Kind kind, int maxLength, boolean required) {
        static Field of(String path, Kind kind, boolean required) {
            return new Field(path, kind, 0, required);
        }

        static Field text(String path, int maxLength, boolean required) {
            return new Field(path, Kind.TEXT, maxLength, required);
        }
    }

    /** One request to send. */
    record Probe(String method, String path, String contentType, byte[] body, String what) {}

    private Hostile() {}

    // ------------------------------------------------------------------ bodies

    /**
     * A hostile body derived from a valid template. {@code allowUnknownField}: whether the endpoint rejects unknown
     * fields (all our JSON-schema endpoints do).
     */
    static Probe body(Random r, String method, String path, ObjectNode template, List<Field> fields,
            boolean unknownFieldsRejected) {
        int pick = r.nextInt(100);
        if (pick < 40) {
            Field f = fields.get(r.nextInt(fields.size()));
            ObjectNode copy = template.deepCopy();
            JsonNode bad = invalidValue(r, f);
            set(copy, f.path(), bad);
            return json(method, path, copy.toString().getBytes(StandardCharsets.UTF_8),
                    "field " + f.path() + " = " + abbreviate(bad.toString()));
        }
        byte[] valid = template.toString().getBytes(StandardCharsets.UTF_8);
        return switch (pick) {
            case 40, 41, 42, 43, 44 -> {
                List<Field> required = fields.stream().filter(Field::required).toList();
                if (required.isEmpty()) {
                    yield json(method, path, "[]".getBytes(StandardCharsets.UTF_8), "array root");
                }
                Field f = required.get(r.nextInt(required.size()));
                ObjectNode copy = template.deepCopy();
                remove(copy, f.path());
                yield json(method, path, copy.toString().getBytes(StandardCharsets.UTF_8), "without " + f.path());
            }
            case 45, 46, 47, 48, 49 -> {
                if (!unknownFieldsRejected) {
                    yield json(method, path, truncate(r, valid), "truncated");
                }
                ObjectNode copy = template.deepCopy();
                copy.set("x" + Integer.toHexString(r.nextInt()), randomValue(r, 2));
                yield json(method, path, copy.toString().getBytes(StandardCharsets.UTF_8), "unknown field");
            }
            case 50, 51, 52, 53, 54, 55, 56 -> json(method, path, truncate(r, valid), "truncated JSON");
            case 57, 58, 59, 60, 61 -> json(method, path, nonObject(r), "JSON that is not an object");
            case 62, 63, 64, 65, 66, 67 -> json(method, path, invalidUtf8(r, template, fields), "invalid UTF-8");
            case 68, 69, 70, 71, 72 -> {
                Field f = fields.get(r.nextInt(fields.size()));
                int depth = r.nextBoolean() ? 200 + r.nextInt(500) : 1_500 + r.nextInt(20_000);
                String bodyText = replaceField(template, f.path(), deep(r, depth));
                yield json(method, path, bodyText.getBytes(StandardCharsets.UTF_8), "nested " + depth + " deep in "
                        + f.path());
            }
            case 73, 74, 75, 76, 77, 78, 79, 80 -> new Probe(method, path, wrongContentType(r), valid,
                    "valid body, wrong content type");
            case 81 -> json(method, path, oversized(r), "over 1 MiB");
            case 82, 83, 84 -> json(method, path, new byte[0], "empty body");
            case 85, 86, 87, 88 -> json(method, path, randomBytes(r), "random bytes");
            case 89, 90, 91 -> json(method, path, ("{\"a\":" + "1".repeat(2_000 + r.nextInt(5_000)) + "}")
                    .getBytes(StandardCharsets.UTF_8), "huge number, unknown field");
            default -> {
                Field f = fields.get(r.nextInt(fields.size()));
                ObjectNode copy = template.deepCopy();
                set(copy, f.path(), invalidValue(r, f));
                Field g = fields.get(r.nextInt(fields.size()));
                set(copy, g.path(), invalidValue(r, g));
                yield json(method, path, copy.toString().getBytes(StandardCharsets.UTF_8),
                        "two fields " + f.path() + ", " + g.path());
            }
        };
    }

    static JsonNode invalidValue(Random r, Field f) {
        List<JsonNode> options = new ArrayList<>();
        ArrayNode array = NODES.arrayNode().add(randomString(r, 5)).add(r.nextInt());
        ObjectNode object = NODES.objectNode().put("value", randomString(r, 8));
        switch (f.kind()) {
            case UUID, ENUM, DATE -> {
                options.add(NODES.numberNode(r.nextInt()));
                options.add(NODES.booleanNode(r.nextBoolean()));
                options.add(array);
                options.add(object);
                options.add(NODES.textNode("zz" + randomString(r, 1 + r.nextInt(40))));
                options.add(NODES.textNode(huge(r)));
                options.add(NODES.textNode("\u0000" + randomString(r, 3)));
            }
            case TEXT -> {
                options.add(NODES.numberNode(r.nextDouble() * 1e6));
                options.add(NODES.booleanNode(r.nextBoolean()));
                options.add(array);
                options.add(object);
                options.add(NODES.textNode("Ω".repeat(f.maxLength() + 1 + r.nextInt(20_000))));
            }
            case INT -> {
                options.add(NODES.textNode("n" + randomString(r, 6)));
                options.add(NODES.booleanNode(r.nextBoolean()));
                options.add(array);
                options.add(object);
                options.add(NODES.numberNode(1.5 + r.nextInt(100)));
                options.add(NODES.numberNode(-1 - r.nextInt(1_000_000)));
                options.add(NODES.numberNode(new java.math.BigInteger("9".repeat(30 + r.nextInt(300)))));
            }
            case TEXT_COERCED -> {
                options.add(array);
                options.add(object);
            }
            case NON_STRING -> {
                options.add(NODES.numberNode(r.nextInt()));
                options.add(NODES.booleanNode(r.nextBoolean()));
                options.add(array);
                options.add(object);
            }
        }
        if (f.required() && f.kind() != Kind.TEXT_COERCED) {
            options.add(NODES.nullNode());
        }
        return options.get(r.nextInt(options.size()));
    }

    /** A hostile query string value for a parameter of the given kind. */
    static String invalidQueryValue(Random r, Kind kind) {
        return switch (r.nextInt(6)) {
            case 0 -> "zz" + enc(randomString(r, 1 + r.nextInt(30)));
            case 1 -> "%FF%FE%C3%28" + r.nextInt(100);
            case 2 -> "z".repeat(2_000 + r.nextInt(6_000));
            case 3 -> kind == Kind.INT ? String.valueOf(-1 - r.nextInt(1000)) : "%00" + r.nextInt(100);
            case 4 -> kind == Kind.INT ? "9".repeat(20 + r.nextInt(50)) : "%3Cscript%3E" + r.nextInt(100);
            default -> enc("' or 1=1 --" + randomString(r, 5));
        };
    }

    /** A query string with at least one invalid parameter (and maybe valid ones). */
    static String query(Random r, Map<String, Kind> params, Map<String, String> validValues) {
        List<String> names = new ArrayList<>(new java.util.TreeSet<>(params.keySet()));
        List<String> parts = new ArrayList<>();
        String bad = names.get(r.nextInt(names.size()));
        parts.add(bad + "=" + invalidQueryValue(r, params.get(bad)));
        for (String name : names) {
            if (!name.equals(bad) && r.nextInt(3) == 0) {
                parts.add(name + "=" + (r.nextBoolean() ? validValues.get(name) : invalidQueryValue(r, params.get(name))));
            }
        }
        Collections.shuffle(parts, r);
        return "?" + String.join("&", parts);
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ running and checking

    /** Outcome of sending the probes of one endpoint. */
    static final class Report {
        final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        final List<String> failures = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger count = new AtomicInteger();
        final AtomicInteger resent = new AtomicInteger();
        /** The first few probes per answer status, to show what provoked which answer. */
        final Map<Integer, List<String>> examples = new ConcurrentHashMap<>();
        double seconds;

        @Override
        public String toString() {
            Map<Integer, Integer> sorted = new TreeMap<>();
            statuses.forEach((k, v) -> sorted.put(k, v.get()));
            return String.format("requests=%d seconds=%.1f statuses=%s failures=%d resentAfterClosedConnection=%d",
                    count.get(), seconds, sorted, failures.size(), resent.get());
        }
    }

    /** Sends every probe (16 at a time) and checks: status 4xx, JSON body with success=false and an error text. */
    static Report send(String baseUrl, List<Probe> probes) throws Exception {
        Report report = new Report();
        long t0 = System.nanoTime();
        ProofClient.run(probes.size(), 16, i -> {
            Probe p = probes.get(i);
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + p.path()))
                    .timeout(Duration.ofSeconds(60));
            if (p.contentType() != null) {
                b.header("Content-Type", p.contentType());
            }
            b.method(p.method(), p.body() == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(p.body()));
            report.count.incrementAndGet();
            try {
                HttpResponse<String> r = null;
                for (int attempt = 1; r == null; attempt++) {
                    try {
                        r = ProofClient.HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
                    } catch (java.io.IOException closed) {
                        // The pooled connection was one the server had just closed (it closes after a 413/414):
                        // the request never reached it. Sent again (the next pooled connection can be another
                        // such one, so up to 3 times); the table digest still proves nothing was stored.
                        if (attempt == 3) {
                            throw closed;
                        }
                        report.resent.incrementAndGet();
                    }
                }
                report.statuses.computeIfAbsent(r.statusCode(), k -> new AtomicInteger()).incrementAndGet();
                List<String> ex = report.examples.computeIfAbsent(r.statusCode(),
                        k -> Collections.synchronizedList(new ArrayList<>()));
                if (ex.size() < 3) {
                    ex.add(p.what() + " -> " + abbreviate(r.body()));
                }
                String problem = problem(r);
                if (problem != null) {
                    report.failures.add(problem + " for " + p.method() + " " + abbreviate(p.path()) + " [" + p.contentType() + "] ("
                            + p.what() + "): " + abbreviate(r.body()));
                }
            } catch (Exception e) {
                report.statuses.computeIfAbsent(-1, k -> new AtomicInteger()).incrementAndGet();
                report.failures.add("no answer (" + e + ") for " + p.method() + " " + abbreviate(p.path()) + " ("
                        + p.what() + ")");
            }
            return null;
        });
        report.seconds = (System.nanoTime() - t0) / 1e9;
        return report;
    }

    private static String problem(HttpResponse<String> r) {
        if (r.statusCode() < 400 || r.statusCode() > 499) {
            return "status " + r.statusCode();
        }
        return errorShapeProblem(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
    }

    /** Refused before any handler runs: Vert.x's HTTP decoder answers these itself, so no JSON body can be added. */
    static boolean decoderRefusal(int status) {
        return status == 414 || status == 431;
    }

    /** Null when a 4xx answer is the service's JSON error ({success:false, error, …}), else what is wrong. */
    static String errorShapeProblem(int status, String contentType, String body) {
        if (decoderRefusal(status)) {
            return null;
        }
        if (!contentType.startsWith("application/json")) {
            return "status " + status + " without a JSON content type";
        }
        try {
            JsonNode json = Json.MAPPER.readTree(body);
            if (!json.path("success").isBoolean() || json.path("success").asBoolean()
                    || json.path("error").asText("").isBlank()) {
                return "status " + status + " without {success:false, error}";
            }
        } catch (Exception e) {
            return "status " + status + " with a body that is not JSON";
        }
        return null;
    }

    // ------------------------------------------------------------------ pieces

    static Probe json(String method, String path, byte[] body, String what) {
        return new Probe(method, path, "application/json", body, what);
    }

    private static String wrongContentType(Random r) {
        String[] types = {null, "text/plain", "application/xml", "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x", "text/json; charset=utf-8", "application/json; charset=iso-8859-1",
            "application/octet-stream", "image/png", "application/jsonp", "*/*"};
        return types[r.nextInt(types.length)];
    }

    private static byte[] truncate(Random r, byte[] valid) {
        int cut = 1 + r.nextInt(valid.length - 1);
        byte[] out = new byte[cut];
        System.arraycopy(valid, 0, out, 0, cut);
        return out;
    }

    private static byte[] nonObject(Random r) {
        String[] roots = {"[]", "null", "true", "42", "\"text\"", "[{}]", "[1,2,3]", "-0.5e10", "\"\\u0000\""};
        return roots[r.nextInt(roots.length)].getBytes(StandardCharsets.UTF_8);
    }

    /** The template with invalid UTF-8 bytes inside one of its string values (or as a key). */
    private static byte[] invalidUtf8(Random r, ObjectNode template, List<Field> fields) {
        byte[][] bad = {{(byte) 0xC3, (byte) 0x28}, {(byte) 0xFF}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xED,
            (byte) 0xA0, (byte) 0x80}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80}};
        String marker = "\u0002MARK\u0002";
        ObjectNode copy = template.deepCopy();
        List<Field> texts = fields.stream().filter(f -> textAt(template, f.path())).toList();
        String text;
        if (texts.isEmpty()) {
            copy.put(marker, 1);
        } else {
            Field f = texts.get(r.nextInt(texts.size()));
            set(copy, f.path(), NODES.textNode("ok" + marker));
        }
        text = copy.toString().replace("\\u0002MARK\\u0002", marker);
        int at = text.indexOf(marker);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(text.substring(0, at).getBytes(StandardCharsets.UTF_8));
        out.writeBytes(bad[r.nextInt(bad.length)]);
        out.writeBytes(text.substring(at + marker.length()).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static boolean textAt(ObjectNode template, String path) {
        JsonNode n = template;
        for (String part : path.split("\\.")) {
            n = n.path(part);
        }
        return n.isTextual();
    }

    private static String deep(Random r, int depth) {
        String open = r.nextBoolean() ? "[" : "{\"a\":";
        String close = open.equals("[") ? "]" : "}";
        return open.repeat(depth) + "1" + close.repeat(r.nextInt(4) == 0 ? depth / 2 : depth);
    }

    private static String replaceField(ObjectNode template, String path, String raw) {
        ObjectNode copy = template.deepCopy();
        set(copy, path, NODES.textNode("\u0001PLACEHOLDER"));
        return copy.toString().replace("\"\\u0001PLACEHOLDER\"", raw);
    }

    private static byte[] oversized(Random r) {
        int size = 1_048_576 + 1 + r.nextInt(200_000);
        StringBuilder b = new StringBuilder(size + 20).append("{\"notes\":\"");
        b.append("x".repeat(size));
        return b.append("\"}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] randomBytes(Random r) {
        byte[] b = new byte[1 + r.nextInt(2_000)];
        r.nextBytes(b);
        b[0] = (byte) (0x80 | b[0]); // never a JSON start, so never accidentally valid
        return b;
    }

    private static String huge(Random r) {
        return randomString(r, 1) + "Ω".repeat(5_000 + r.nextInt(50_000));
    }

    static String randomString(Random r, int length) {
        StringBuilder b = new StringBuilder(length);
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 <>&'\"\\/{}[]:;é€𝄞\t\n";
        for (int i = 0; i < length; i++) {
            int cp = alphabet.codePointAt(alphabet.offsetByCodePoints(0,
                    r.nextInt(alphabet.codePointCount(0, alphabet.length()))));
            b.appendCodePoint(cp);
        }
        return b.toString();
    }

    private static JsonNode randomValue(Random r, int depth) {
        return switch (depth <= 0 ? r.nextInt(4) : r.nextInt(6)) {
            case 0 -> NODES.textNode(randomString(r, r.nextInt(20)));
            case 1 -> NODES.numberNode(r.nextLong());
            case 2 -> NODES.booleanNode(r.nextBoolean());
            case 3 -> NODES.nullNode();
            case 4 -> NODES.arrayNode().add(randomValue(r, depth - 1)).add(randomValue(r, depth - 1));
            default -> NODES.objectNode().set(randomString(r, 4), randomValue(r, depth - 1));
        };
    }

    static void set(ObjectNode root, String path, JsonNode value) {
        String[] parts = path.split("\\.");
        ObjectNode n = root;
        for (int i = 0; i < parts.length - 1; i++) {
            n = n.get(parts[i]) instanceof ObjectNode child ? child : n.putObject(parts[i]);
        }
        n.set(parts[parts.length - 1], value);
    }

    private static void remove(ObjectNode root, String path) {
        String[] parts = path.split("\\.");
        ObjectNode n = root;
        for (int i = 0; i < parts.length - 1; i++) {
            n = n.get(parts[i]) instanceof ObjectNode child ? child : n.putObject(parts[i]);
        }
        n.remove(parts[parts.length - 1]);
    }

    static String abbreviate(String s) {
        return s == null ? "null" : s.length() > 160 ? s.substring(0, 160) + "…(" + s.length() + " chars)" : s;
    }

    /** n probes made by the generator. */
    static List<Probe> probes(int n, Random r, java.util.function.Function<Random, Probe> generator) {
        List<Probe> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(generator.apply(r));
        }
        return out;
    }

    static Map<String, Object> summary(String endpoint, Report report) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("endpoint", endpoint);
        m.put("report", report.toString());
        return m;
    }
}
