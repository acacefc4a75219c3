package io.ghlsync.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ghlsync.support.TestService;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class WebhookSignatureSettingsTest {

    @Test
    void skippingSignaturesWorksOutsideProductionAndEverySkipIsCounted() {
        try (TestService service = TestService.builder()
                .property("webhook.skip-signature-validation", true)
                .property("service.profile", "development")
                .start()) {
            for (int i = 0; i < 2; i++) {
                String body = new String(WebhookIntakeTest.event("NoteCreate", "skip-" + UUID.randomUUID(), null));
                assertThat(service.post("/gohighlevel-webhook", body).statusCode()).isEqualTo(200);
            }
            assertThat(service.bean("webhookSignatureVerifier", WebhookSignatureVerifier.class).skippedCount())
                    .isEqualTo(2);
            assertThat(service.get("/observe/metrics").body())
                    .containsPattern("ghlsync_webhook_signature_skipped_total(\\{[^}]*\\})? 2\\.0");
        }
    }

    @Test
    void productionRefusesToStartWithSignatureChecksSkipped() {
        assertThatThrownBy(() -> TestService.builder()
                .property("webhook.skip-signature-validation", true)
                .property("service.profile", "production")
                .start().close())
                .hasStackTraceContaining("GHL_SKIP_SIGNATURE_VALIDATION=true: webhooks must be verified");
    }
}
