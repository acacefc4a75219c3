package io.ghlsync.security;

import io.ghlsync.config.Settings;
import java.time.Duration;

/** Everything the HTTP security layer is configured with, read once at start. */
public record SecuritySettings(
        String jwtSecret,
        String jwksUrl,
        String issuer,
        String audience,
        Duration jwksCacheTtl,
        String opsUser,
        String opsPasswordHash,
        String opsScope,
        String host,
        HardenedHttpServer.Limits limits,
        AccessPolicy policy) {

    public static SecuritySettings read(Settings s) {
        return new SecuritySettings(
                s.string("auth.jwt-secret"),
                s.string("auth.jwks-url"),
                s.string("auth.jwt-issuer"),
                s.string("auth.jwt-audience"),
                Duration.ofSeconds(s.longValue("auth.jwks-cache-seconds")),
                s.string("auth.ops-user"),
                s.string("auth.ops-password-hash"),
                s.string("auth.ops-scope"),
                s.string("http.host"),
                new HardenedHttpServer.Limits(
                        s.integer("http.idle-timeout-seconds"),
                        s.longValue("http.first-request-timeout-ms"),
                        s.integer("http.max-connections"),
                        s.longValue("camel.server.max-body-size")),
                AccessPolicy.fromSettings(s.withPrefix("http.access."), "http.access."));
    }

    public Authenticator authenticator() {
        return new Authenticator(
                new TokenVerifier(jwtSecret, jwksUrl, issuer, audience, jwksCacheTtl),
                new BasicCredentials(opsUser, opsPasswordHash, opsScope, Duration.ofMinutes(5)));
    }

    /**
     * Where to listen: loopback only while no authentication is configured (like Redis' protected mode: an
     * instance that trusts every caller is never on the network, whatever SERVER_HOST says); once callers must
     * authenticate, SERVER_HOST, or every interface.
     */
    public String listenHost(boolean authenticationConfigured) {
        if (!authenticationConfigured) {
            return "127.0.0.1";
        }
        return host == null || host.isBlank() ? "0.0.0.0" : host.trim();
    }
}
