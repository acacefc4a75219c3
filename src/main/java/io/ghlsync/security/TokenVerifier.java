package io.ghlsync.security;

import com.auth0.jwk.JwkException;
import com.auth0.jwk.JwkProvider;
import com.auth0.jwk.JwkProviderBuilder;
import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTDecodeException;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.Claim;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.auth0.jwt.interfaces.ECDSAKeyProvider;
import com.auth0.jwt.interfaces.RSAKeyProvider;
import com.auth0.jwt.interfaces.Verification;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Verifies bearer tokens: HS256 signed with JWT_SECRET, and, when JWT_JWKS_URL is set, RS256/ES256 tokens of an
 * identity provider (keys fetched from its JWKS and cached). {@code exp} is required; {@code iss} and {@code aud}
 * are checked when configured. The algorithm is taken from the token only to pick a verifier; each verifier
 * accepts exactly its own algorithm, so {@code none} or an HS256 token signed with a public key fail.
 */
public final class TokenVerifier {

    /** Shortest accepted HS256 secret: RFC 7518 §3.2 wants a key at least as long as the hash (256 bits). */
    public static final int MIN_SECRET_BYTES = 32;

    private static final long LEEWAY_SECONDS = 30;

    private final JWTVerifier hmac;
    private final JWTVerifier rsa;
    private final JWTVerifier ecdsa;

    /**
     * @param secret HS256 secret; blank = no HS256 tokens
     * @param jwksUrl JWKS of an identity provider; blank = no RS256/ES256 tokens
     */
    public TokenVerifier(String secret, String jwksUrl, String issuer, String audience, Duration jwksCacheTtl) {
        if (secret != null && !secret.isBlank()) {
            if (secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
                throw new IllegalArgumentException("JWT_SECRET is shorter than " + MIN_SECRET_BYTES
                        + " bytes; make one with: openssl rand -base64 48");
            }
            hmac = build(Algorithm.HMAC256(secret), issuer, audience);
        } else {
            hmac = null;
        }
        if (jwksUrl != null && !jwksUrl.isBlank()) {
            JwkProvider jwks = jwksProvider(jwksUrl, jwksCacheTtl);
            rsa = build(Algorithm.RSA256(new JwksRsaKeys(jwks)), issuer, audience);
            ecdsa = build(Algorithm.ECDSA256(new JwksEcKeys(jwks)), issuer, audience);
        } else {
            rsa = null;
            ecdsa = null;
        }
    }

    public boolean configured() {
        return hmac != null || rsa != null;
    }

    /** True when checking this token may call the identity provider (a JWKS fetch): not for the event loop. */
    public boolean mayBlock(String token) {
        try {
            return !"HS256".equals(JWT.decode(token).getAlgorithm());
        } catch (JWTDecodeException e) {
            return false;
        }
    }

    /** @throws AuthenticationException naming what is wrong, without echoing the token */
    public Principal verify(String token) {
        DecodedJWT decoded;
        try {
            decoded = JWT.decode(token);
        } catch (JWTDecodeException e) {
            throw new AuthenticationException("bearer token is not a JWT");
        }
        JWTVerifier verifier = switch (decoded.getAlgorithm()) {
            case "HS256" -> hmac;
            case "RS256" -> rsa;
            case "ES256" -> ecdsa;
            default -> null;
        };
        if (verifier == null) {
            throw new AuthenticationException("tokens signed with " + safe(decoded.getAlgorithm()) + " are not accepted");
        }
        DecodedJWT verified;
        try {
            verified = verifier.verify(decoded);
        } catch (JWTVerificationException e) {
            throw new AuthenticationException("bearer token rejected: " + reason(e));
        }
        return principal(verified);
    }

    private static Principal principal(DecodedJWT jwt) {
        String subject = jwt.getSubject() == null ? "unnamed-token" : jwt.getSubject();
        Claim scope = jwt.getClaim("scope");
        if (scope.isMissing() || scope.isNull()) {
            return Principal.fromScopeClaim(subject, null);
        }
        List<Object> asList;
        try {
            asList = scope.asList(Object.class);
        } catch (JWTDecodeException e) {
            throw new AuthenticationException("scope claim must be a space-separated string or a list of strings");
        }
        if (asList != null) {
            // java-jwt would coerce [1] to "1" and hand over null for [null]: only strings are scopes.
            if (!asList.stream().allMatch(String.class::isInstance)) {
                throw new AuthenticationException("scope claim must be a space-separated string or a list of strings");
            }
            return Principal.fromScopes(subject, asList.stream().map(String.class::cast).toList());
        }
        String text = scope.asString();
        if (text == null) {
            throw new AuthenticationException("scope claim must be a space-separated string");
        }
        return Principal.fromScopeClaim(subject, text);
    }

    private static JWTVerifier build(Algorithm algorithm, String issuer, String audience) {
        Verification v = JWT.require(algorithm).acceptLeeway(LEEWAY_SECONDS).withClaimPresence("exp");
        if (issuer != null && !issuer.isBlank()) {
            v = v.withIssuer(issuer);
        }
        if (audience != null && !audience.isBlank()) {
            v = v.withAudience(audience);
        }
        return v.build();
    }

    private static JwkProvider jwksProvider(String url, Duration ttl) {
        try {
            return new JwkProviderBuilder(URI.create(url).toURL())
                    .cached(20, ttl.toMillis(), TimeUnit.MILLISECONDS)
                    // An unknown kid must not let anyone make us hammer the identity provider.
                    .rateLimited(10, 1, TimeUnit.MINUTES)
                    .timeouts(3000, 3000)
                    .build();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("JWT_JWKS_URL is not a URL");
        }
    }

    /** The exception's kind, not its text: java-jwt's messages can quote claim values. */
    private static String reason(JWTVerificationException e) {
        String kind = e.getClass().getSimpleName();
        return switch (kind) {
            case "TokenExpiredException" -> "expired";
            case "SignatureVerificationException" -> "signature does not verify";
            case "AlgorithmMismatchException" -> "wrong algorithm";
            case "MissingClaimException" -> "a required claim is missing (exp, iss or aud)";
            case "IncorrectClaimException" -> "issuer or audience does not match";
            default -> kind;
        };
    }

    private static String safe(String alg) {
        if (alg == null) {
            return "no algorithm";
        }
        String clean = alg.replaceAll("[^A-Za-z0-9]", "");
        return clean.substring(0, Math.min(clean.length(), 10));
    }

    private static <K extends PublicKey> K key(JwkProvider jwks, String kid, Function<PublicKey, K> cast) {
        try {
            return cast.apply(jwks.get(kid).getPublicKey());
        } catch (JwkException | ClassCastException e) {
            return null; // java-jwt turns a missing key into a failed verification
        }
    }

    private record JwksRsaKeys(JwkProvider jwks) implements RSAKeyProvider {
        @Override
        public RSAPublicKey getPublicKeyById(String kid) {
            return key(jwks, kid, k -> (RSAPublicKey) k);
        }

        @Override
        public RSAPrivateKey getPrivateKey() {
            return null;
        }

        @Override
        public String getPrivateKeyId() {
            return null;
        }
    }

    private record JwksEcKeys(JwkProvider jwks) implements ECDSAKeyProvider {
        @Override
        public ECPublicKey getPublicKeyById(String kid) {
            return key(jwks, kid, k -> (ECPublicKey) k);
        }

        @Override
        public ECPrivateKey getPrivateKey() {
            return null;
        }

        @Override
        public String getPrivateKeyId() {
            return null;
        }
    }
}
