package io.ghlsync.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.stream.IntStream;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Body generator of bench/webhooks.sh (not a test). Writes signed GHL ContactCreate webhooks, each with its own
 * webhookId and contact id, for wrk to replay, and the public key the service must be given.
 *
 * <p>Arguments: {@code outDir name:prefix:count...}. For each spec it writes {@code outDir/name.bin}, records of
 * {@code <base64 Ed25519 signature>\n<byte length>\n<raw body>}, the body pretty-printed like GHL's published sample
 * so that the signature covers whitespace and newlines too. The key pair is fresh per call; its public half goes
 * to {@code outDir/public.key} as base64 SPKI (the form GHL_WEBHOOK_ED25519_PUBLIC_KEY takes).
 */
public final class WebhookBodies {

    /** DER prefix of an Ed25519 SubjectPublicKeyInfo; the 32 raw key bytes follow it. */
    private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private WebhookBodies() {}

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        byte[] secret = new byte[Ed25519.SECRET_KEY_SIZE];
        Ed25519.generatePrivateKey(new SecureRandom(), secret);
        byte[] pub = new byte[Ed25519.PUBLIC_KEY_SIZE];
        Ed25519.generatePublicKey(secret, 0, pub, 0);
        byte[] spki = new byte[SPKI_PREFIX.length + pub.length];
        System.arraycopy(SPKI_PREFIX, 0, spki, 0, SPKI_PREFIX.length);
        System.arraycopy(pub, 0, spki, SPKI_PREFIX.length, pub.length);
        Files.writeString(dir.resolve("public.key"), Base64.getEncoder().encodeToString(spki));

        String timestamp = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
        for (int a = 1; a < args.length; a++) {
            String[] spec = args[a].split(":");
            String name = spec[0];
            String prefix = spec[1];
            int count = Integer.parseInt(spec[2]);
            // Signing is the slow part: sign in parallel, write in order.
            byte[][] records = IntStream.range(0, count).parallel()
                    .mapToObj(i -> record(secret, body(prefix + i, timestamp, i)))
                    .toArray(byte[][]::new);
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(dir.resolve(name + ".bin")), 1 << 20)) {
                for (byte[] r : records) {
                    out.write(r);
                }
            }
            System.out.printf("%s: %d signed ContactCreate webhooks (%s0..%d)%n", name, count, prefix, count - 1);
        }
    }

    private static byte[] record(byte[] secret, byte[] body) {
        byte[] sig = new byte[Ed25519.SIGNATURE_SIZE];
        Ed25519.sign(secret, 0, body, 0, body.length, sig, 0);
        byte[] head = (Base64.getEncoder().encodeToString(sig) + "\n" + body.length + "\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] r = new byte[head.length + body.length];
        System.arraycopy(head, 0, r, 0, head.length);
        System.arraycopy(body, 0, r, head.length, body.length);
        return r;
    }

    /** A ContactCreate shaped like GHL's published sample (about 900 bytes), unique per webhook. */
    static byte[] body(String webhookId, String timestamp, int n) {
        String contactId = String.format("benchContact%08d", n);
        return ("{\n"
                + "  \"type\": \"ContactCreate\",\n"
                + "  \"webhookId\": \"" + webhookId + "\",\n"
                + "  \"timestamp\": \"" + timestamp + "\",\n"
                + "  \"locationId\": \"ve9EPM428h8vShlRW1KT\",\n"
                + "  \"id\": \"" + contactId + "\",\n"
                + "  \"address1\": \"3535 1st St N\",\n"
                + "  \"city\": \"Dolomite\",\n"
                + "  \"state\": \"AL\",\n"
                + "  \"companyName\": \"Example \u00e9 Co\",\n"
                + "  \"country\": \"DE\",\n"
                + "  \"source\": \"xyz form\",\n"
                + "  \"dateAdded\": \"2021-11-26T12:41:02.193Z\",\n"
                + "  \"dateOfBirth\": \"2000-01-05T00:00:00.000Z\",\n"
                + "  \"dnd\": true,\n"
                + "  \"email\": \"bench" + n + "@example.com\",\n"
                + "  \"name\": \"Bench Contact " + n + "\",\n"
                + "  \"firstName\": \"Bench\",\n"
                + "  \"lastName\": \"Contact " + n + "\",\n"
                + "  \"phone\": \"+3120" + String.format("%07d", n % 10_000_000) + "\",\n"
                + "  \"postalCode\": \"452001\",\n"
                + "  \"tags\": [\"benchmark\", \"webhook intake\"],\n"
                + "  \"website\": \"https://www.example.com/\",\n"
                + "  \"attachments\": [],\n"
                + "  \"assignedTo\": \"nmFmQEsNgz6AVpgLVUJ0\",\n"
                + "  \"customFields\": [\n"
                + "    {\n"
                + "      \"id\": \"BcdmQEsNgz6AVpgLVUJ0\",\n"
                + "      \"value\": \"XYZ Corp\"\n"
                + "    }\n"
                + "  ]\n"
                + "}\n").getBytes(StandardCharsets.UTF_8);
    }
}
