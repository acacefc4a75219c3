package io.ghlsync.security;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first handler of every HTTP request, before body parsing, routes, the observe endpoints and Jolokia: request
 * hygiene (a body must be JSON), the access policy (unknown paths 404), then authentication and the owner check
 * (401 without valid credentials, 403 without the scope). The caller's subject and scopes travel on as the
 * request headers {@value #SUBJECT_HEADER} and {@value #SCOPES_HEADER} (whatever a client sent under those names
 * is dropped); the Authorization header itself goes no further.
 */
public final class AccessGate implements Handler<RoutingContext> {

    public static final String SUBJECT_HEADER = "X-Ghlsync-Subject";
    public static final String SCOPES_HEADER = "X-Ghlsync-Scopes";
    /** Key of the {@link Principal} in the routing context, for handlers behind the gate (Jolokia guard). */
    public static final String PRINCIPAL = "ghlsync.principal";

    private static final Logger LOG = LoggerFactory.getLogger(AccessGate.class);
    private static final String JOLOKIA_AUTHORIZATION = "X-Jolokia-Authorization";
    private static final Set<String> JSON_TYPES = Set.of("application/json", "text/json");

    private final AccessPolicy policy;
    private final Authenticator authenticator;
    private final String jolokiaPath;
    private final String jolokiaPrefix;
    /** Why a request was refused: the label values of ghlsync_http_refused_total. */
    public static final List<String> REASONS =
            List.of("bad_request", "not_found", "method", "media_type", "unauthenticated", "forbidden");

    private final Map<String, LongAdder> refusals = new HashMap<>();

    public AccessGate(AccessPolicy policy, Authenticator authenticator, String jolokiaPath) {
        this.policy = policy;
        this.authenticator = authenticator;
        this.jolokiaPath = jolokiaPath.endsWith("/") ? jolokiaPath.substring(0, jolokiaPath.length() - 1) : jolokiaPath;
        this.jolokiaPrefix = this.jolokiaPath + "/";
        REASONS.forEach(r -> refusals.put(r, new LongAdder()));
    }

    /** Requests refused so far for this reason. */
    public long refused(String reason) {
        return refusals.get(reason).sum();
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        MultiMap headers = request.headers();
        headers.remove(SUBJECT_HEADER);
        headers.remove(SCOPES_HEADER);
        ctx.response().putHeader("X-Content-Type-Options", "nosniff");

        String path = ctx.normalizedPath();
        if (hasBody(request) && !acceptedBodyType(request.getHeader(HttpHeaders.CONTENT_TYPE), path)) {
            refuse(ctx, "media_type", 415, "Unsupported Media Type: send Content-Type: application/json",
                    "Content-Type", "request bodies must be JSON");
            return;
        }
        Map<String, List<String>> query;
        try {
            query = QueryParameters.parse(request.query());
        } catch (IllegalArgumentException e) {
            refuse(ctx, "bad_request", 400, "Bad Request", "query", "the query string is not valid URL encoding");
            return;
        }
        AccessPolicy.Decision decision = policy.decide(request.method().name(), path, query);
        if (decision instanceof AccessPolicy.NotFound) {
            refuse(ctx, "not_found", 404, "Not Found", "path", "no such endpoint");
            return;
        }
        if (decision instanceof AccessPolicy.MethodNotAllowed m) {
            ctx.response().putHeader("Allow", String.join(", ", m.allowed()));
            refuse(ctx, "method", 405, "Method Not Allowed", "method", "allowed: " + String.join(", ", m.allowed()));
            return;
        }
        AccessPolicy.Allowed allowed = (AccessPolicy.Allowed) decision;
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null && jolokia(path)) {
            // Hawtio's browser side sends its credentials under this name (its proxy also sets Authorization).
            authorization = request.getHeader(JOLOKIA_AUTHORIZATION);
        }
        headers.remove(HttpHeaders.AUTHORIZATION);
        headers.remove(JOLOKIA_AUTHORIZATION);
        if (allowed.anonymous()) {
            pass(ctx, Principal.ANONYMOUS);
            return;
        }
        if (!authenticator.configured()) {
            authorize(ctx, allowed, Principal.localDeveloper());
            return;
        }
        if (authorization != null && authenticator.mayBlock(authorization)) {
            // bcrypt or a JWKS fetch: off the event loop; the body waits, paused, until the answer.
            String credentials = authorization;
            request.pause();
            ctx.vertx().<Principal>executeBlocking(() -> authenticator.authenticate(credentials), false)
                    .onComplete(result -> {
                        request.resume();
                        if (result.succeeded()) {
                            authorize(ctx, allowed, result.result());
                        } else {
                            unauthenticated(ctx, result.cause());
                        }
                    });
            return;
        }
        Principal principal;
        try {
            principal = authenticator.authenticate(authorization);
        } catch (AuthenticationException e) {
            unauthenticated(ctx, e);
            return;
        }
        authorize(ctx, allowed, principal);
    }

    private void authorize(RoutingContext ctx, AccessPolicy.Allowed allowed, Principal principal) {
        if (!allowed.permits(principal)) {
            LOG.info("Refused {} {} for subject {}: needs {}", ctx.request().method(), ctx.normalizedPath(),
                    principal.subject(), allowed.required());
            String required = allowed.required();
            refuse(ctx, "forbidden", 403, "Forbidden", "scope", required.equals("nobody")
                    ? "not offered to any caller" : "this token may not do that; it needs " + required);
            return;
        }
        pass(ctx, principal);
    }

    private void pass(RoutingContext ctx, Principal principal) {
        ctx.put(PRINCIPAL, principal);
        ctx.request().headers().set(SUBJECT_HEADER, principal.subject());
        ctx.request().headers().set(SCOPES_HEADER, principal.scopeText());
        ctx.next();
    }

    private void unauthenticated(RoutingContext ctx, Throwable cause) {
        String message = cause instanceof AuthenticationException ? cause.getMessage() : "credentials could not be checked";
        if (!(cause instanceof AuthenticationException)) {
            LOG.warn("Credential check failed: {}", cause.getClass().getSimpleName());
        }
        boolean jolokia = jolokia(ctx.normalizedPath());
        // Hawtio's Connect tab answers a Basic challenge; the dashboard's fetch calls must not get a browser dialog.
        ctx.response().putHeader("WWW-Authenticate", jolokia ? "Basic realm=\"ghl-sync\"" : "Bearer realm=\"ghl-sync\"");
        refuse(ctx, "unauthenticated", 401, "Unauthorized", "Authorization", message);
    }

    private void refuse(RoutingContext ctx, String reason, int status, String error, String field, String message) {
        refusals.get(reason).increment();
        HttpErrors.send(ctx, status, error, field, message);
    }

    private boolean jolokia(String path) {
        return path.equals(jolokiaPath) || path.startsWith(jolokiaPrefix);
    }

    /** A body is coming: a length above zero, or chunks. */
    static boolean hasBody(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            return !length.trim().equals("0");
        }
        return request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
    }

    /** JSON everywhere (application/json, application/*+json); Jolokia clients also send text/plain and text/json. */
    boolean acceptedBodyType(String contentType, String path) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"))) {
            return true;
        }
        return jolokia(path) && (JSON_TYPES.contains(type) || type.equals("text/plain"));
    }
}
