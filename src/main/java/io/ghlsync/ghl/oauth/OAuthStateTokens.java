package io.ghlsync.ghl.oauth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTDecodeException;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.auth0.jwt.exceptions.TokenExpiredException;
import com.auth0.jwt.interfaces.DecodedJWT;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code state} of an install link: a JWT (HS256) with a random nonce ({@code jti}) that expires after
 * {@code ttl}. It is signed with a key derived for this purpose only, never with JWT_SECRET itself: the API accepts
 * any unexpired HS256 token signed with JWT_SECRET as a bearer token, so a state signed with it would open the API.
 */
public final class OAuthStateTokens {

    /** Label of the derived key; a key derived with another label (or JWT_SECRET itself) verifies nothing here. */
    static final String PURPOSE = "ghl-sync oauth state";
    static final String ISSUER = "ghl-sync";
    static final String AUDIENCE = "ghl-oauth-state";
    /** Tolerated clock difference between the instance that issued a state and the one that checks it. */
    static final long LEEWAY_SECONDS = 5;

    /** A signed state and what it stands for. */
    public record Issued(String token, String nonce, Instant expiresAt) {
        @Override
        public String toString() {
            return "Issued[expires " + expiresAt + "]";
        }
    }

    /** A state whose signature, purpose and expiry are good; single use is the caller's to check. */
    public record Verified(String nonce, Instant expiresAt) {}

    /** A state that must not be honoured; the message says why, without the token. */
    public static final class InvalidStateException extends RuntimeException {
        public InvalidStateException(String reason) {
            super(reason);
        }
    }

    private final Algorithm algorithm;
    private final JWTVerifier verifier;
    private final Duration ttl;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public OAuthStateTokens(byte[] key, Duration ttl, Clock clock) {
        this.algorithm = Algorithm.HMAC256(key);
        this.ttl = ttl;
        this.clock = clock;
        this.verifier = ((JWTVerifier.BaseVerification) JWT.require(algorithm)
                .withIssuer(ISSUER)
                .withAudience(AUDIENCE)
                .withClaimPresence("jti")
                .withClaimPresence("exp")
                .acceptLeeway(LEEWAY_SECONDS)).build(clock);
    }

    /**
     * HMAC-SHA256(secret, {@value #PURPOSE}): JWT_SECRET when set, else GHL_CLIENT_SECRET (then the key is still
     * one only this service knows).
     */
    public static byte[] deriveKey(String jwtSecret, String clientSecret) {
        String secret = jwtSecret != null && !jwtSecret.isBlank() ? jwtSecret : clientSecret;
        if (secret == null || secret.isBlank()) {
            throw new IllegalStateException("no secret to sign OAuth states: set JWT_SECRET or GHL_CLIENT_SECRET");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(PURPOSE.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    public Issued issue() {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(nonce);
        Instant now = clock.instant();
        // JWT times are whole seconds; expiresAt says what the token says.
        Instant expires = now.plus(ttl).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String token = JWT.create()
                .withIssuer(ISSUER)
                .withAudience(AUDIENCE)
                .withJWTId(id)
                .withIssuedAt(now)
                .withExpiresAt(expires)
                .sign(algorithm);
        return new Issued(token, id, expires);
    }

    public Verified verify(String token) {
        DecodedJWT jwt;
        try {
            jwt = verifier.verify(token);
        } catch (TokenExpiredException e) {
            throw new InvalidStateException("expired: open a new install link");
        } catch (SignatureVerificationException e) {
            throw new InvalidStateException("signature does not match: not issued by this service, or altered");
        } catch (JWTDecodeException e) {
            throw new InvalidStateException("not a state issued by this service");
        } catch (JWTVerificationException e) {
            throw new InvalidStateException("not a state issued by this service (" + e.getClass().getSimpleName()
                    + ")");
        }
        return new Verified(jwt.getId(), jwt.getExpiresAtAsInstant());
    }
}
