package io.ghlsync.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.ghlsync.support.TestService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Load proof of the intake (run on purpose: mvn test -Dgroups=slow -Dtest=WebhookThroughputTest): 50 concurrent
 * connections post distinct Ed25519-signed webhooks; every one must be answered 200 and be in the inbox. Prints
 * the rate. The client runs on the same machine, so the figure is a lower bound of the service's capacity.
 */
@Tag("slow")
class WebhookThroughputTest {

    private static final int CONNECTIONS = 50;
    private static final int PER_CONNECTION = 400;

    @Test
    void fiftyConnectionsOfSignedWebhooksAreAllStored() throws Exception {
        WebhookKeys keys = new WebhookKeys();
        try (TestService service = TestService.builder()
                .property("webhook.ed25519-public-key", keys.ed25519PublicBase64())
                .property("webhook.rsa-public-key", keys.rsaPublicPem())
                .property("webhook.inbox.poll-ms", 600000) // measure the intake alone
                .start()) {
            URI uri = URI.create(service.url("/gohighlevel-webhook"));
            List<List<HttpRequest>> work = new ArrayList<>();
            for (int c = 0; c < CONNECTIONS; c++) {
                List<HttpRequest> requests = new ArrayList<>();
                for (int i = 0; i < PER_CONNECTION; i++) {
                    byte[] body = WebhookIntakeTest.event("ContactUpdate", "load-" + UUID.randomUUID(), null);
                    requests.add(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/json")
                            .header("X-GHL-Signature", keys.signEd25519(body))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
                }
                work.add(requests);
            }
            AtomicInteger ok = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS);
            long start = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (List<HttpRequest> requests : work) {
                done.add(pool.submit(() -> {
                    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                    for (HttpRequest r : requests) {
                        HttpResponse<String> resp = client.send(r, HttpResponse.BodyHandlers.ofString());
                        if (resp.statusCode() == 200) {
                            ok.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            pool.shutdown();
            int total = CONNECTIONS * PER_CONNECTION;
            System.out.printf("webhook intake: %d signed webhooks in %.2f s = %.0f/s%n", total, seconds, total / seconds);
            assertThat(ok.get()).isEqualTo(total);
            assertThat(service.jdbc().queryForObject("select count(*) from webhook_inbox", Map.of(), Long.class))
                    .isEqualTo(total);
        }
    }
}
