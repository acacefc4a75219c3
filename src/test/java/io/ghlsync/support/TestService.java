package io.ghlsync.support;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;
import io.ghlsync.Application;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Boots the real service (Application.create(), routes from routes/, top-level application.properties) with test
 * overrides: a free port, a fresh database, no live reload, short delays. One per test class.
 */
public final class TestService implements AutoCloseable {

    private final Main main;
    private final int port;
    private final String databaseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestService(Main main, int port, String databaseUrl) {
        this.main = main;
        this.port = port;
        this.databaseUrl = databaseUrl;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final Map<String, String> props = new LinkedHashMap<>();
        private String databaseUrl;

        public Builder property(String key, Object value) {
            props.put(key, String.valueOf(value));
            return this;
        }

        /** Reuse a database, e.g. to restart the service on the data of a previous instance. */
        public Builder databaseUrl(String url) {
            this.databaseUrl = url;
            return this;
        }

        public TestService start() {
            int port = freePort();
            String db = databaseUrl != null ? databaseUrl : TestDatabase.newDatabase();
            Map<String, String> all = new LinkedHashMap<>();
            all.put("camel.server.port", String.valueOf(port));
            all.put("camel.management.port", String.valueOf(port));
            all.put("camel.main.routes-reload-enabled", "false");
            all.put("database.url", db);
            all.put("ghl.simulator.port", "0");
            all.put("sync.retry.initial-delay-ms", "20");
            all.put("sync.retry.max-delay-ms", "200");
            all.put("sync.dispatcher.poll-ms", "20");
            all.putAll(props);
            Main main = Application.create();
            all.forEach(main::addOverrideProperty);
            try {
                main.start();
            } catch (Exception e) {
                throw new IllegalStateException("service did not start", e);
            }
            return new TestService(main, port, db);
        }
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    public <T> T bean(String name, Class<T> type) {
        return context().getRegistry().lookupByNameAndType(name, type);
    }

    public NamedParameterJdbcTemplate jdbc() {
        return new NamedParameterJdbcTemplate(bean("dataSource", DataSource.class));
    }

    public String databaseUrl() {
        return databaseUrl;
    }

    public String url(String path) {
        return "http://localhost:" + port + path;
    }

    public HttpResponse<String> post(String path, String json, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path)))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.setHeader(headers[i], headers[i + 1]);
        }
        return send(b.build());
    }

    public HttpResponse<String> patch(String path, String json, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path)))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.setHeader(headers[i], headers[i + 1]);
        }
        return send(b.build());
    }

    public HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30)).GET();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.setHeader(headers[i], headers[i + 1]);
        }
        return send(b.build());
    }

    /** An Authorization header (name, value) with an HS256 token valid for 10 minutes, for {@link #get}/{@link #post}. */
    /** An operator's header: scope "ops:read ops:write". */
    public static String[] bearer(String jwtSecret) {
        return bearer(jwtSecret, "ops:read ops:write");
    }

    /** @param scope the token's scope claim; null = no claim (a booking-app token, as the original issued) */
    public static String[] bearer(String jwtSecret, String scope) {
        JWTCreator.Builder jwt = JWT.create().withSubject(scope == null ? "booking-app" : "ops")
                .withExpiresAt(Instant.now().plusSeconds(600));
        if (scope != null) {
            jwt.withClaim("scope", scope);
        }
        return new String[] {"Authorization", "Bearer " + jwt.sign(Algorithm.HMAC256(jwtSecret))};
    }

    /** GET that must answer 200 with a JSON body; returns the parsed body. */
    public com.fasterxml.jackson.databind.JsonNode getJson(String path, String... headers) throws IOException {
        HttpResponse<String> r = get(path, headers);
        org.assertj.core.api.Assertions.assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        org.assertj.core.api.Assertions.assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> org.assertj.core.api.Assertions.assertThat(v).contains("json"));
        return io.ghlsync.config.Json.MAPPER.readTree(r.body());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            main.stop();
        } catch (Exception ignored) {
            // best effort in tests
        }
    }
}
