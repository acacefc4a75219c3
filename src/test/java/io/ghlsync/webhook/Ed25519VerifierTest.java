package io.ghlsync.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** libsodium and BouncyCastle must give the same verdict on every signature the intake can meet. */
class Ed25519VerifierTest {

    private final WebhookKeys keys = new WebhookKeys();
    private final byte[] key = PublicKeys.ed25519(keys.ed25519PublicBase64(), "k");
    private final Ed25519Verifier sodium = Ed25519Verifier.create("libsodium", key);
    private final Ed25519Verifier bc = Ed25519Verifier.create("bouncycastle", key);

    @Test
    void autoPrefersLibsodiumWhereItLoads() {
        assertThat(Ed25519Verifier.create("auto", key).provider()).isEqualTo("libsodium");
        assertThat(Ed25519Verifier.create(" BouncyCastle ", key).provider()).isEqualTo("bouncycastle");
    }

    @Test
    void bothAcceptValidSignaturesAndRejectEveryFlippedBitOfBodyOrSignature() {
        Random random = new Random(42);
        for (int round = 0; round < 40; round++) {
            byte[] body = new byte[random.nextInt(2000)];
            random.nextBytes(body);
            byte[] sig = Base64.getDecoder().decode(keys.signEd25519(body));
            assertThat(sodium.verify(sig, body)).isTrue();
            assertThat(bc.verify(sig, body)).isTrue();

            byte[] badSig = sig.clone();
            badSig[random.nextInt(64)] ^= (byte) (1 << random.nextInt(8));
            assertThat(sodium.verify(badSig, body)).isFalse();
            assertThat(bc.verify(badSig, body)).isFalse();
            if (body.length > 0) {
                byte[] badBody = body.clone();
                badBody[random.nextInt(body.length)] ^= (byte) (1 << random.nextInt(8));
                assertThat(sodium.verify(sig, badBody)).isFalse();
                assertThat(bc.verify(sig, badBody)).isFalse();
            }
        }
    }

    @Test
    void bothRejectSignaturesOfTheWrongLengthOrAnotherKey() {
        byte[] body = "{\"type\":\"ContactCreate\",\"name\":\"Zoë\"}".getBytes(StandardCharsets.UTF_8);
        byte[] sig = Base64.getDecoder().decode(keys.signEd25519(body));
        byte[] otherKeysSig = Base64.getDecoder().decode(new WebhookKeys().signEd25519(body));
        for (Ed25519Verifier v : new Ed25519Verifier[] {sodium, bc}) {
            assertThat(v.verify(new byte[0], body)).as(v.provider()).isFalse();
            assertThat(v.verify(java.util.Arrays.copyOf(sig, 63), body)).as(v.provider()).isFalse();
            assertThat(v.verify(java.util.Arrays.copyOf(sig, 65), body)).as(v.provider()).isFalse();
            assertThat(v.verify(otherKeysSig, body)).as(v.provider()).isFalse();
        }
    }

    @Test
    void bothRejectANonCanonicalScalarThatWouldMakeTheSameSignatureVerifyTwice() {
        byte[] body = "{\"type\":\"ContactUpdate\"}".getBytes(StandardCharsets.UTF_8);
        byte[] sig = Base64.getDecoder().decode(keys.signEd25519(body));
        // S + L (the group order) is the same scalar mod L; RFC 8032 and libsodium both require S < L.
        byte[] malleated = sig.clone();
        int carry = 0;
        for (int i = 0; i < 32; i++) {
            int sum = (malleated[32 + i] & 0xff) + (GROUP_ORDER[i] & 0xff) + carry;
            malleated[32 + i] = (byte) sum;
            carry = sum >> 8;
        }
        assertThat(sodium.verify(malleated, body)).isFalse();
        assertThat(bc.verify(malleated, body)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"libsodium", "bouncycastle", "auto"})
    void aKeyThatIsNotACurvePointFailsAtStartWhicheverProvider(String provider) {
        byte[] notAPoint = new byte[32];
        notAPoint[0] = 2; // y = 2 has no x on the curve
        assertThatThrownBy(() -> Ed25519Verifier.create(provider, notAPoint))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("curve point");
    }

    @Test
    void anUnknownProviderNameIsAConfigurationError() {
        assertThatThrownBy(() -> Ed25519Verifier.create("openssl", key))
                .hasMessageContaining("webhook.ed25519-provider");
    }

    /** L = 2^252 + 27742317777372353535851937790883648493, little-endian. */
    private static final byte[] GROUP_ORDER = {
        (byte) 0xed, (byte) 0xd3, (byte) 0xf5, (byte) 0x5c, (byte) 0x1a, (byte) 0x63, (byte) 0x12, (byte) 0x58,
        (byte) 0xd6, (byte) 0x9c, (byte) 0xf7, (byte) 0xa2, (byte) 0xde, (byte) 0xf9, (byte) 0xde, (byte) 0x14,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0x10};
}
