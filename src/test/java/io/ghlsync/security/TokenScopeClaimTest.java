package io.ghlsync.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The scope claim of a correctly signed token: strings are scopes, anything else is refused as credentials. */
class TokenScopeClaimTest {

    private static final String SECRET = "token-verifier-test-secret-of-32-bytes+";
    private final TokenVerifier verifier = new TokenVerifier(SECRET, "", "", "", Duration.ofMinutes(1));

    /** An HS256 token with this raw JSON as its scope claim (java-jwt's builder cannot write [null]). */
    private static String signedWithScope(String scopeJson) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String payload = "{\"sub\":\"t\",\"exp\":" + Instant.now().plusSeconds(600).getEpochSecond()
                + ",\"scope\":" + scopeJson + "}";
        String signingInput = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                + "." + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return signingInput + "." + b64.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aScopeListWithNullsObjectsListsOrNumbersIsRefusedAsCredentialsNotAnError() throws Exception {
        // These reached the gate as a NullPointerException or JWTDecodeException: the caller got a 500.
        for (String scope : new String[] {"[null]", "[\"ops:read\",null]", "[{\"a\":1}]", "[[\"ops:write\"]]", "[1,2]",
                "[true]"}) {
            String token = signedWithScope(scope);
            assertThatThrownBy(() -> verifier.verify(token)).as(scope).isInstanceOf(AuthenticationException.class)
                    .hasMessageContaining("scope claim");
        }
    }

    @Test
    void aScopeThatIsNeitherTextNorAListIsRefused() throws Exception {
        for (String scope : new String[] {"42", "{\"a\":1}", "true"}) {
            String token = signedWithScope(scope);
            assertThatThrownBy(() -> verifier.verify(token)).as(scope).isInstanceOf(AuthenticationException.class);
        }
    }

    @Test
    void aScopeListOfStringsOrAScopeTextGivesThoseScopes() throws Exception {
        assertThat(verifier.verify(signedWithScope("[\"ops:read\",\"x\"]")).scopes()).containsExactlyInAnyOrder(
                "ops:read", "x");
        assertThat(verifier.verify(signedWithScope("\"ops:write\"")).scopes()).containsExactlyInAnyOrder(
                "ops:read", "ops:write");
        assertThat(verifier.verify(signedWithScope("[]")).scopes()).isEmpty();
        assertThat(verifier.verify(signedWithScope("null")).scopes()).containsExactly(Principal.BOOKINGS_WRITE);
    }
}
