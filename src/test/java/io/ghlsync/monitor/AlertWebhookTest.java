package io.ghlsync.monitor;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.ghlsync.deadletter.DeadLetterRows;
import io.ghlsync.support.TestService;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertWebhookTest {

    private final WireMockServer slack = new WireMockServer(options().dynamicPort());
    private TestService service;

    @BeforeAll
    void start() {
        slack.start();
        slack.stubFor(post("/hooks/ops").willReturn(aResponse().withStatus(200).withBody("ok")));
        service = TestService.builder()
                .property("sync.enabled", "false") // replayed events stay queued: no pipeline run in these tests
                .property("alerts.webhook-url", "http://localhost:" + slack.port() + "/hooks/ops")
                .property("alerts.check-interval-ms", "200")
                .property("alerts.cooldown-ms", "3600000")
                .property("monitor.stats-cache-ms", "0")
                .property("monitor.max-dead-letters", "1")
                .property("deadletter.replay.enabled", "false")
                .start();
    }

    @AfterAll
    void stop() {
        service.close();
        slack.stop();
    }

    @Test
    void degradedHealthAlertsOnceAndRecoveryIsAnnounced() {
        DeadLetterRows rows = new DeadLetterRows(service.jdbc());
        UUID appt = rows.appointment();
        long a = rows.openDeadLetter(appt, "ServerError");
        long b = rows.openDeadLetter(appt, "ServerError");

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> slack.verify(1, postRequestedFor(
                urlEqualTo("/hooks/ops"))
                .withHeader("Content-Type", containing("application/json"))
                .withRequestBody(matchingJsonPath("$.text", containing("Large dead letter queue: 2 items")))));

        // healthy again: dead letters resolved and the failed events done after all
        service.jdbc().update("update dead_letter set status = 'DISCARDED', discard_reason = 'test' where id in (:ids)",
                Map.of("ids", List.of(a, b)));
        service.jdbc().update("update sync_outbox set status = 'DONE' where appointment_id = :a", Map.of("a", appt));
        service.jdbc().update("update dead_letter set last_attempt_at = now() - interval '2 hours'", Map.of());

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> slack.verify(1, postRequestedFor(
                urlEqualTo("/hooks/ops")).withRequestBody(matchingJsonPath("$.text", containing("recovered")))));
        List<LoggedRequest> all = slack.findAll(postRequestedFor(urlEqualTo("/hooks/ops")));
        assertThat(all).hasSize(2); // the cooldown held back any repeat of the first alert
        for (LoggedRequest r : all) {
            assertThat(r.getBodyAsString()).doesNotContain("Test Customer", appt.toString(), "503");
        }
        assertThat(service.get("/observe/metrics").body()).as("the webhook URL is a secret, never a metric label")
                .doesNotContain("/hooks/ops");
    }
}
