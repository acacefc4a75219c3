package io.ghlsync.ghl.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TokenCipherTest {

    private final TokenCipher cipher = TokenCipher.fromBase64(OAuthFixtures.newKey());

    @Test
    void aTokenComesBackOnlyForItsOwnRowAndColumn() {
        byte[] sealed = cipher.encrypt("at-secret-token", "Location:loc-1:access_token");
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("secret");
        assertThat(cipher.decrypt(sealed, "Location:loc-1:access_token")).isEqualTo("at-secret-token");
        assertThatThrownBy(() -> cipher.decrypt(sealed, "Location:loc-2:access_token"))
                .isInstanceOf(IllegalStateException.class).hasMessageNotContaining("secret");
    }

    @Test
    void everyEncryptionUsesAFreshNonce() {
        assertThat(cipher.encrypt("same", "c")).isNotEqualTo(cipher.encrypt("same", "c"));
    }

    @Test
    void anotherKeyOrATamperedValueDoesNotDecrypt() {
        byte[] sealed = cipher.encrypt("token", "c");
        assertThatThrownBy(() -> TokenCipher.fromBase64(OAuthFixtures.newKey()).decrypt(sealed, "c"))
                .isInstanceOf(IllegalStateException.class);
        sealed[sealed.length - 1] ^= 1;
        assertThatThrownBy(() -> cipher.decrypt(sealed, "c")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aMissingOrShortKeyIsRefusedWithoutQuotingIt() {
        assertThatThrownBy(() -> TokenCipher.fromBase64("")).hasMessageContaining("GHL_TOKEN_ENCRYPTION_KEY");
        assertThatThrownBy(() -> TokenCipher.fromBase64("c2hvcnQ=")).hasMessageContaining("16, 24 or 32 bytes")
                .hasMessageNotContaining("c2hvcnQ=");
    }
}
