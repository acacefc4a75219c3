package io.ghlsync.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ghlsync.config.Json;
import io.ghlsync.support.TestService;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookIntakeTest {

    private static final String PATH = "/gohighlevel-webhook";
    private static final int MAX_BODY = 8192;

    private final WebhookKeys keys = new WebhookKeys();
    private TestService service;

    @BeforeAll
    void start() {
        service = TestService.builder()
                .property("webhook.ed25519-public-key", keys.ed25519PublicBase64())
                .property("webhook.rsa-public-key", keys.rsaPublicPem())
                .property("camel.server.max-body-size", MAX_BODY)
                .property("webhook.inbox.poll-ms", 20)
                .start();
    }

    @AfterAll
    void stop() {
        service.close();
    }

    /** GHL's webhook examples, verbatim, on the test classpath (written by scripts/copy-ghl-reference.py). */
    static Path samplesDir() {
        URL dir = WebhookIntakeTest.class.getResource("/ghl/webhook-events");
        if (dir == null) {
            throw new IllegalStateException("ghl/webhook-events is not on the test classpath");
        }
        try {
            return Path.of(dir.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Path> samples() throws IOException {
        try (Stream<Path> s = Files.list(samplesDir())) {
            return s.filter(p -> p.getFileName().toString().matches(".*\\.example\\d*\\.json")).sorted().toList();
        }
    }

    HttpResponse<String> post(String path, byte[] body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(service.url(path)))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        boolean typed = false;
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.setHeader(headers[i], headers[i + 1]);
            typed |= headers[i].equalsIgnoreCase("Content-Type");
        }
        if (!typed) {
            b.setHeader("Content-Type", "application/json");
        }
        return service.send(b.build());
    }

    HttpResponse<String> postSigned(String path, byte[] body) {
        return post(path, body, "X-GHL-Signature", keys.signEd25519(body));
    }

    long inboxRows() {
        return service.jdbc().queryForObject("select count(*) from webhook_inbox", Map.of(), Long.class);
    }

    String statusOf(String webhookId) {
        return service.jdbc().queryForObject("select status from webhook_inbox where webhook_id = :id",
                Map.of("id", webhookId), String.class);
    }

    static JsonNode json(HttpResponse<String> r) throws IOException {
        return Json.MAPPER.readTree(r.body());
    }

    @Test
    void everyOfficialSampleIsAcceptedAndHandled() throws IOException {
        List<Path> files = samples();
        assertThat(files).hasSizeGreaterThanOrEqualTo(19);
        for (Path file : files) {
            byte[] body = Files.readAllBytes(file);
            HttpResponse<String> r = postSigned(PATH, body);
            assertThat(r.statusCode()).as("%s: %s", file.getFileName(), r.body()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                    ct -> assertThat(ct).startsWith("application/json"));
            String webhookId = json(r).get("webhookId").asText();
            assertThat(webhookId).startsWith("sha256:"); // the samples carry no webhookId
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(statusOf(webhookId)).as(file.getFileName().toString()).isIn("DONE", "IGNORED"));
        }
    }

    @Test
    void signatureIsCheckedOverTheRawBytesWhateverTheirFormatting() throws IOException {
        // Unusual key order, spaces, newlines, non-ASCII text and a unicode escape: a re-serialization would differ.
        String text = "{ \"webhookId\" : \"raw-" + UUID.randomUUID() + "\",\n  \"locationId\":\"loc\", \"type\":"
                + " \"NoteCreate\" , \"body\" : \"Zoë Škoda — 東京 \\u00e9 ✓\",\t\"n\": 1.50 }";
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> r = postSigned(PATH, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        String id = json(r).get("webhookId").asText();
        String stored = service.jdbc().queryForObject("select raw_body from webhook_inbox where webhook_id = :id",
                Map.of("id", id), String.class);
        assertThat(stored.getBytes(StandardCharsets.UTF_8)).isEqualTo(body);
    }

    @Test
    void legacyRsaSignatureIsAccepted() throws IOException {
        byte[] body = event("ContactUpdate", "rsa-" + UUID.randomUUID(), null);
        HttpResponse<String> r = post(PATH, body, "X-WH-Signature", keys.signRsa(body));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(service.jdbc().queryForObject("select signature from webhook_inbox where webhook_id = :id",
                Map.of("id", json(r).get("webhookId").asText()), String.class)).isEqualTo("rsa");
    }

    @Test
    void oneFlippedByteIsRejectedAndNothingIsStored() throws IOException {
        byte[] body = event("ContactCreate", "flip-" + UUID.randomUUID(), null);
        String signature = keys.signEd25519(body);
        body[body.length / 2] ^= 0x01;
        long before = inboxRows();
        HttpResponse<String> r = post(PATH, body, "X-GHL-Signature", signature);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(json(r).get("success").asBoolean()).isFalse();
        assertThat(json(r).get("error").asText()).isEqualTo("Invalid webhook signature");
        assertThat(inboxRows()).isEqualTo(before);
    }

    @Test
    void ed25519HeaderIsCheckedWithoutFallbackToAValidRsaSignature() {
        byte[] body = event("ContactCreate", "nofallback-" + UUID.randomUUID(), null);
        HttpResponse<String> r = post(PATH, body, "X-GHL-Signature", keys.signEd25519("other".getBytes()),
                "X-WH-Signature", keys.signRsa(body));
        assertThat(r.statusCode()).isEqualTo(401);
    }

    @Test
    void missingSignatureIsRejected() throws IOException {
        HttpResponse<String> r = post(PATH, event("ContactCreate", "nosig-" + UUID.randomUUID(), null));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(json(r).get("details").get(0).get("message").asText()).contains("X-GHL-Signature");
    }

    @Test
    void repeatedWebhookIdIsAcknowledgedAndStoredOnce() throws IOException {
        String id = "dup-" + UUID.randomUUID();
        byte[] body = event("ContactCreate", id, null);
        HttpResponse<String> first = postSigned(PATH, body);
        HttpResponse<String> second = postSigned(PATH, body);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(json(first).get("duplicate").asBoolean()).isFalse();
        assertThat(json(second).get("duplicate").asBoolean()).isTrue();
        assertThat(service.jdbc().queryForObject("select count(*) from webhook_inbox where webhook_id = :id",
                Map.of("id", id), Long.class)).isEqualTo(1);
    }

    @Test
    void concurrentCopiesOfOneWebhookAreAllAcknowledgedAndStoredOnce() {
        String id = "race-" + UUID.randomUUID();
        byte[] body = event("ContactUpdate", id, null);
        List<Integer> statuses = java.util.stream.IntStream.range(0, 20).parallel()
                .mapToObj(i -> postSigned(PATH, body).statusCode()).toList();
        assertThat(statuses).containsOnly(200);
        assertThat(service.jdbc().queryForObject("select count(*) from webhook_inbox where webhook_id = :id",
                Map.of("id", id), Long.class)).isEqualTo(1);
    }

    @Test
    void timestampOutsideTheWindowIsRejected() {
        long before = inboxRows();
        HttpResponse<String> stale = postSigned(PATH,
                event("ContactCreate", "old-" + UUID.randomUUID(), Instant.now().minus(Duration.ofMinutes(76))));
        HttpResponse<String> future = postSigned(PATH,
                event("ContactCreate", "future-" + UUID.randomUUID(), Instant.now().plus(Duration.ofMinutes(76))));
        assertThat(stale.statusCode()).isEqualTo(401);
        assertThat(future.statusCode()).isEqualTo(401);
        assertThat(stale.body()).contains("timestamp");
        assertThat(inboxRows()).isEqualTo(before);
        HttpResponse<String> retried = postSigned(PATH,
                event("ContactCreate", "retry-" + UUID.randomUUID(), Instant.now().minus(Duration.ofMinutes(70))));
        assertThat(retried.statusCode()).as("a GHL retry 70 minutes later still fits").isEqualTo(200);
    }

    @Test
    void notJsonIsA400() throws IOException {
        HttpResponse<String> r = postSigned(PATH, "{\"type\": \"ContactCreate\", ".getBytes(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).get("error").asText()).isEqualTo("Body is not valid JSON");
        HttpResponse<String> array = postSigned(PATH, "[1,2]".getBytes(StandardCharsets.UTF_8));
        assertThat(array.statusCode()).isEqualTo(400);
    }

    @Test
    void wrongContentTypeIsA415() throws IOException {
        byte[] body = event("ContactCreate", "ct-" + UUID.randomUUID(), null);
        HttpResponse<String> r = post(PATH, body, "Content-Type", "text/plain",
                "X-GHL-Signature", keys.signEd25519(body));
        assertThat(r.statusCode()).isEqualTo(415);
        assertThat(json(r).get("success").asBoolean()).isFalse();
    }

    @Test
    void oversizedBodyIsA413InJson() throws IOException {
        byte[] body = new byte[MAX_BODY + 100];
        java.util.Arrays.fill(body, (byte) ' ');
        body[0] = '{';
        body[body.length - 1] = '}';
        HttpResponse<String> r = postSigned(PATH, body);
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(json(r).get("error").asText()).isEqualTo("Request body too large");
    }

    @Test
    void theNetlifyPathIsTheSameEndpoint() throws IOException {
        String id = "netlify-" + UUID.randomUUID();
        HttpResponse<String> r = postSigned("/.netlify/functions/gohighlevel-webhook", event("ContactCreate", id, null));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).get("webhookId").asText()).isEqualTo(id);
    }

    @Test
    void responseDoesNotEchoRequestHeaders() {
        byte[] body = event("NoteCreate", "echo-" + UUID.randomUUID(), null);
        HttpResponse<String> r = postSigned(PATH, body);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("X-GHL-Signature")).isEmpty();
    }

    static byte[] event(String type, String webhookId, Instant timestamp) {
        var node = Json.MAPPER.createObjectNode().put("type", type).put("locationId", "loc-1")
                .put("id", "c-" + UUID.randomUUID()).put("email", "someone@example.com");
        if (webhookId != null) {
            node.put("webhookId", webhookId);
        }
        if (timestamp != null) {
            node.put("timestamp", timestamp.toString());
        }
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }
}
