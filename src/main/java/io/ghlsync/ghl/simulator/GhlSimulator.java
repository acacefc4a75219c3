package io.ghlsync.ghl.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ghlsync.config.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
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
 * answer, counted from receipt. Thread-safe; no Camel dependency.
 */
public final class GhlSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GhlSimulator.class);
    private static final int THREADS = 64;

    static {
        // The JDK server writes headers and body as separate segments; with Nagle's algorithm on, each response
        // then waits for the client's delayed ACK (~40 ms). Read once, when the first JDK HttpServer is created.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

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
    private final HttpServer server;
    private final ExecutorService executor;
    private final SimulatorState state = new SimulatorState();
    private final RateLimiter limiter;
    private final FaultInjector faults = new FaultInjector();
    private final Routes routes = new Routes(state);
    private final long latencyNanos;

    private GhlSimulator(Settings settings) throws IOException {
        this.settings = settings;
        this.limiter = new RateLimiter(settings.burstMax(), settings.burstPeriodMs(), settings.dailyMax(),
                Clock.systemUTC());
        this.latencyNanos = TimeUnit.MILLISECONDS.toNanos(settings.latencyMs());
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), settings.port()), 256);
        this.executor = Executors.newFixedThreadPool(THREADS, daemonThreads());
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Binds 127.0.0.1 on {@code settings.port()} and starts serving. */
    public static GhlSimulator start(Settings settings) {
        try {
            GhlSimulator simulator = new GhlSimulator(settings);
            LOG.info("GHL simulator listening on {} (latency {} ms, {} requests per {} ms, {} per day)",
                    simulator.baseUrl(), settings.latencyMs(), settings.burstMax(), settings.burstPeriodMs(),
                    settings.dailyMax());
            return simulator;
        } catch (IOException e) {
            throw new UncheckedIOException("GHL simulator could not bind 127.0.0.1:" + settings.port(), e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public int port() {
        return server.getAddress().getPort();
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
        server.stop(0);
        executor.shutdownNow();
        LOG.info("GHL simulator on port {} stopped", port());
    }

    // ------------------------------------------------------------------ request handling

    private void handle(HttpExchange exchange) {
        long receivedNanos = System.nanoTime();
        Instant receivedAt = Instant.now();
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/_simulator") || path.startsWith("/_simulator/")) {
                SimResponse response = inspect(exchange, path);
                send(exchange, response, Map.of());
                return;
            }
            handleApi(exchange, path, receivedNanos, receivedAt);
        } catch (IOException | RuntimeException e) {
            // Exception messages can quote request content: log the type only.
            LOG.warn("GHL simulator could not answer {} {}: {}", exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(), e.getClass().getName());
        }
    }

    private void handleApi(HttpExchange exchange, String path, long receivedNanos, Instant receivedAt)
            throws IOException {
        String method = exchange.getRequestMethod();
        byte[] rawBody = exchange.getRequestBody().readAllBytes();
        Optional<Routes.Match> match = routes.match(method, path);
        String operation = match.map(m -> m.route().operation()).orElse("unknown");
        String token = bearerToken(exchange.getRequestHeaders());

        RateLimiter.Decision budget;
        SimResponse response;
        boolean rateLimited = false;
        boolean fault = false;
        if (token == null) {
            budget = limiter.unmetered();
            response = SimResponse.error(401, "Invalid JWT", "Unauthorized");
        } else {
            budget = limiter.acquire(token, receivedNanos);
            OptionalInt injected = budget.allowed() ? faults.take(receivedNanos) : OptionalInt.empty();
            if (!budget.allowed()) {
                rateLimited = true;
                response = tooManyRequests(budget.retryAfterSeconds());
            } else if (injected.isPresent()) {
                fault = true;
                response = injectedFault(injected.getAsInt());
            } else if (match.isEmpty()) {
                response = SimResponse.error(404, "Cannot " + method + " " + path);
            } else {
                response = answer(match.get(), exchange, rawBody, receivedAt);
            }
        }
        state.record(new SimulatorState.RequestRecord(method, path, operation, response.status(), receivedAt),
                rateLimited, fault);
        LOG.debug("GHL simulator {} {} -> {}", method, path, response.status());
        awaitLatency(receivedNanos);
        send(exchange, response, rateLimitHeaders(budget));
    }

    private SimResponse answer(Routes.Match match, HttpExchange exchange, byte[] rawBody, Instant receivedAt) {
        String version = exchange.getRequestHeaders().getFirst("Version");
        if (version == null || version.isBlank()) {
            return SimResponse.error(401, "version header was not found.");
        }
        if (!version.trim().equals(match.route().version())) {
            return SimResponse.error(401, "version header is invalid");
        }
        try {
            ObjectNode body = parseBody(rawBody);
            Call call = new Call(match.params(), query(exchange.getRequestURI().getRawQuery()), body, receivedAt);
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

    private static String bearerToken(Headers headers) {
        String authorization = headers.getFirst("Authorization");
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

    private void awaitLatency(long receivedNanos) {
        long remaining = receivedNanos + latencyNanos - System.nanoTime();
        if (remaining <= 0) {
            return;
        }
        try {
            TimeUnit.NANOSECONDS.sleep(remaining);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(HttpExchange exchange, SimResponse response, Map<String, String> extraHeaders)
            throws IOException {
        byte[] bytes = Json.MAPPER.writeValueAsBytes(response.body());
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json; charset=utf-8");
        extraHeaders.forEach(headers::set);
        response.headers().forEach(headers::set);
        exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    // ------------------------------------------------------------------ inspection API (no auth, no rate limit)

    private SimResponse inspect(HttpExchange exchange, String path) throws IOException {
        String method = exchange.getRequestMethod();
        byte[] rawBody = exchange.getRequestBody().readAllBytes();
        String rest = path.substring("/_simulator".length());
        try {
            if (method.equals("GET") && (rest.isEmpty() || rest.equals("/"))) {
                return SimResponse.of(200, state.toJson());
            }
            if (method.equals("GET") && rest.equals("/stats")) {
                return SimResponse.of(200, state.statsJson());
            }
            if (method.equals("GET") && rest.equals("/requests")) {
                int limit = Integer.parseInt(query(exchange.getRequestURI().getRawQuery()).getOrDefault("limit", "1000"));
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
