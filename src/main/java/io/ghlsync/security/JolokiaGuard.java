package io.ghlsync.security;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ghlsync.config.Json;
import io.ghlsync.config.Settings;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;
import javax.management.RuntimeOperationsException;
import org.jolokia.json.JSONStructure;
import org.jolokia.server.core.http.HttpRequestHandler;
import org.jolokia.server.core.request.BadRequestException;
import org.jolokia.server.core.util.EscapeUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jolokia by role, in front of Jolokia's own policy file (which knows no callers). ops:read may read, list, search
 * and ask the version, and exec the read-only operations Hawtio's Camel plugin calls (route diagrams, statistics);
 * ops:write may also exec route start/stop/suspend/resume and write the throttle's attributes. exec and write only
 * by POST. Every request of a bulk body is checked before any runs; a refused one is answered in its place with
 * Jolokia's status 403, as Jolokia's own policy does. What no rule names is refused, e.g. message browsing and the
 * tracer (they show message bodies: personal data) or {@code exec setX}, which is a write in disguise.
 *
 * <p>The guard also answers every request itself, so Jolokia runs exactly what was checked: a POST body as the guard
 * parsed it (a body with a second JSON value after the first, or a key given twice, is refused, since another parser
 * could read it differently), a GET with the very path whose type was checked, split by Jolokia's own
 * {@link EscapeUtil}. A request Jolokia cannot read (malformed MBean name, unknown type, invalid processing
 * parameter) is a 400 with the service's JSON error, not the 500 Camel's Jolokia handler answers then.
 */
public final class JolokiaGuard implements Handler<RoutingContext> {

    /** What may be called, from settings (jolokia.*), and how many requests one body may carry. */
    public record Rules(Set<String> readOperations, ObjectName readOperationMBeans, Set<String> writeOperations,
            ObjectName writeOperationMBeans, Set<String> writableAttributes, ObjectName writableAttributeMBeans,
            int maxRequestsPerBody) {

        /** Rules without a cap on the requests of one body. */
        public Rules(Set<String> readOperations, ObjectName readOperationMBeans, Set<String> writeOperations,
                ObjectName writeOperationMBeans, Set<String> writableAttributes, ObjectName writableAttributeMBeans) {
            this(readOperations, readOperationMBeans, writeOperations, writeOperationMBeans, writableAttributes,
                    writableAttributeMBeans, Integer.MAX_VALUE);
        }

        public static Rules read(Settings s) {
            return new Rules(list(s.string("jolokia.read-operations")), name(s.string("jolokia.read-operation-mbeans")),
                    list(s.string("jolokia.write-operations")), name(s.string("jolokia.write-operation-mbeans")),
                    list(s.string("jolokia.writable-attributes")),
                    name(s.string("jolokia.writable-attribute-mbeans")),
                    s.integer("jolokia.max-requests-per-body"));
        }

        private static Set<String> list(String csv) {
            return Arrays.stream(csv.split(",")).map(String::trim).filter(x -> !x.isEmpty())
                    .collect(Collectors.toUnmodifiableSet());
        }

        static ObjectName name(String pattern) {
            try {
                return new ObjectName(pattern.trim());
            } catch (MalformedObjectNameException e) {
                throw new IllegalArgumentException("not an MBean name pattern: " + pattern);
            }
        }
    }

    /** A request's verdict: null = allowed, else why not, and with which status. */
    record Refusal(int status, String message) {}

    private static final Set<String> READ_TYPES = Set.of("read", "list", "search", "version");
    private static final Logger LOG = LoggerFactory.getLogger(JolokiaGuard.class);
    /** Reads a body once and completely: another parser must not find a second value or the other of two keys. */
    private static final ObjectReader STRICT = Json.MAPPER.reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final Rules rules;
    private final Supplier<HttpRequestHandler> jolokia;

    /** @param jolokia Jolokia's own request handler */
    public JolokiaGuard(Rules rules, Supplier<HttpRequestHandler> jolokia) {
        this.rules = rules;
        this.jolokia = jolokia;
    }

    @Override
    public void handle(RoutingContext ctx) {
        try {
            guard(ctx);
        } catch (IOException e) { // writing a tree Jackson has just read: not expected
            HttpErrors.send(ctx, 500, "Internal error", "jolokia", "the request could not be handled");
        }
    }

