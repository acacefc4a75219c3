package io.ghlsync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StrictUtf8Test {

    @Test
    void wellFormedTextIsDecodedIncludingAGenuineReplacementCharacter() {
        String text = "{\"name\":\"Zoë 山田 \uD83D\uDE00 \uFFFD\"}";
        assertThat(StrictUtf8.decode(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(text);
    }

    @Test
    void malformedBytesAreRefusedInsteadOfBecomingReplacementCharacters() {
        byte[][] malformed = {
            {'{', (byte) 0xC3, '}'},                        // truncated two-byte sequence
            {(byte) 0xFF},                                   // never valid in UTF-8
            {(byte) 0xC0, (byte) 0xAF},                      // overlong encoding of '/'
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80},         // UTF-16 surrogate encoded in UTF-8
            {'a', (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // beyond U+10FFFF
        };
        for (byte[] bytes : malformed) {
            assertThat(StrictUtf8.decodeOrNull(bytes)).isNull();
            assertThatThrownBy(() -> StrictUtf8.decode(bytes)).isInstanceOf(ApiException.class)
                    .extracting(e -> ((ApiException) e).status()).isEqualTo(400);
        }
    }
}
