package io.ghlsync.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ghlsync.config.ApiException;
import io.ghlsync.webhook.Ed25519Verifier;
import io.ghlsync.webhook.WebhookEnvelope;
import io.ghlsync.webhook.WebhookEnvelopeReader;
import io.ghlsync.webhook.WebhookSignatureVerifier;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's bodies must be what the intake accepts: valid signature over the raw bytes, distinct ids. */
class WebhookBodiesTest {

    @Test
    void generatedBodiesVerifyWithThePublishedKeyAndCarryDistinctWebhookIds(@TempDir Path dir) throws Exception {
        WebhookBodies.main(new String[] {dir.toString(), "t:bench-t-:3"});
        byte[] spki = Base64.getDecoder().decode(Files.readString(dir.resolve("public.key")));
        WebhookSignatureVerifier verifier = new WebhookSignatureVerifier(Ed25519Verifier.create("auto",
                Arrays.copyOfRange(spki, spki.length - 32, spki.length)), null, false, false);

        DataInputStream in = new DataInputStream(new ByteArrayInputStream(Files.readAllBytes(dir.resolve("t.bin"))));
        for (int i = 0; i < 3; i++) {
            String signature = line(in);
            byte[] body = in.readNBytes(Integer.parseInt(line(in)));
            assertThat(verifier.verify(body, signature, null)).isEqualTo("ed25519");
            WebhookEnvelope envelope = new WebhookEnvelopeReader().read(body);
            assertThat(envelope.webhookId()).isEqualTo("bench-t-" + i);
            assertThat(envelope.type()).isEqualTo("ContactCreate");

            byte[] altered = body.clone();
            altered[altered.length - 1] = ' '; // the trailing newline is signed too
            assertThatThrownBy(() -> verifier.verify(altered, signature, null)).isInstanceOf(ApiException.class);
        }
        assertThat(in.read()).isEqualTo(-1);
    }

    private static String line(DataInputStream in) throws Exception {
        StringBuilder s = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            s.append((char) c);
        }
        return s.toString();
    }
}
