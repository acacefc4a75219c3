package io.ghlsync.ghl.oauth;

import io.ghlsync.config.Settings;

/** GHL OAuth app settings (application.properties, section GHL OAuth app). */
public record OAuthSettings(
        String clientId,
        String clientSecret,
        String redirectUri,
        String tokenEncryptionKey,
        long refreshBeforeSeconds,
        String allowedCompanyIds,
        String authorizeUrl,
        String scopes,
        long stateTtlSeconds,
        int installRefusalsKept,
        String jwtSecret) {

    public static OAuthSettings read(Settings s) {
        return new OAuthSettings(
                s.string("ghl.oauth.client-id"),
                s.string("ghl.oauth.client-secret"),
                s.string("ghl.oauth.redirect-uri"),
                s.string("ghl.oauth.token-encryption-key"),
                s.longValue("ghl.oauth.refresh-before-seconds"),
                s.string("ghl.oauth.allowed-company-ids"),
                s.string("ghl.oauth.authorize-url"),
                s.string("ghl.oauth.scopes"),
                s.longValue("ghl.oauth.state-ttl-seconds"),
                s.integer("ghl.oauth.install-refusals-kept"),
                // the install links' state key is derived from it (OAuthStateTokens.deriveKey)
                s.string("auth.jwt-secret"));
    }

    /** An OAuth app (GHL_CLIENT_ID) wins over a Private Integration token (GHL_API_KEY). */
    public boolean enabled() {
        return !clientId.isBlank();
    }
}
