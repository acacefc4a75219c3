package io.ghlsync.webhook;

import com.goterl.lazysodium.SodiumJava;
import java.util.Locale;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ed25519 verification of webhook bodies against one public key. Two well-kept implementations: libsodium (native,
 * through lazysodium/JNA; about 45 µs per verify here) and BouncyCastle's RFC 8032 code (pure Java; about 80 µs).
 * Verification is the largest CPU cost of a webhook, so libsodium is preferred and BouncyCastle is the fallback
 * where the native library cannot load.
 */
public interface Ed25519Verifier {

    /** @return true when {@code signature} (64 bytes) signs exactly {@code body} */
    boolean verify(byte[] signature, byte[] body);

    /** libsodium or bouncycastle */
    String provider();

    /**
     * @param provider auto (libsodium, else BouncyCastle), libsodium (fail when it cannot load) or bouncycastle
     * @param key      the 32-byte public key
     */
    static Ed25519Verifier create(String provider, byte[] key) {
        // One check for both implementations, so a bad key fails at start whichever is chosen.
        if (key.length != Ed25519.PUBLIC_KEY_SIZE || Ed25519.validatePublicKeyFullExport(key, 0) == null) {
            throw new IllegalArgumentException("the Ed25519 webhook public key is not a valid curve point");
        }
        String choice = provider == null ? "auto" : provider.trim().toLowerCase(Locale.ROOT);
        return switch (choice) {
            case "bouncycastle" -> new BouncyCastle(key);
            case "libsodium" -> new Libsodium(key);
            case "auto" -> {
                try {
                    yield new Libsodium(key);
                } catch (RuntimeException | LinkageError e) {
                    LoggerFactory.getLogger(Ed25519Verifier.class).warn(
                            "libsodium is not available ({}); Ed25519 webhook signatures are checked with BouncyCastle",
                            e.getClass().getSimpleName());
                    yield new BouncyCastle(key);
                }
            }
            default -> throw new IllegalArgumentException(
                    "webhook.ed25519-provider must be auto, libsodium or bouncycastle, not '" + provider + "'");
        };
    }

    /** BouncyCastle's RFC 8032 verification with the key point decompressed once (a key {@link #create} checked). */
    final class BouncyCastle implements Ed25519Verifier {
        private final Ed25519.PublicPoint key;

        BouncyCastle(byte[] key) {
            this.key = Ed25519.validatePublicKeyFullExport(key, 0);
        }

        @Override
        public boolean verify(byte[] signature, byte[] body) {
            return signature.length == Ed25519.SIGNATURE_SIZE
                    && Ed25519.verify(signature, 0, key, body, 0, body.length);
        }

        @Override
        public String provider() {
            return "bouncycastle";
        }
    }

    /** libsodium's crypto_sign_verify_detached (lazysodium ships the native library for common platforms). */
    final class Libsodium implements Ed25519Verifier {
        private static final Logger LOG = LoggerFactory.getLogger(Libsodium.class);
        private static SodiumJava loaded;

        private final SodiumJava sodium;
        private final byte[] key;

        /** @param key a key {@link #create} checked; throws when the native library cannot load */
        Libsodium(byte[] key) {
            this.sodium = library();
            this.key = key.clone();
        }

        private static synchronized SodiumJava library() {
            if (loaded == null) {
                loaded = new SodiumJava();
                LOG.info("Ed25519 webhook signatures are checked with libsodium");
            }
            return loaded;
        }

        @Override
        public boolean verify(byte[] signature, byte[] body) {
            // The length check also keeps the native code from reading past a short array.
            return signature.length == Ed25519.SIGNATURE_SIZE
                    && sodium.crypto_sign_verify_detached(signature, body, body.length, key) == 0;
        }

        @Override
        public String provider() {
            return "libsodium";
        }
    }
}
