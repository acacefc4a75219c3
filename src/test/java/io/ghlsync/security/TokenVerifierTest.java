package io.ghlsync.security;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenVerifierTest {

    private static final String SECRET = "a-secret-of-at-least-thirty-two-bytes-for-hs256";
    private static final Instant LATER = Instant.now().plusSeconds(600);

    private final WireMockServer idp = new WireMockServer(options().dynamicPort());
    private KeyPair rsa;
    private KeyPair ec;
    private TokenVerifier verifier;

    @BeforeAll
    void start() throws Exception {
        KeyPairGenerator rg = KeyPairGenerator.getInstance("RSA");
        rg.initialize(2048);
        rsa = rg.generateKeyPair();
        KeyPairGenerator eg = KeyPairGenerator.getInstance("EC");
        eg.initialize(new ECGenParameterSpec("secp256r1"));
        ec = eg.generateKeyPair();
        RSAPublicKey rp = (RSAPublicKey) rsa.getPublic();
        ECPublicKey ep = (ECPublicKey) ec.getPublic();
        String jwks = "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"r1\",\"use\":\"sig\",\"alg\":\"RS256\",\"n\":\""
                + b64(rp.getModulus()) + "\",\"e\":\"" + b64(rp.getPublicExponent()) + "\"},"
                + "{\"kty\":\"EC\",\"kid\":\"e1\",\"use\":\"sig\",\"alg\":\"ES256\",\"crv\":\"P-256\",\"x\":\""
                + b64(ep.getW().getAffineX()) + "\",\"y\":\"" + b64(ep.getW().getAffineY()) + "\"}]}";
        idp.start();
        idp.stubFor(get("/jwks").willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(jwks)));
        verifier = new TokenVerifier(SECRET, "http://127.0.0.1:" + idp.port() + "/jwks", "https://idp.example",
                "ghl-sync", Duration.ofMinutes(10));
    }

    @AfterAll
    void stop() {
        idp.stop();
    }

    /** Unsigned big-endian, leading zero bytes dropped, base64url: JWK's encoding of key numbers. */
    private static String b64(BigInteger n) {
        byte[] bytes = n.toByteArray();
        if (bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static com.auth0.jwt.JWTCreator.Builder token() {
        return JWT.create().withSubject("alice").withIssuer("https://idp.example").withAudience("ghl-sync")
                .withExpiresAt(LATER);
    }

    @Test
    void anHs256TokenGivesItsSubjectAndScopes() {
        Principal p = verifier.verify(token().withClaim("scope", "ops:read").sign(Algorithm.HMAC256(SECRET)));
        assertThat(p.subject()).isEqualTo("alice");
        assertThat(p.scopes()).containsExactly("ops:read");
        assertThat(verifier.mayBlock(token().sign(Algorithm.HMAC256(SECRET)))).isFalse();
    }

    @Test
    void aScopeClaimGivenAsAListIsAcceptedToo() {
        Principal p = verifier.verify(token().withClaim("scope", List.of("ops:write"))
                .sign(Algorithm.HMAC256(SECRET)));
        assertThat(p.satisfies(Owner.OPS_READ)).isTrue();
    }

    @Test
    void rs256AndEs256TokensOfTheIdentityProviderAreVerifiedWithItsJwks() {
        String rs = token().withKeyId("r1").withClaim("scope", "ops:write")
                .sign(Algorithm.RSA256((RSAPublicKey) rsa.getPublic(), (RSAPrivateKey) rsa.getPrivate()));
        String es = token().withKeyId("e1")
                .sign(Algorithm.ECDSA256((ECPublicKey) ec.getPublic(), (ECPrivateKey) ec.getPrivate()));
        assertThat(verifier.mayBlock(rs)).isTrue();
        assertThat(verifier.verify(rs).satisfies(Owner.OPS_WRITE)).isTrue();
        assertThat(verifier.verify(es).satisfies(Owner.BOOKING)).isTrue();
    }

    @Test
    void aTokenSignedWithAKeyTheJwksDoesNotHoldIsRejected() throws Exception {
        KeyPairGenerator rg = KeyPairGenerator.getInstance("RSA");
        rg.initialize(2048);
        KeyPair other = rg.generateKeyPair();
        String forged = token().withKeyId("r1")
                .sign(Algorithm.RSA256((RSAPublicKey) other.getPublic(), (RSAPrivateKey) other.getPrivate()));
        assertThatThrownBy(() -> verifier.verify(forged)).isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("signature");
    }

    @Test
    void expiredWrongSecretWrongIssuerOrAudienceAndMissingExpAreRejected() {
        assertThatThrownBy(() -> verifier.verify(token().withExpiresAt(Instant.now().minusSeconds(3600))
                .sign(Algorithm.HMAC256(SECRET)))).hasMessageContaining("expired");
        assertThatThrownBy(() -> verifier.verify(token().sign(Algorithm.HMAC256(SECRET + "x"))))
                .hasMessageContaining("signature");
        assertThatThrownBy(() -> verifier.verify(token().withIssuer("https://evil").sign(Algorithm.HMAC256(SECRET))))
                .hasMessageContaining("issuer or audience");
        assertThatThrownBy(() -> verifier.verify(token().withAudience("other").sign(Algorithm.HMAC256(SECRET))))
                .hasMessageContaining("issuer or audience");
        assertThatThrownBy(() -> verifier.verify(JWT.create().withSubject("a").withIssuer("https://idp.example")
                .withAudience("ghl-sync").sign(Algorithm.HMAC256(SECRET)))).hasMessageContaining("missing");
    }

    @Test
    void unsignedAndOtherAlgorithmsAreRejectedWithoutEchoingTheToken() {
        String header = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"sub\":\"x\",\"exp\":" + LATER.getEpochSecond() + "}").getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> verifier.verify(header + "." + payload + "."))
                .hasMessageContaining("none").hasMessageNotContaining(payload);
        assertThatThrownBy(() -> verifier.verify(token().sign(Algorithm.HMAC512(SECRET))))
                .hasMessageContaining("HS512");
        assertThatThrownBy(() -> verifier.verify("not.a.jwt")).hasMessageContaining("not a JWT");
    }

    @Test
    void aSecretShorterThan32BytesIsRefused() {
        assertThatThrownBy(() -> new TokenVerifier("short-secret", "", "", "", Duration.ZERO))
                .hasMessageContaining("32 bytes");
    }

    @Test
    void withoutSecretAnHs256TokenIsNotAccepted() {
        TokenVerifier jwksOnly = new TokenVerifier("", "http://127.0.0.1:" + idp.port() + "/jwks", "", "",
                Duration.ofMinutes(1));
        assertThatThrownBy(() -> jwksOnly.verify(token().sign(Algorithm.HMAC256(SECRET))))
                .hasMessageContaining("HS256");
    }
}
