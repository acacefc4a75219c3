package io.ghlsync.ghl.oauth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts OAuth tokens at rest with AES-GCM (JDK javax.crypto): a fresh random 96-bit nonce per value, 128-bit tag.
 * The row and column a value belongs to are bound in as associated data, so a ciphertext copied to another row
 * does not decrypt.
 */
public final class TokenCipher {

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    private TokenCipher(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    /**
     * @param base64Key 16, 24 or 32 random bytes, base64 (e.g. {@code openssl rand -base64 32})
     * @throws IllegalArgumentException when the key is missing or of the wrong size (the message never quotes it)
     */
    public static TokenCipher fromBase64(String base64Key) {
        if (base64Key == null || base64Key.isBlank()) {
            throw new IllegalArgumentException("GHL_TOKEN_ENCRYPTION_KEY is not set: OAuth tokens are stored "
                    + "encrypted and need a key (32 random bytes, base64, e.g. openssl rand -base64 32)");
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64Key.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("GHL_TOKEN_ENCRYPTION_KEY is not valid base64");
        }
        if (raw.length != 16 && raw.length != 24 && raw.length != 32) {
            throw new IllegalArgumentException("GHL_TOKEN_ENCRYPTION_KEY must decode to 16, 24 or 32 bytes, not "
                    + raw.length);
        }
        return new TokenCipher(raw);
    }

    public byte[] encrypt(String plain, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher c = Cipher.getInstance(TRANSFORMATION);
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = c.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("token encryption failed: " + e.getClass().getSimpleName(), e);
        }
    }

    /** @throws IllegalStateException when the value was not sealed with this key for this context */
    public String decrypt(byte[] sealed, String context) {
        if (sealed == null || sealed.length <= NONCE_BYTES) {
            throw new IllegalStateException("stored token is unreadable");
        }
        try {
            Cipher c = Cipher.getInstance(TRANSFORMATION);
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return new String(c.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("stored token does not decrypt with GHL_TOKEN_ENCRYPTION_KEY ("
                    + e.getClass().getSimpleName() + ")");
        }
    }
}
