package io.ghlsync.ghl.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import io.ghlsync.ghl.oauth.OAuthStateTokens.InvalidStateException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class OAuthStateTokensTest {

    private static final String JWT_SECRET = "api-secret-for-bearer-tokens";
    private static final String CLIENT_SECRET = "ghl-client-secret";

    /** A clock the test moves by hand, so expiry is checked without waiting. */
    private static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-12-01T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final ManualClock clock = new ManualClock();
    private final OAuthStateTokens states = new OAuthStateTokens(OAuthStateTokens.deriveKey(JWT_SECRET, CLIENT_SECRET),
            Duration.ofMinutes(15), clock);

    @Test
    void aFreshStateVerifiesWithItsNonceAndExpiry() {
        OAuthStateTokens.Issued issued = states.issue();
        OAuthStateTokens.Verified verified = states.verify(issued.token());
        assertThat(verified.nonce()).isEqualTo(issued.nonce()).hasSizeGreaterThanOrEqualTo(20);
        assertThat(verified.expiresAt()).isEqualTo(clock.now.plus(Duration.ofMinutes(15)));
        assertThat(issued.expiresAt()).isEqualTo(verified.expiresAt());
    }

    @Test
    void everyStateHasItsOwnNonce() {
        assertThat(states.issue().nonce()).isNotEqualTo(states.issue().nonce());
    }

    @Test
    void anExpiredStateIsRefused() {
        String token = states.issue().token();
        clock.now = clock.now.plus(Duration.ofMinutes(15)).plusSeconds(OAuthStateTokens.LEEWAY_SECONDS + 1);
        assertThatThrownBy(() -> states.verify(token)).isInstanceOf(InvalidStateException.class)
                .hasMessageContaining("expired");
    }

    @Test
    void aStateWithAlteredClaimsIsRefused() {
        String[] parts = states.issue().token().split("\\.");
        // A later expiry written into the payload, the signature kept.
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replaceAll("\"exp\":\\d+", "\"exp\":" + clock.now.plus(Duration.ofDays(365)).getEpochSecond());
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertThatThrownBy(() -> states.verify(tampered)).isInstanceOf(InvalidStateException.class)
                .hasMessageContaining("signature");
    }

    @Test
    void aStateWithAnAlteredSignatureOrNoStructureIsRefused() {
        String token = states.issue().token();
        char last = token.charAt(token.length() - 2);
        String flipped = token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A')
                + token.charAt(token.length() - 1);
        assertThatThrownBy(() -> states.verify(flipped)).isInstanceOf(InvalidStateException.class);
        assertThatThrownBy(() -> states.verify("not-a-jwt")).isInstanceOf(InvalidStateException.class);
        assertThatThrownBy(() -> states.verify("")).isInstanceOf(InvalidStateException.class);
    }

    @Test
    void aStateSignedWithAnotherKeyIsRefused() {
        OAuthStateTokens other = new OAuthStateTokens(OAuthStateTokens.deriveKey("another-jwt-secret", CLIENT_SECRET),
                Duration.ofMinutes(15), clock);
        assertThatThrownBy(() -> states.verify(other.issue().token())).isInstanceOf(InvalidStateException.class)
                .hasMessageContaining("signature");
    }

    @Test
    void anApiBearerTokenSignedWithJwtSecretIsNotAState() {
        String bearer = JWT.create().withIssuer(OAuthStateTokens.ISSUER).withAudience(OAuthStateTokens.AUDIENCE)
                .withJWTId("n-1").withExpiresAt(clock.now.plusSeconds(600)).sign(Algorithm.HMAC256(JWT_SECRET));
        assertThatThrownBy(() -> states.verify(bearer)).isInstanceOf(InvalidStateException.class);
    }

    @Test
    void aStateIsNotAnApiBearerToken() {
        // What the API checks for a bearer token: HS256 with JWT_SECRET and an expiry.
        String state = states.issue().token();
        assertThatThrownBy(() -> JWT.require(Algorithm.HMAC256(JWT_SECRET)).build().verify(state))
                .isInstanceOf(JWTVerificationException.class);
    }

    @Test
    void aTokenOfTheRightKeyButAnotherPurposeIsRefused() {
        byte[] key = OAuthStateTokens.deriveKey(JWT_SECRET, CLIENT_SECRET);
        String noAudience = JWT.create().withIssuer(OAuthStateTokens.ISSUER).withJWTId("n-2")
                .withExpiresAt(clock.now.plusSeconds(600)).sign(Algorithm.HMAC256(key));
        String noNonce = JWT.create().withIssuer(OAuthStateTokens.ISSUER).withAudience(OAuthStateTokens.AUDIENCE)
                .withExpiresAt(clock.now.plusSeconds(600)).sign(Algorithm.HMAC256(key));
        String noExpiry = JWT.create().withIssuer(OAuthStateTokens.ISSUER).withAudience(OAuthStateTokens.AUDIENCE)
                .withJWTId("n-3").sign(Algorithm.HMAC256(key));
        assertThatThrownBy(() -> states.verify(noAudience)).isInstanceOf(InvalidStateException.class);
        assertThatThrownBy(() -> states.verify(noNonce)).isInstanceOf(InvalidStateException.class);
        assertThatThrownBy(() -> states.verify(noExpiry)).isInstanceOf(InvalidStateException.class);
    }

    @Test
    void theKeyIsDerivedFromJwtSecretElseFromTheClientSecretAndIsNeitherItself() {
        byte[] fromJwt = OAuthStateTokens.deriveKey(JWT_SECRET, CLIENT_SECRET);
        byte[] fromClient = OAuthStateTokens.deriveKey("", CLIENT_SECRET);
        assertThat(fromJwt).hasSize(32).isNotEqualTo(fromClient)
                .isNotEqualTo(JWT_SECRET.getBytes(StandardCharsets.UTF_8));
        assertThat(OAuthStateTokens.deriveKey(null, CLIENT_SECRET)).isEqualTo(fromClient);
        assertThat(OAuthStateTokens.deriveKey(JWT_SECRET, "other client secret")).isEqualTo(fromJwt);
        assertThatThrownBy(() -> OAuthStateTokens.deriveKey(" ", null)).isInstanceOf(IllegalStateException.class);
    }
}
