package io.ghlsync.security;

/**
 * Turns an Authorization header into a {@link Principal}: {@code Bearer <JWT>} for the booking app, operators and
 * an identity provider's tokens; {@code Basic} for the operator account (Hawtio's Connect tab).
 */
public final class Authenticator {

    private final TokenVerifier tokens;
    private final BasicCredentials basic;

    public Authenticator(TokenVerifier tokens, BasicCredentials basic) {
        this.tokens = tokens;
        this.basic = basic;
    }

    /** False on a development machine with no JWT_SECRET, JWT_JWKS_URL or OPS_USER: every caller is trusted. */
    public boolean configured() {
        return tokens.configured() || basic.configured();
    }

    /** True when checking this header may take long (bcrypt, a JWKS fetch): run it off the event loop. */
    public boolean mayBlock(String header) {
        if (isScheme(header, "Basic ")) {
            return !basic.remembered(header);
        }
        if (isScheme(header, "Bearer ")) {
            return tokens.mayBlock(header.substring(7).trim());
        }
        return false;
    }

    /** @throws AuthenticationException when the header is missing, of another scheme or not valid */
    public Principal authenticate(String header) {
        if (header == null || header.isBlank()) {
            throw new AuthenticationException(
                    "Missing credentials (Authorization: Bearer <JWT>, or Basic for the operator account)");
        }
        if (isScheme(header, "Bearer ")) {
            if (!tokens.configured()) {
                throw new AuthenticationException("bearer tokens are not configured (JWT_SECRET or JWT_JWKS_URL)");
            }
            return tokens.verify(header.substring(7).trim());
        }
        if (isScheme(header, "Basic ")) {
            return basic.verify(header);
        }
        throw new AuthenticationException("Authorization must be Bearer <JWT> or Basic");
    }

    private static boolean isScheme(String header, String scheme) {
        return header != null && header.regionMatches(true, 0, scheme, 0, scheme.length());
    }
}
