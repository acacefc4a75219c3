package io.ghlsync.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.Semaphore;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * The operator account for HTTP Basic, which a stock Hawtio's Connect tab sends: one user name, a bcrypt hash of
 * its password (never the password itself) and the scopes it holds. A bcrypt check costs tens of milliseconds by
 * design, and Hawtio polls every few seconds, so a verified header is remembered for a few minutes (by its SHA-256,
 * not in clear); at most two checks run at once, so wrong guesses cannot take the CPU from the service.
 */
public final class BasicCredentials {

    private final String user;
    private final String hash;
    private final Principal principal;
    private final Cache<String, Boolean> verified;
    private final Semaphore checks = new Semaphore(2);

    /** @param hash bcrypt ($2a$/$2b$/$2y$); blank user = no Basic authentication */
    public BasicCredentials(String user, String hash, String scopes, Duration rememberFor) {
        this.user = user == null ? "" : user.trim();
        this.hash = hash == null ? "" : hash.trim();
        if (!this.user.isEmpty()) {
            if (!this.hash.matches("\\$2[aby]\\$\\d\\d\\$[./A-Za-z0-9]{53}")) {
                throw new IllegalArgumentException(
                        "OPS_PASSWORD_HASH must be a bcrypt hash; make one with: java -jar ghl-sync.jar hash-password");
            }
        }
        this.principal = Principal.fromScopeClaim(this.user, scopes == null ? "" : scopes);
        this.verified = Caffeine.newBuilder().maximumSize(64).expireAfterWrite(rememberFor).build();
    }

    public boolean configured() {
        return !user.isEmpty();
    }

    /** True when the header was verified recently: no bcrypt needed, safe on the event loop. */
    public boolean remembered(String headerValue) {
        return verified.getIfPresent(digest(headerValue)) != null;
    }

    /**
     * @param headerValue the whole Authorization header ("Basic …")
     * @throws AuthenticationException when the header is malformed, the user or password is wrong, or too many
     *     checks are running
     */
    public Principal verify(String headerValue) {
        if (!configured()) {
            throw new AuthenticationException("Basic authentication is not configured (OPS_USER)");
        }
        String key = digest(headerValue);
        if (verified.getIfPresent(key) != null) {
            return principal;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(headerValue.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new AuthenticationException("Basic credentials are not base64");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw new AuthenticationException("Basic credentials need user:password");
        }
        boolean userMatches = MessageDigest.isEqual(
                decoded.substring(0, colon).getBytes(StandardCharsets.UTF_8), user.getBytes(StandardCharsets.UTF_8));
        if (!checks.tryAcquire()) {
            throw new AuthenticationException("too many password checks at once; try again");
        }
        boolean passwordMatches;
        try {
            // Checked even for a wrong user name, so the answer takes as long either way.
            passwordMatches = BCrypt.checkpw(decoded.substring(colon + 1), hash);
        } finally {
            checks.release();
        }
        if (!(userMatches && passwordMatches)) {
            throw new AuthenticationException("wrong user name or password");
        }
        verified.put(key, Boolean.TRUE);
        return principal;
    }

    /** A bcrypt hash of a password, for OPS_PASSWORD_HASH. */
    public static String hash(String password) {
        return BCrypt.hashpw(password, BCrypt.gensalt(12));
    }

    private static String digest(String value) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
