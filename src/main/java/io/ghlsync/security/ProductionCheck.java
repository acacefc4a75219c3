package io.ghlsync.security;

import io.ghlsync.config.Settings;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What APP_PROFILE=production refuses, decided from settings alone before anything starts (no database, no port).
 * All problems are reported together, so one restart fixes them all.
 */
public final class ProductionCheck {

    /** The settings the check reads (names as in application.properties). */
    public record Input(String profile, String jwtSecret, String jwksUrl, boolean skipSignature, String ghlApiKey,
            String ghlClientId, String ghlClientSecret, String tokenEncryptionKey, String databaseUrl,
            boolean embeddedAllowed) {

        static Input read(Settings s) {
            return new Input(s.string("service.profile"), s.string("auth.jwt-secret"), s.string("auth.jwks-url"),
                    s.bool("webhook.skip-signature-validation"), s.string("ghl.api-key"),
                    s.string("ghl.oauth.client-id"), s.string("ghl.oauth.client-secret"),
                    s.string("ghl.oauth.token-encryption-key"), s.string("database.url"),
                    s.bool("database.embedded.allowed-in-production"));
        }
    }

    private ProductionCheck() {}

    public static boolean production(Input in) {
        return "production".equalsIgnoreCase(in.profile().trim());
    }

    /** @return every unsafe setting, in words an operator can act on; empty when the service may start */
    public static List<String> problems(Input in) {
        List<String> problems = new ArrayList<>();
        if (!production(in)) {
            return problems;
        }
        if (blank(in.jwtSecret()) && blank(in.jwksUrl())) {
            problems.add("JWT_SECRET is not set (nor JWT_JWKS_URL): the booking and operations APIs need "
                    + "authentication (make a secret with: openssl rand -base64 48)");
        } else if (!blank(in.jwtSecret())
                && in.jwtSecret().getBytes(StandardCharsets.UTF_8).length < TokenVerifier.MIN_SECRET_BYTES) {
            problems.add("JWT_SECRET is shorter than " + TokenVerifier.MIN_SECRET_BYTES + " bytes");
        }
        if (in.skipSignature()) {
            problems.add("GHL_SKIP_SIGNATURE_VALIDATION=true: webhooks must be verified in production");
        }
        if (blank(in.ghlApiKey()) && blank(in.ghlClientId())) {
            problems.add("no GHL credentials (GHL_API_KEY, or GHL_CLIENT_ID with GHL_CLIENT_SECRET): production "
                    + "never runs against the built-in GHL simulator");
        }
        if (!blank(in.ghlClientId()) && blank(in.ghlClientSecret())) {
            problems.add("GHL_CLIENT_ID is set without GHL_CLIENT_SECRET");
        }
        if (!blank(in.ghlClientId()) && blank(in.tokenEncryptionKey())) {
            problems.add("GHL_CLIENT_ID is set without GHL_TOKEN_ENCRYPTION_KEY (OAuth tokens are stored encrypted)");
        }
        if (blank(in.databaseUrl()) && !in.embeddedAllowed()) {
            problems.add("DATABASE_URL is not set: production uses an external PostgreSQL (or set "
                    + "EMBEDDED_PG_ALLOWED_IN_PRODUCTION=true to accept the embedded one knowingly)");
        }
        return problems;
    }

    /** @throws IllegalStateException listing every problem, when the production profile is unsafe */
    public static void enforce(Settings settings) {
        List<String> problems = problems(Input.read(settings));
        if (!problems.isEmpty()) {
            StringBuilder message = new StringBuilder("APP_PROFILE=production refuses to start with ")
                    .append(problems.size()).append(problems.size() == 1 ? " unsafe setting:" : " unsafe settings:");
            problems.forEach(p -> message.append(System.lineSeparator()).append("  - ").append(p));
            throw new UnsafeConfigurationException(message.toString());
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
