package io.ghlsync.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.AppenderBase;
import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ghlsync.config.Json;
import io.ghlsync.simulator.GhlSimulator;
import io.ghlsync.support.TestService;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Proof 5: everything the service (and the GHL simulator in the same JVM) logs while every endpoint is driven with
 * distinctive personal data and secrets, including failures (bad input, bad tokens, GHL errors), contains none of
 * them. Captured with an appender on logback's root logger, so every logger and level that is enabled counts.
 */
class LogHygieneTest {

    private static final String NAME = "Zzyzx Quintessa";
    private static final String EMAIL = "zzyzx.quintessa@proof-example.com";
    private static final String PHONE = "+31 6 9876 5432";
    private static final String ADDRESS = "Quintessaweg 77, Vlieland";
    private static final String NOTES = "Gate code 4471-Quintessa";
    private static final String REASON = "Zzyzx has the flu";
    private static final String WEBHOOK_NAME = "Yolanda Vexcombe";
    private static final String WEBHOOK_EMAIL = "yolanda.vexcombe@proof-example.org";
    private static final String WEBHOOK_PHONE = "+44 7700 900461";
    private static final String JWT_SECRET = "proof-jwt-secret-Xq81vLm0Zr-padded-to-32-bytes";
    private static final String GHL_TOKEN = "pit-proof-ghl-token-5e2a9c7b";

    /** Collects every log event, message and stack traces as text. */
    static final class Capture extends AppenderBase<ILoggingEvent> {
        final List<String> lines = new ArrayList<>();

        @Override
        protected synchronized void append(ILoggingEvent e) {
            StringBuilder b = new StringBuilder(e.getLoggerName()).append(' ').append(e.getFormattedMessage());
            for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
                b.append('\n').append(t.getClassName()).append(": ").append(t.getMessage());
                for (StackTraceElementProxy s : t.getStackTraceElementProxyArray()) {
                    b.append('\n').append(s.getSTEAsString());
                }
            }
            e.getMDCPropertyMap().forEach((k, v) -> b.append(' ').append(k).append('=').append(v));
            lines.add(b.toString());
        }

