package io.ghlsync.security;

import com.fasterxml.jackson.databind.JsonNode;
import io.ghlsync.config.Json;
import io.ghlsync.config.Settings;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import org.jolokia.json.JSONStructure;
import org.jolokia.server.core.http.HttpRequestHandler;

/**
 * Jolokia by role, in front of Jolokia's own policy file (which knows no callers). ops:read may read, list, search
 * and ask the version, and exec the read-only operations Hawtio's Camel plugin calls (route diagrams, statistics);
 * ops:write may also exec route start/stop/suspend/resume and write the throttle's attributes. exec and write only
 * by POST. Every request of a bulk body is checked before any runs; a refused one is answered in its place with
 * Jolokia's status 403, as Jolokia's own policy does. What no rule names is refused, e.g. message browsing and the
 * tracer (they show message bodies: personal data) or {@code exec setX}, which is a write in disguise.
 */
public final class JolokiaGuard implements Handler<RoutingContext> {

    /** What may be called, from settings (jolokia.*). */
    public record Rules(Set<String> readOperations, ObjectName readOperationMBeans, Set<String> writeOperations,
            ObjectName writeOperationMBeans, Set<String> writableAttributes, ObjectName writableAttributeMBeans) {

        public static Rules read(Settings s) {
            return new Rules(list(s.string("jolokia.read-operations")), name(s.string("jolokia.read-operation-mbeans")),
                    list(s.string("jolokia.write-operations")), name(s.string("jolokia.write-operation-mbeans")),
                    list(s.string("jolokia.writable-attributes")),
                    name(s.string("jolokia.writable-attribute-mbeans")));
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

    private final Rules rules;
    private final Supplier<HttpRequestHandler> jolokia;

    /** @param jolokia Jolokia's own request handler, for bodies of which only a part may run */
    public JolokiaGuard(Rules rules, Supplier<HttpRequestHandler> jolokia) {
        this.rules = rules;
        this.jolokia = jolokia;
    }

    @Override
    public void handle(RoutingContext ctx) {
        Principal principal = ctx.get(AccessGate.PRINCIPAL);
        if (ctx.request().method() == HttpMethod.GET) {
            Refusal refusal = checkGet(ctx);
            if (refusal != null) {
                HttpErrors.send(ctx, refusal.status(), "Bad Request", "jolokia", refusal.message());
            } else {
                ctx.next();
            }
            return;
        }
        byte[] body = ctx.body() == null || ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        JsonNode root;
        try {
            root = body.length == 0 ? null : Json.MAPPER.readTree(body);
        } catch (IOException e) {
            root = null;
        }
        if (root == null || !(root.isObject() || (root.isArray() && !root.isEmpty()))) {
            HttpErrors.send(ctx, 400, "Bad Request", "body", "a Jolokia request (object) or a bulk request (array)");
            return;
        }
        List<JsonNode> requests = new ArrayList<>();
        if (root.isArray()) {
            root.forEach(requests::add);
        } else {
            requests.add(root);
        }
        List<Refusal> verdicts = requests.stream().map(r -> check(r, principal)).toList();
        if (verdicts.stream().allMatch(v -> v == null)) {
            ctx.next();
            return;
        }
        // Jolokia's way, which Hawtio expects: HTTP 200, a refused request answered with status 403 in its place,
        // the others of the same bulk run as usual (a 403 for the whole body would break Hawtio's polling).
        boolean bulk = root.isArray();
        ctx.vertx().executeBlocking(() -> answer(ctx, requests, verdicts, bulk), false).onComplete(done -> {
            if (done.succeeded()) {
                ctx.response().putHeader("Content-Type", "application/json").end(done.result());
            } else {
                HttpErrors.send(ctx, 500, "Internal error", "jolokia", "the request could not be handled");
            }
        });
    }

    private String answer(RoutingContext ctx, List<JsonNode> requests, List<Refusal> verdicts, boolean bulk)
            throws Exception {
        ArrayNode allowed = Json.MAPPER.createArrayNode();
        for (int i = 0; i < requests.size(); i++) {
            if (verdicts.get(i) == null) {
                allowed.add(requests.get(i));
            }
        }
        List<JsonNode> results = new ArrayList<>();
        if (!allowed.isEmpty()) {
            HttpRequestHandler handler = jolokia.get();
            var request = ctx.request();
            handler.checkAccess(request.scheme(), request.remoteAddress().host(), request.remoteAddress().host(),
                    origin(request.getHeader("Origin"), request.getHeader("Referer")));
            JSONStructure response = handler.handlePostRequest(request.uri(),
                    new ByteArrayInputStream(Json.MAPPER.writeValueAsBytes(allowed)), "UTF-8", params(ctx));
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

    private static String origin(String origin, String referer) {
        String value = origin != null ? origin : referer;
        return value == null ? "" : value.replaceAll("[\\n\\r]*", "");
    }

    private static Map<String, String[]> params(RoutingContext ctx) {
        Map<String, String[]> out = new HashMap<>();
        for (String name : ctx.request().params().names()) {
            out.put(name, ctx.request().params().getAll(name).toArray(new String[0]));
        }
        return out;
    }

    /** GET carries the request in the path; only reads travel that way (writes and exec need POST). */
    Refusal checkGet(RoutingContext ctx) {
        if (ctx.queryParams().contains("p")) {
            return new Refusal(400, "the p= parameter is not accepted; put the request in the path or POST it");
        }
        String prefix = ctx.currentRoute().getPath();
        String rest = ctx.normalizedPath().length() > prefix.length()
                ? ctx.normalizedPath().substring(prefix.length()) : "";
        String type = rest.split("/", 2)[0];
        return typeAllowedByGet(type);
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
}