    private void guard(RoutingContext ctx) throws IOException {
        Principal principal = ctx.get(AccessGate.PRINCIPAL);
        HttpServerRequest request = ctx.request();
        if (request.method() == HttpMethod.GET) {
            String pathInfo;
            Refusal refusal;
            try {
                pathInfo = pathInfo(ctx);
                refusal = checkGet(QueryParameters.parse(request.query()), pathInfo);
            } catch (IllegalArgumentException e) {
                HttpErrors.send(ctx, 400, "Bad Request", "jolokia", "the path or query is not valid URL encoding");
                return;
            }
            if (refusal != null) {
                HttpErrors.send(ctx, refusal.status(), "Bad Request", "jolokia", refusal.message());
                return;
            }
            String uri = request.uri();
            Map<String, String[]> params = params(ctx);
            run(ctx, handler -> handler.handleGetRequest(uri, pathInfo, params).toJSONString());
            return;
        }
        byte[] body = ctx.body() == null || ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        JsonNode root = readBody(body);
        if (root == null) {
            HttpErrors.send(ctx, 400, "Bad Request", "body", "a Jolokia request (object) or a bulk request (array), "
                    + "as one JSON value without repeated keys");
            return;
        }
        if (root.size() > rules.maxRequestsPerBody() && root.isArray()) {
            // Each request may be costly (a "list" of every MBean is about a megabyte): thousands in one body kept a
            // worker busy for minutes and built an answer of gigabytes.
            HttpErrors.send(ctx, 400, "Bad Request", "body", "at most " + rules.maxRequestsPerBody()
                    + " requests in one bulk request (jolokia.max-requests-per-body)");
            return;
        }
        List<JsonNode> requests = new ArrayList<>();
        if (root.isArray()) {
            root.forEach(requests::add);
        } else {
            requests.add(root);
        }
        requests.forEach(JolokiaGuard::dropStackTraceOptions);
        List<Refusal> verdicts = requests.stream().map(r -> check(r, principal)).toList();
        // Jolokia's way, which Hawtio expects: HTTP 200, a refused request answered with status 403 in its place,
        // the others of the same bulk run as usual (a 403 for the whole body would break Hawtio's polling).
        boolean bulk = root.isArray();
        String uri = request.uri();
        Map<String, String[]> params = params(ctx);
        if (verdicts.stream().allMatch(v -> v == null)) {
            // Everything may run: Jolokia answers the body as the guard read it, and its answer goes out as it is.
            byte[] checked = Json.MAPPER.writeValueAsBytes(root);
            run(ctx, handler -> handler.handlePostRequest(uri, new ByteArrayInputStream(checked), "UTF-8", params)
                    .toJSONString());
        } else {
            run(ctx, handler -> answer(handler, uri, params, requests, verdicts, bulk));
        }
    }

    /** One Jolokia call, off the event loop. */
    @FunctionalInterface
    private interface JolokiaCall {
        String call(HttpRequestHandler handler) throws Exception;
    }

    private void run(RoutingContext ctx, JolokiaCall call) {
        HttpServerRequest request = ctx.request();
        String scheme = request.scheme();
        String host = request.remoteAddress() == null ? "" : request.remoteAddress().host();
        String origin = origin(request.getHeader("Origin"), request.getHeader("Referer"));
        ctx.vertx().executeBlocking(() -> {
            HttpRequestHandler handler = jolokia.get();
            handler.checkAccess(scheme, host, host, origin);
            return call.call(handler);
        }, false).onComplete(done -> {
            if (done.succeeded()) {
                ctx.response().putHeader("Content-Type", "application/json").end(done.result());
                return;
            }
            Throwable cause = unwrap(done.cause());
            if (unreadable(cause)) {
                HttpErrors.send(ctx, 400, "Bad Request", "jolokia", "Jolokia cannot read this request: "
                        + printable(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage(),
                        200));
            } else if (cause instanceof SecurityException) {
                HttpErrors.send(ctx, 403, "Forbidden", "jolokia", "refused by Jolokia's access policy");
            } else {
                LOG.warn("Jolokia request failed: {}", cause.getClass().getName());
                HttpErrors.send(ctx, 500, "Internal error", "jolokia", "the request could not be handled");
            }
        });
    }

