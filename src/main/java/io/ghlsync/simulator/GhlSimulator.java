package io.ghlsync.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ghlsync.config.Json;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A built-in stand-in for the GoHighLevel API: the contacts, tags, notes, tasks, custom field and appointment
 * operations the sync uses, with GHL's auth and Version checks, its per-location rate limits and headers, added
 * latency, fault injection and an inspection API under {@code /_simulator}. See docs/ghl-simulator.md.
 *
 * <p>Per API request, in this order: Bearer token (401) → rate limit, keyed by the token (429) → injected fault →
 * path (404) → Version header (401) → JSON body (400) → the operation (4xx/2xx). The latency is added to every API
 * answer, counted from receipt. Thread-safe; no Camel dependency. Runs on its own Vert.x instance (two event loops)
 * with the operations on a small worker pool, so the state lock never blocks an event loop and latency is a timer,
 * not a sleeping thread.
 */
public final class GhlSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GhlSimulator.class);
    private static final int WORKERS = 8;
    private static final Duration START_STOP_TIMEOUT = Duration.ofSeconds(30);

    /**
     * @param port port on 127.0.0.1 (0 = any free port)
     * @param latencyMs added to every API response, counted from receipt
     * @param burstMax requests per {@code burstPeriodMs} sliding window and token (GHL: 100 per 10 s)
     * @param burstPeriodMs length of that window
     * @param dailyMax requests per UTC day and token (GHL: 200,000)
     */
    public record Settings(int port, long latencyMs, int burstMax, long burstPeriodMs, int dailyMax) {

        public Settings {
            if (port < 0 || latencyMs < 0 || burstMax < 1 || burstPeriodMs < 1 || dailyMax < 1) {
                throw new IllegalArgumentException("invalid simulator settings " + port + "/" + latencyMs + "/"
                        + burstMax + "/" + burstPeriodMs + "/" + dailyMax);
            }
        }

        /** Any free port, no latency, GHL's real limits. */
        public static Settings defaults() {
            return new Settings(0, 0, 100, 10_000, 200_000);
        }

        public Settings withPort(int newPort) {
            return new Settings(newPort, latencyMs, burstMax, burstPeriodMs, dailyMax);
        }

        public Settings withLatencyMs(long newLatencyMs) {
            return new Settings(port, newLatencyMs, burstMax, burstPeriodMs, dailyMax);
        }

        public Settings withBurst(int newBurstMax, long newBurstPeriodMs) {
            return new Settings(port, latencyMs, newBurstMax, newBurstPeriodMs, dailyMax);
        }

        public Settings withDailyMax(int newDailyMax) {
            return new Settings(port, latencyMs, burstMax, burstPeriodMs, newDailyMax);
        }
    }

    private final Settings settings;
    private final Vertx vertx;
    private final HttpServer server;
    private final ExecutorService workers;
    private final SimulatorState state = new SimulatorState();
    private final RateLimiter limiter;
    private final FaultInjector faults = new FaultInjector();
    private final Routes routes = new Routes(state);
    private final long latencyNanos;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile SimulatorOAuth oauth;

    private GhlSimulator(Settings settings) {
        this.settings = settings;
        this.limiter = new RateLimiter(settings.burstMax(), settings.burstPeriodMs(), settings.dailyMax(),
                Clock.systemUTC());
        this.latencyNanos = TimeUnit.MILLISECONDS.toNanos(settings.latencyMs());
        this.workers = Executors.newFixedThreadPool(WORKERS, daemonThreads());
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1)
                .setFileSystemOptions(new FileSystemOptions().setFileCachingEnabled(false)
                        .setClassPathResolvingEnabled(false)));
        this.server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(settings.port())
                .setTcpNoDelay(true).setIdleTimeout(0));
        server.requestHandler(this::receive);
        try {
            await(server.listen());
        } catch (RuntimeException e) {
            workers.shutdownNow();
            vertx.close();
            throw e;
        }
    }

    /** Binds 127.0.0.1 on {@code settings.port()} and starts serving. Its threads keep the JVM alive until {@link #close}. */
    public static GhlSimulator start(Settings settings) {
        GhlSimulator simulator = new GhlSimulator(settings);
        LOG.info("GHL simulator listening on {} (latency {} ms, {} requests per {} ms, {} per day)",
                simulator.baseUrl(), settings.latencyMs(), settings.burstMax(), settings.burstPeriodMs(),
                settings.dailyMax());
        return simulator;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public int port() {
        return server.actualPort();
    }

    public Settings settings() {
        return settings;
    }

    public SimulatorState state() {
        return state;
    }

    /** The next {@code count} API requests (that pass auth and the rate limit) answer {@code status}. */
    public void failNext(int status, int count) {
        faults.failNext(status, count);
    }

    /** Every API request (that passes auth and the rate limit) answers {@code status} for {@code duration}. */
    public void failFor(int status, Duration duration) {
        faults.failFor(status, duration);
    }

    /**
     * Plays GHL's OAuth server from now on: /oauth/token and /oauth/locationToken answer, and every API request must
     * carry a live access token of the location it touches (else 401 / 403). Tokens live {@code lifetime}.
     */
    public synchronized SimulatorOAuth enableOAuth(String clientId, String clientSecret, Duration lifetime) {
        oauth = new SimulatorOAuth(clientId, clientSecret, lifetime, Clock.systemUTC());
        return oauth;
    }

    /** The OAuth server, or null while the simulator accepts any bearer token. */
    public SimulatorOAuth oauth() {
        return oauth;
    }

    public void clearFaults() {
        faults.clear();
    }

    /** Forgets all data, counters, rate-limit budgets and faults. */
    public void reset() {
        state.reset();
        limiter.reset();
        faults.clear();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        int port = port();
        try {
            await(server.close());
        } finally {
            workers.shutdownNow();
            await(vertx.close());
        }
        LOG.info("GHL simulator on port {} stopped", port);
    }

    // ------------------------------------------------------------------ request handling

    /** One incoming HTTP request, independent of the server library. */
    private record Incoming(String method, String path, String rawQuery, String authorization, String version,
            String contentType, byte[] body, long receivedNanos, Instant receivedAt) {}

    /** The answer and when it may leave (receipt + latency). */
    private record Outgoing(SimResponse response, Map<String, String> headers, long sendAtNanos) {}

    /** Event loop: read the body, then hand the request to a worker (the state lock must not block event loops). */
    private void receive(HttpServerRequest request) {
        long receivedNanos = System.nanoTime();
        Instant receivedAt = Instant.now();
        Context context = Vertx.currentContext();
        String authorization = request.getHeader("Authorization");
        String version = request.getHeader("Version");
        String contentType = request.getHeader("Content-Type");
        request.body().onComplete(body -> {
            if (body.failed()) {
                return; // connection gone
            }
            Incoming incoming = new Incoming(request.method().name(), decodedPath(request.path()), request.query(),
                    authorization, version, contentType, body.result().getBytes(), receivedNanos, receivedAt);
            try {
                workers.execute(() -> {
                    Outgoing outgoing = process(incoming);
                    long delayNanos = outgoing.sendAtNanos() - System.nanoTime();
                    if (delayNanos > 0) {
                        long delayMs = Math.max(1, (delayNanos + 999_999) / 1_000_000);
                        vertx.setTimer(delayMs, id -> context.runOnContext(v -> write(request, outgoing)));
                    } else {
                        context.runOnContext(v -> write(request, outgoing));
                    }
                });
            } catch (RejectedExecutionException closing) {
                request.connection().close();
            }
        });
    }

    private Outgoing process(Incoming in) {
        try {
            if (in.path().equals("/_simulator") || in.path().startsWith("/_simulator/")) {
                return new Outgoing(inspect(in), Map.of(), in.receivedNanos());
            }
            return processApi(in);
        } catch (RuntimeException e) {
            // Exception messages can quote request content: log the type only.
            LOG.warn("GHL simulator failed on {} {}: {}", in.method(), in.path(), e.getClass().getName());
            return new Outgoing(SimResponse.error(500, "Internal Server Error"), Map.of(), in.receivedNanos());
        }
    }

    private Outgoing processApi(Incoming in) {
        SimulatorOAuth oauth = this.oauth;
        if (oauth != null && in.method().equals("POST")
                && (in.path().equals("/oauth/token") || in.path().equals("/oauth/locationToken"))) {
            return processOAuth(oauth, in);
        }
        Optional<Routes.Match> match = routes.match(in.method(), in.path());
        String operation = match.map(m -> m.route().operation()).orElse("unknown");
        String token = bearerToken(in.authorization());
        Optional<SimulatorOAuth.Grant> grant = Optional.empty();
        if (oauth != null && token != null) {
            grant = oauth.live(token);
            if (grant.isEmpty()) {
                SimResponse refused = SimResponse.error(401, "Invalid token: access token is invalid", "Unauthorized");
                state.record(new SimulatorState.RequestRecord(in.method(), in.path(), operation, 401,
                        in.receivedAt()), false, false);
                return new Outgoing(refused, Map.of(), in.receivedNanos() + latencyNanos);
            }
        }

        RateLimiter.Decision budget;
        SimResponse response;
        boolean rateLimited = false;
        boolean fault = false;
        if (token == null) {
            budget = limiter.unmetered();
            response = SimResponse.error(401, "Invalid JWT", "Unauthorized");
        } else {
            // With OAuth the budget belongs to the location, whichever of its tokens is used.
            String budgetKey = grant.map(g -> g.locationId() != null ? "location:" + g.locationId()
                    : "company:" + g.companyId()).orElse(token);
            budget = limiter.acquire(budgetKey, in.receivedNanos());
            OptionalInt injected = budget.allowed() ? faults.take(in.receivedNanos()) : OptionalInt.empty();
            if (!budget.allowed()) {
                rateLimited = true;
                response = tooManyRequests(budget.retryAfterSeconds());
            } else if (injected.isPresent()) {
                fault = true;
                response = injectedFault(injected.getAsInt());
            } else if (match.isEmpty()) {
                response = SimResponse.error(404, "Cannot " + in.method() + " " + in.path());
            } else if (grant.isPresent() && !grant.get().userType().equals("Location")) {
                response = SimResponse.error(401, "This route needs a Sub-Account (Location) access token",
                        "Unauthorized");
            } else if (grant.isPresent() && !sameLocation(grant.get(), in)) {
                response = SimResponse.error(403, "The token does not have access to this location.", "Forbidden");
            } else {
                response = answer(match.get(), in);
            }
        }
        state.record(new SimulatorState.RequestRecord(in.method(), in.path(), operation, response.status(),
                in.receivedAt()), rateLimited, fault);
        LOG.debug("GHL simulator {} {} -> {}", in.method(), in.path(), response.status());
        return new Outgoing(response, rateLimitHeaders(budget), in.receivedNanos() + latencyNanos);
    }

    /** The location a request names (path /locations/{id}/…, query or body locationId) is the token's. */
    private static boolean sameLocation(SimulatorOAuth.Grant grant, Incoming in) {
        String named = null;
        if (in.path().startsWith("/locations/")) {
            String rest = in.path().substring("/locations/".length());
            named = rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest;
        }
        if (named == null) {
            named = query(in.rawQuery()).get("locationId");
        }
        if (named == null && in.body().length > 0) {
            try {
                JsonNode body = Json.MAPPER.readTree(in.body());
                if (body != null && body.path("locationId").isTextual()) {
                    named = body.get("locationId").asText();
                }
            } catch (java.io.IOException notJson) {
                // the body check later answers this
            }
        }
        return named == null || named.equals(grant.locationId());
    }

    private Outgoing processOAuth(SimulatorOAuth oauth, Incoming in) {
        Map<String, String> form = query(new String(in.body(), StandardCharsets.UTF_8));
        boolean token = in.path().equals("/oauth/token");
        SimResponse response = token ? oauth.token(in.contentType(), form)
                : oauth.locationToken(bearerToken(in.authorization()), in.version(), in.contentType(), form);
        state.record(new SimulatorState.RequestRecord(in.method(), in.path(),
                token ? "get-access-token" : "get-location-access-token", response.status(), in.receivedAt()),
                false, false);
        return new Outgoing(response, Map.of(), in.receivedNanos() + latencyNanos);
    }

    private SimResponse answer(Routes.Match match, Incoming in) {
        String version = in.version();
        if (version == null || version.isBlank()) {
            return SimResponse.error(401, "version header was not found.");
        }
        if (!version.trim().equals(match.route().version())) {
            return SimResponse.error(401, "version header is invalid");
        }
        try {
            ObjectNode body = parseBody(in.body());
            Call call = new Call(match.params(), query(in.rawQuery()), body, in.receivedAt());
            return match.route().handler().apply(call);
        } catch (SimulatorError e) {
            return e.response();
        }
    }

    private static ObjectNode parseBody(byte[] rawBody) {
        String text = new String(rawBody, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return Json.MAPPER.createObjectNode();
        }
        JsonNode parsed;
        try {
            parsed = Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            long position = e.getLocation() == null ? 0 : e.getLocation().getCharOffset();
            throw new SimulatorError(SimResponse.error(400, "Unexpected token in JSON at position " + position,
                    "Bad Request"));
        }
        if (!(parsed instanceof ObjectNode object)) {
            throw new SimulatorError(SimResponse.error(400, "Request body must be a JSON object", "Bad Request"));
        }
        return object;
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.putIfAbsent(name, value);
        }
        return params;
    }

    private static String bearerToken(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = authorization.substring(7).trim();
        return token.isEmpty() ? null : token;
    }

    private static SimResponse tooManyRequests(long retryAfterSeconds) {
        return SimResponse.error(429, "Too Many Requests - Rate limit exceeded")
                .withHeader("Retry-After", Long.toString(retryAfterSeconds));
    }

    private static SimResponse injectedFault(int status) {
        return switch (status) {
            case 422 -> SimResponse.unprocessable(java.util.List.of("Simulated failure"));
            case 429 -> tooManyRequests(1);
            case 401 -> SimResponse.error(401, "Invalid JWT", "Unauthorized");
            default -> SimResponse.error(status, reason(status));
        };
    }

    private static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 408 -> "Request Timeout";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "Simulated failure";
        };
    }

    private Map<String, String> rateLimitHeaders(RateLimiter.Decision budget) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-RateLimit-Limit-Daily", Long.toString(limiter.dailyMax()));
        headers.put("X-RateLimit-Daily-Remaining", Long.toString(budget.dailyRemaining()));
        headers.put("X-RateLimit-Interval-Milliseconds", Long.toString(limiter.periodMillis()));
        headers.put("X-RateLimit-Max", Integer.toString(limiter.burstMax()));
        headers.put("X-RateLimit-Remaining", Integer.toString(budget.burstRemaining()));
        return headers;
    }

    private static void write(HttpServerRequest request, Outgoing outgoing) {
        try {
            byte[] bytes = Json.MAPPER.writeValueAsBytes(outgoing.response().body());
            var response = request.response().setStatusCode(outgoing.response().status());
            response.putHeader("Content-Type", "application/json; charset=utf-8");
            outgoing.headers().forEach(response::putHeader);
            outgoing.response().headers().forEach(response::putHeader);
            response.end(Buffer.buffer(bytes));
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.debug("GHL simulator could not write a response: {}", e.getClass().getName());
        }
    }

    private static String decodedPath(String rawPath) {
        try {
            String decoded = URI.create(rawPath).getPath();
            return decoded == null ? rawPath : decoded;
        } catch (IllegalArgumentException e) {
            return rawPath;
        }
    }

    private static <T> T await(Future<T> future) {
        return await(future.toCompletionStage());
    }

    private static <T> T await(java.util.concurrent.CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(START_STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("GHL simulator: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("GHL simulator did not start/stop in time", e);
        }
    }

    // ------------------------------------------------------------------ inspection API (no auth, no rate limit)

    private SimResponse inspect(Incoming in) {
        String method = in.method();
        String path = in.path();
        byte[] rawBody = in.body();
        String rest = path.substring("/_simulator".length());
        try {
            if (method.equals("GET") && (rest.isEmpty() || rest.equals("/"))) {
                return SimResponse.of(200, state.toJson());
            }
            if (method.equals("GET") && rest.equals("/stats")) {
                return SimResponse.of(200, state.statsJson());
            }
            if (method.equals("GET") && rest.equals("/requests")) {
                int limit = Integer.parseInt(query(in.rawQuery()).getOrDefault("limit", "1000"));
                var all = state.requests();
                var list = Json.MAPPER.createObjectNode().putArray("requests");
                all.subList(Math.max(0, all.size() - limit), all.size()).forEach(r -> list.addObject()
                        .put("method", r.method()).put("path", r.path()).put("operation", r.operation())
                        .put("status", r.status()).put("time", Ids.timestamp(r.time())));
                return SimResponse.of(200, ContactEndpoints.wrap("requests", list));
            }
            if (method.equals("GET") && rest.startsWith("/contacts/")) {
                String id = rest.substring("/contacts/".length());
                return state.contactDetail(id).map(json -> SimResponse.of(200, json))
                        .orElseGet(() -> SimResponse.error(404, "Contact with id " + id + " not found"));
            }
            if (method.equals("POST") && rest.equals("/faults")) {
                ObjectNode body = parseBody(rawBody);
                int status = body.path("status").asInt(0);
                if (body.has("seconds")) {
                    failFor(status, Duration.ofMillis(Math.round(body.get("seconds").asDouble() * 1000)));
                } else {
                    failNext(status, body.path("count").asInt(1));
                }
                return SimResponse.of(200, Json.MAPPER.createObjectNode().put("ok", true));
            }
            if (method.equals("DELETE") && rest.equals("/faults")) {
                clearFaults();
                return SimResponse.of(200, Json.MAPPER.createObjectNode().put("ok", true));
            }
            if (method.equals("POST") && rest.equals("/reset")) {
                reset();
                return SimResponse.of(200, Json.MAPPER.createObjectNode().put("ok", true));
            }
            return SimResponse.error(404, "Cannot " + method + " " + path);
        } catch (SimulatorError e) {
            return e.response();
        } catch (IllegalArgumentException e) {
            return SimResponse.error(400, e.getMessage(), "Bad Request");
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "ghl-simulator-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
