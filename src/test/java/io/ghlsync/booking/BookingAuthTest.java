package io.ghlsync.booking;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import io.ghlsync.config.Json;
import io.ghlsync.support.TestService;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** With JWT_SECRET set, every booking endpoint wants a valid HS256 bearer token and answers 401 JSON otherwise. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BookingAuthTest {

    private static final String SECRET = "test-secret-" + UUID.randomUUID();
    private static final String BODY = """
            {"customer":{"name":"Jan","email":"auth@example.com"},"serviceType":"x",
             "startTime":"2031-01-01T09:00:00Z"}""";

    private TestService service;

    @BeforeAll
    void start() {
        service = TestService.builder().property("auth.jwt-secret", SECRET).property("sync.enabled", "false").start();
    }

    @AfterAll
    void stop() {
        service.close();
    }

    private static String token(String secret, Instant expires) {
        return JWT.create().withSubject("admin-1").withExpiresAt(expires).sign(Algorithm.HMAC256(secret));
    }

    private long appointments() {
        return service.jdbc().queryForObject("select count(*) from appointments", Map.of(), Long.class);
    }

    private void assert401(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(Json.MAPPER.readTree(r.body()).path("success").asBoolean(true)).isFalse();
    }

    @Test
    void missingWrongAndExpiredTokensAre401AndWriteNothing() throws Exception {
        String path = "/api/appointments/create-with-sync";
        long before = appointments();
        assert401(service.post(path, BODY));
        assert401(service.post(path, BODY, "Authorization", "Bearer not-a-jwt"));
        assert401(service.post(path, BODY, "Authorization",
                "Bearer " + token("another-secret", Instant.now().plusSeconds(300))));
        assert401(service.post(path, BODY, "Authorization",
                "Bearer " + token(SECRET, Instant.now().minusSeconds(3600))));
        assert401(service.get("/api/appointments/" + UUID.randomUUID()));
        assert401(service.patch("/api/appointments/" + UUID.randomUUID(), "{\"notes\":\"x\"}"));
        assert401(service.post("/api/appointments/status", "{}"));
        assertThat(appointments()).isEqualTo(before);
    }

    @Test
    void validTokenIsAccepted() throws Exception {
        String auth = "Bearer " + token(SECRET, Instant.now().plusSeconds(300));
        HttpResponse<String> r = service.post("/api/appointments/create-with-sync", BODY, "Authorization", auth);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        String id = Json.MAPPER.readTree(r.body()).at("/appointment/id").asText();
        assertThat(service.get("/api/appointments/" + id, "Authorization", auth).statusCode()).isEqualTo(200);
    }
}
