package io.ghlsync.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.ghlsync.config.Json;
import io.ghlsync.support.TestService;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/** When a webhook cannot be committed, GHL must get 429 (the only status it retries), never a 5xx. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebhookDatabaseDownTest {

    private final WebhookKeys keys = new WebhookKeys();
    private EmbeddedPostgres postgres;
    private TestService service;

    @BeforeAll
    void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start(); // a server of its own, so stopping it harms no other test
        service = TestService.builder()
                .databaseUrl(postgres.getJdbcUrl("postgres", "postgres"))
                .property("webhook.ed25519-public-key", keys.ed25519PublicBase64())
                .property("webhook.rsa-public-key", keys.rsaPublicPem())
                .property("database.pool.max-size", 3)
                .property("database.pool.connection-timeout-ms", 500)
                .property("webhook.inbox.poll-ms", 60000) // keep the poller from holding connections
                .start();
    }

    @AfterAll
    void stop() throws Exception {
        service.close();
        postgres.close();
    }

    HttpResponse<String> postSigned() {
        byte[] body = WebhookIntakeTest.event("ContactCreate", "db-" + UUID.randomUUID(), null);
        return service.send(HttpRequest.newBuilder(URI.create(service.url("/gohighlevel-webhook")))
                .header("Content-Type", "application/json")
                .header("X-GHL-Signature", keys.signEd25519(body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    @Test
    @Order(1)
    void exhaustedConnectionPoolAnswers429AndRecovers() throws Exception {
        assertThat(postSigned().statusCode()).isEqualTo(200);
        DataSource ds = service.bean("dataSource", DataSource.class);
        List<Connection> held = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                held.add(ds.getConnection());
            }
            HttpResponse<String> r = postSigned();
            assertThat(r.statusCode()).as(r.body()).isEqualTo(429);
            assertThat(Json.MAPPER.readTree(r.body()).get("success").asBoolean()).isFalse();
        } finally {
            for (Connection c : held) {
                c.close();
            }
        }
        assertThat(postSigned().statusCode()).isEqualTo(200);
    }

    @Test
    @Order(2)
    void stoppedDatabaseAnswers429() throws Exception {
        postgres.close();
        HttpResponse<String> r = postSigned();
        assertThat(r.statusCode()).as(r.body()).isEqualTo(429);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(Json.MAPPER.readTree(r.body()).get("error").asText()).isEqualTo("Webhook not stored, retry later");
    }
}
