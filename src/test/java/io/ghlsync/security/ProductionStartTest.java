package io.ghlsync.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.ghlsync.support.TestService;
import org.junit.jupiter.api.Test;

/** APP_PROFILE=production with unsafe settings stops at start with one message naming each problem. */
class ProductionStartTest {

    private static String rootMessage(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof UnsafeConfigurationException) {
                return c.getMessage();
            }
        }
        return String.valueOf(t);
    }

    @Test
    void productionWithoutAuthenticationCredentialsOrSignatureChecksRefusesToStartNamingEach() {
        Throwable failure = catchThrowable(() -> TestService.builder()
                .property("service.profile", "production")
                .property("webhook.skip-signature-validation", "true")
                .property("database.url", "")
                .start().close());
        String message = rootMessage(failure);
        assertThat(message).startsWith("APP_PROFILE=production refuses to start with 4 unsafe settings:");
        assertThat(message).contains("JWT_SECRET is not set", "GHL_SKIP_SIGNATURE_VALIDATION=true",
                "no GHL credentials", "DATABASE_URL is not set");
    }

    @Test
    void productionWithASafeConfigurationStarts() {
        try (TestService service = TestService.builder()
                .property("service.profile", "production")
                .property("auth.jwt-secret", "production-start-test-secret-of-32-bytes+")
                .property("ghl.api-key", "pit-test-token")
                .property("ghl.base-url", "http://127.0.0.1:9")
                .property("sync.enabled", "false")
                .start()) {
            assertThat(service.get("/observe/health/live").statusCode()).isEqualTo(200);
        }
    }
}