    /**
     * The exception an MBean threw, out of JMX's wrappers. Jolokia reports most failures of a running request in its
     * answer, but an MBean operation given arguments it refuses (a model MBean wraps the IllegalArgumentException in
     * a RuntimeOperationsException) escapes it, failing the whole body.
     */
    static Throwable unwrap(Throwable t) {
        if (t instanceof RuntimeOperationsException e && e.getTargetException() != null) {
            return e.getTargetException();
        }
        if (t instanceof RuntimeMBeanException e && e.getTargetException() != null) {
            return e.getTargetException();
        }
        return t;
    }

    /**
     * What Jolokia throws, rather than answers, when it cannot read a request (it parses all of them before it runs
     * one) or an MBean refuses the arguments: the caller's error.
     */
    static boolean unreadable(Throwable t) {
        return t instanceof IllegalArgumentException || t instanceof BadRequestException
                || t instanceof ClassCastException || t instanceof MalformedObjectNameException;
    }

    private String answer(HttpRequestHandler handler, String uri, Map<String, String[]> params,
            List<JsonNode> requests, List<Refusal> verdicts, boolean bulk) throws Exception {
        ArrayNode allowed = Json.MAPPER.createArrayNode();
        for (int i = 0; i < requests.size(); i++) {
            if (verdicts.get(i) == null) {
                allowed.add(requests.get(i));
            }
        }
        List<JsonNode> results = new ArrayList<>();
        if (!allowed.isEmpty()) {
            JSONStructure response = handler.handlePostRequest(uri,
                    new ByteArrayInputStream(Json.MAPPER.writeValueAsBytes(allowed)), "UTF-8", params);
            Json.MAPPER.readTree(response.toJSONString()).forEach(results::add);
        }
        ArrayNode out = Json.MAPPER.createArrayNode();
        int next = 0;
        for (int i = 0; i < requests.size(); i++) {
            Refusal refusal = verdicts.get(i);
            if (refusal == null) {
                out.add(next < results.size() ? results.get(next++) : Json.MAPPER.nullNode());
            } else {
                ObjectNode error = out.addObject();
                error.put("status", refusal.status());
                error.put("error_type", "java.lang.SecurityException");
                error.put("error", "java.lang.SecurityException : " + refusal.message());
                error.set("request", requests.get(i));
            }
        }
        return bulk ? out.toString() : out.get(0).toString();
    }

    /** One JSON object or non-empty array, nothing after it, no key twice; null otherwise. */
    static JsonNode readBody(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        JsonNode root;
        try {
            root = STRICT.readTree(body);
        } catch (IOException e) {
            return null;
        }
        return root != null && (root.isObject() || (root.isArray() && !root.isEmpty())) ? root : null;
    }

    private static String origin(String origin, String referer) {
        String value = origin != null ? origin : referer;
        return value == null ? "" : value.replaceAll("[\\n\\r]*", "");
    }

    /** Jolokia's processing options whose answer would carry stack traces: forced off for every caller. */
    static final Map<String, String> NO_STACK_TRACES = Map.of("includeStackTrace", "false", "serializeException",
            "false");

    static Map<String, String[]> params(RoutingContext ctx) {
        Map<String, String[]> out = new HashMap<>();
        for (String name : ctx.request().params().names()) {
            out.put(name, ctx.request().params().getAll(name).toArray(new String[0]));
        }
        NO_STACK_TRACES.forEach((k, v) -> out.put(k, new String[] {v}));
        return out;
    }

    /** A request's own {@code config} may ask for stack traces too; that wish is dropped. */
    static void dropStackTraceOptions(JsonNode request) {
        JsonNode config = request.path("config");
        if (config instanceof ObjectNode options) {
            NO_STACK_TRACES.keySet().forEach(options::remove);
        }
    }

