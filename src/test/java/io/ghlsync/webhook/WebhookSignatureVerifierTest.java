package io.ghlsync.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ghlsync.config.ApiException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class WebhookSignatureVerifierTest {

    private final WebhookKeys keys = new WebhookKeys();
    private final byte[] body = "{\"type\":\"ContactCreate\",\"name\":\"Zoë\"}".getBytes(StandardCharsets.UTF_8);

    private WebhookSignatureVerifier verifier(boolean legacy) {
        return new WebhookSignatureVerifier(
                Ed25519Verifier.create("auto", PublicKeys.ed25519(keys.ed25519PublicBase64(), "k")),
                PublicKeys.rsa(keys.rsaPublicPem(), "k"), legacy, false);
    }

    @Test
    void ed25519SignatureOverTheExactBytesIsAccepted() {
        assertThat(verifier(true).verify(body, keys.signEd25519(body), null)).isEqualTo("ed25519");
    }

    @Test
    void anyChangedByteOrGarbageSignatureIsRejected() {
        String sig = keys.signEd25519(body);
        byte[] changed = body.clone();
        changed[3] ^= 0x20;
        assertThatThrownBy(() -> verifier(true).verify(changed, sig, null)).isInstanceOf(ApiException.class)
                .extracting(e -> ((ApiException) e).status()).isEqualTo(401);
        assertThatThrownBy(() -> verifier(true).verify(body, "not base64!!", null)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> verifier(true).verify(body, "AAAA", null)).isInstanceOf(ApiException.class);
    }

    @Test
    void legacyRsaIsAcceptedOnlyWhileEnabled() {
        String sig = keys.signRsa(body);
        assertThat(verifier(true).verify(body, null, sig)).isEqualTo("rsa");
        assertThatThrownBy(() -> verifier(false).verify(body, null, sig))
                .isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).details().get(0).message()).contains("legacy"));
    }

    @Test
    void missingSignatureIsRejected() {
        assertThatThrownBy(() -> verifier(true).verify(body, null, " ")).isInstanceOf(ApiException.class)
                .extracting(e -> ((ApiException) e).status()).isEqualTo(401);
    }

    @Test
    void legacyEnabledWithoutAnRsaKeyIsAConfigurationError() {
        assertThatThrownBy(() -> new WebhookSignatureVerifier(
                Ed25519Verifier.create("auto", PublicKeys.ed25519(keys.ed25519PublicBase64(), "k")), null, true, false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keysAreReadFromPemBareBase64OrAOneLinePemWithEscapedNewlines() {
        String pem = "-----BEGIN PUBLIC KEY-----\n" + keys.ed25519PublicBase64() + "\n-----END PUBLIC KEY-----";
        assertThat(PublicKeys.ed25519(pem, "k")).isEqualTo(PublicKeys.ed25519(keys.ed25519PublicBase64(), "k"));
        assertThat(PublicKeys.ed25519(pem.replace("\n", "\\n"), "k")).hasSize(32);
        assertThatThrownBy(() -> PublicKeys.ed25519(keys.rsaPublicPem(), "webhook.ed25519-public-key"))
                .hasMessageContaining("webhook.ed25519-public-key");
    }

    @Test
    void theShippedDefaultsAreGhlsPublishedKeys() throws Exception {
        String props = Files.readString(Path.of("application.properties"));
        String ed = setting(props, "GHL_WEBHOOK_ED25519_PUBLIC_KEY");
        String rsa = setting(props, "GHL_WEBHOOK_RSA_PUBLIC_KEY");
        assertThat(ed).isEqualTo("MCowBQYDK2VwAyEAi2HR1srL4o18O8BRa7gVJY7G7bupbN3H9AwJrHCDiOg=");
        assertThat(PublicKeys.ed25519(ed, "ed")).hasSize(32);
        RSAPublicKey key = (RSAPublicKey) PublicKeys.rsa(rsa, "rsa");
        assertThat(key.getModulus().bitLength()).isEqualTo(4096);
        assertThat(WebhookEnvelopeReader.sha256(key.getEncoded()))
                .isEqualTo("2f62045d413b1b7747e26770ce7f57840cbf86288cd20ceb90d299a62501fd25");
    }

    private static String setting(String props, String env) {
        Matcher m = Pattern.compile("\\{\\{env:" + env + ":([^}]*)}}").matcher(props);
        assertThat(m.find()).as(env).isTrue();
        return m.group(1);
    }
}