        synchronized String all() {
            return String.join("\n", lines);
        }
    }

    @Test
    void logsOfEveryEndpointWithPersonalDataAndSecretsContainNoneOfThem() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Capture capture = new Capture();
        capture.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
        capture.start();
        root.addAppender(capture);
        // Our own code at DEBUG too: a debug statement that leaks would leak the day someone turns it on.
        Logger own = (Logger) LoggerFactory.getLogger("io.ghlsync");
        ch.qos.logback.classic.Level ownLevel = own.getLevel();
        own.setLevel(ch.qos.logback.classic.Level.DEBUG);
        KeyPair webhookKeys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        String token = JWT.create().withSubject("admin-1").withExpiresAt(new Date(System.currentTimeMillis() + 600_000))
                .sign(Algorithm.HMAC256(JWT_SECRET));
        String forged = JWT.create().withSubject(EMAIL).sign(Algorithm.HMAC256("not-the-secret-" + JWT_SECRET));
        try (GhlSimulator ghl = GhlSimulator.start(GhlSimulator.Settings.defaults());
                TestService service = TestService.builder()
                        .property("auth.jwt-secret", JWT_SECRET)
                        .property("ghl.api-key", GHL_TOKEN)
                        .property("ghl.base-url", ghl.baseUrl())
                        .property("webhook.ed25519-public-key",
                                Base64.getEncoder().encodeToString(webhookKeys.getPublic().getEncoded()))
                        .start()) {
            String[] auth = {"Authorization", "Bearer " + token};
            String create = """
                    {"customer":{"name":"%s","email":"%s","phone":"%s","address":"%s"},
                     "serviceType":"airco","startTime":"2031-03-03T10:00:00+01:00","notes":"%s"}"""
                    .formatted(NAME, EMAIL, PHONE, ADDRESS, NOTES);
            HttpResponse<String> created = service.post("/api/appointments/create-with-sync", create, auth);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String id = Json.MAPPER.readTree(created.body()).path("appointment").path("id").asText();

            // failures carrying the same data: no token, a forged token whose subject is an email, bad fields
            service.post("/api/appointments/create-with-sync", create);
            service.post("/api/appointments/create-with-sync", create, "Authorization", "Bearer " + forged);
            service.post("/api/appointments/create-with-sync", create.replace(EMAIL, EMAIL + "@@" + NAME), auth);
            service.post("/api/appointments/create-with-sync", create.replace("\"airco\"", "42"), auth);
            service.post("/api/appointments/create-with-sync", create, auth); // slot taken: 409
            service.post("/api/appointments/create-with-sync", "{\"customer\":{\"name\":\"" + NAME + "\"", auth);

            ghl.failNext(422, 1); // a GHL error on the first call of the next event
            assertThat(service.patch("/api/appointments/" + id, "{\"notes\":\"" + NOTES + " v2\",\"address\":\""
                    + ADDRESS + " b\"}", auth).statusCode()).isEqualTo(200);
            assertThat(service.post("/api/appointments/status", "{\"appointmentId\":\"" + id
                    + "\",\"status\":\"confirmed\",\"reason\":\"" + REASON + "\"}", auth).statusCode()).isEqualTo(200);
            service.get("/api/appointments/" + id, auth);
            service.post("/gohighlevel-appointment-sync", "{\"appointmentId\":\"" + id + "\",\"action\":\"confirm\"}",
                    auth);
            service.get("/gohighlevel-sync-monitor?action=status", auth);
            service.get("/gohighlevel-sync-monitor?action=health&appointmentId=" + id, auth);
            service.get("/api/dead-letters?appointmentId=" + id, auth);
            service.post("/api/dead-letters/replay", "{\"appointmentId\":\"" + id + "\"}", auth);
            service.get("/api/dead-letters?errorClass=" + java.net.URLEncoder.encode(EMAIL, StandardCharsets.UTF_8),
                    auth);

            // webhooks: a signed contact event, the same unsigned, and one with a bad signature
            ObjectNode event = Json.MAPPER.createObjectNode().put("type", "ContactCreate").put("id", "proof-c1")
                    .put("locationId", "sim-location").put("webhookId", "proof-wh-1")
                    .put("timestamp", Instant.now().toString()).put("name", WEBHOOK_NAME)
                    .put("firstName", "Yolanda").put("lastName", "Vexcombe")
                    .put("email", WEBHOOK_EMAIL).put("phone", WEBHOOK_PHONE);
            byte[] body = event.toString().getBytes(StandardCharsets.UTF_8);
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(webhookKeys.getPrivate());
            signer.update(body);
            String signature = Base64.getEncoder().encodeToString(signer.sign());
            assertThat(webhook(service, body, signature).statusCode()).isEqualTo(200);
            webhook(service, body, null);
            webhook(service, body, Base64.getEncoder().encodeToString(new byte[64]));

            await().atMost(java.time.Duration.ofSeconds(60)).until(() -> service.jdbc().queryForObject(
                    "select count(*) from sync_outbox where status in ('PENDING', 'PROCESSING')", Map.of(),
                    Integer.class) == 0 && service.jdbc().queryForObject(
                    "select count(*) from webhook_inbox where status not in ('DONE', 'IGNORED', 'DEAD')", Map.of(),
                    Integer.class) == 0);
            assertThat(ghl.state().notes()).as("the data did reach GHL").isNotEmpty();
        } finally {
            root.detachAppender(capture);
            own.setLevel(ownLevel);
        }

        String logs = capture.all();
        System.out.println("PROOF log-hygiene lines=" + capture.lines.size() + " chars=" + logs.length());
        List<String> secrets = List.of(NAME, "Zzyzx", "Quintessa", EMAIL, PHONE, "987654", "9876 5432", ADDRESS,
                "Quintessaweg", NOTES, "4471", REASON, WEBHOOK_NAME, "Vexcombe", "Yolanda", WEBHOOK_EMAIL,
                WEBHOOK_PHONE, "7700 900461", "7700900461", JWT_SECRET, GHL_TOKEN, token, forged,
                token.substring(token.lastIndexOf('.') + 1));
        List<String> leaked = secrets.stream().filter(s -> logs.toLowerCase().contains(s.toLowerCase())).toList();
        leaked.forEach(s -> capture.lines.stream().filter(l -> l.toLowerCase().contains(s.toLowerCase())).limit(3)
                .forEach(l -> System.out.println("LEAK " + s + ": " + l.substring(0, Math.min(400, l.length())))));
        assertThat(capture.lines).as("something was logged").isNotEmpty();
        assertThat(leaked).as("personal data or secrets in the logs").isEmpty();
    }

    private static HttpResponse<String> webhook(TestService service, byte[] body, String signature) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(service.url("/gohighlevel-webhook")))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            b.header("X-GHL-Signature", signature);
        }
        return service.send(b.build());
    }
}