    /**
     * The path Jolokia is given for a GET: what follows the Jolokia path, percent-decoded (a literal {@code +} stays).
     * @throws IllegalArgumentException when it is not valid percent-encoding
     */
    static String pathInfo(RoutingContext ctx) {
        String prefix = ctx.currentRoute().getPath();
        String path = ctx.normalizedPath();
        String rest = path.length() > prefix.length() ? path.substring(prefix.length()) : "";
        return "/" + URLDecoder.decode(rest.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /**
     * GET carries the request in the path; only reads travel that way (writes and exec need POST). The type is the
     * first element of the path as Jolokia itself splits it, so Jolokia cannot see another type than was checked.
     */
    static Refusal checkGet(Map<String, List<String>> query, String pathInfo) {
        if (query.containsKey("p")) {
            return new Refusal(400, "the p= parameter is not accepted; put the request in the path or POST it");
        }
        return typeAllowedByGet(getType(pathInfo));
    }

    /**
     * The type Jolokia reads from a GET path, as JolokiaRequestFactory does it: one leading {@code /} dropped, then the
     * first element of {@link EscapeUtil#extractElementsFromPath}; empty for a path of slashes only (a version
     * request, or the p= parameter, which is refused). Jolokia may take the path from the URI instead when it holds
     * {@code !//}, but only from the first occurrence of this same first element on.
     */
    static String getType(String pathInfo) {
        String info = pathInfo.startsWith("/") ? pathInfo.substring(1) : pathInfo;
        Deque<String> elements = EscapeUtil.extractElementsFromPath(info);
        return elements.isEmpty() ? "" : elements.peek();
    }

    static Refusal typeAllowedByGet(String type) {
        if (type.isEmpty() || READ_TYPES.contains(type)) {
            return null;
        }
        return new Refusal(405, "'" + type + "' requests only by POST (Hawtio does that); GET may read, list, "
                + "search and version");
    }

    Refusal check(JsonNode request, Principal principal) {
        if (!request.isObject()) {
            return new Refusal(400, "each Jolokia request must be an object");
        }
        String type = request.path("type").asText("").toLowerCase(Locale.ROOT);
        if (READ_TYPES.contains(type)) {
            return allowedFor(principal, Owner.OPS_READ, type);
        }
        ObjectName mbean = mbean(request.path("mbean").asText(""));
        if (mbean == null) {
            return new Refusal(400, type + " needs a valid mbean");
        }
        if (type.equals("exec")) {
            String operation = operationName(request.path("operation").asText(""));
            if (rules.readOperations().contains(operation) && rules.readOperationMBeans().apply(mbean)) {
                return allowedFor(principal, Owner.OPS_READ, "exec " + operation);
            }
            if (rules.writeOperations().contains(operation) && rules.writeOperationMBeans().apply(mbean)) {
                return allowedFor(principal, Owner.OPS_WRITE, "exec " + operation);
            }
            return new Refusal(403, "operation " + printable(operation) + " is not offered on that MBean");
        }
        if (type.equals("write")) {
            String attribute = request.path("attribute").asText("");
            if (rules.writableAttributes().contains(attribute) && rules.writableAttributeMBeans().apply(mbean)) {
                return allowedFor(principal, Owner.OPS_WRITE, "write " + attribute);
            }
            return new Refusal(403, "attribute " + printable(attribute) + " may not be written on that MBean");
        }
        return new Refusal(403, "request type " + printable(type) + " is not offered");
    }

    private static Refusal allowedFor(Principal principal, Owner owner, String what) {
        return principal.satisfies(owner) ? null : new Refusal(403, what + " needs " + owner.label());
    }

    /** Hawtio may name an overloaded operation with its signature: {@code dumpRoutesAsXml(boolean,boolean)}. */
    static String operationName(String operation) {
        int paren = operation.indexOf('(');
        return (paren < 0 ? operation : operation.substring(0, paren)).trim();
    }

    private static ObjectName mbean(String name) {
        try {
            ObjectName parsed = new ObjectName(name);
            return parsed.isPattern() ? null : parsed;
        } catch (MalformedObjectNameException e) {
            return null;
        }
    }

    private static String printable(String s) {
        String clean = s.replaceAll("[^A-Za-z0-9_.:-]", "");
        return "'" + clean.substring(0, Math.min(clean.length(), 60)) + "'";
    }

    /** A message for an answer: printable characters only, at most max of them. */
    private static String printable(String s, int max) {
        String clean = s.replaceAll("[^\\p{Print}]", "?");
        return clean.length() > max ? clean.substring(0, max) + "…" : clean;
    }
}
