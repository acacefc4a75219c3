package io.ghlsync.webhook;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** Reads a public key given as PEM or as bare base64 of its SubjectPublicKeyInfo (SPKI) DER. */
final class PublicKeys {

    /** An Ed25519 SPKI is a fixed 12-byte header followed by the 32-byte key. */
    private static final int ED25519_SPKI_LENGTH = 44;

    private PublicKeys() {}

    static byte[] spki(String pemOrBase64, String setting) {
        if (pemOrBase64 == null || pemOrBase64.isBlank()) {
            throw new IllegalArgumentException(setting + " is empty");
        }
        String b64 = pemOrBase64
                .replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "")
                .replace("\\n", "") // a PEM pasted into one env var line often carries literal \n
                .replaceAll("\\s", "");
        try {
            return Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(setting + " is not PEM or base64", e);
        }
    }

    /** The raw 32-byte Ed25519 key, after the JDK confirmed the SPKI really is an Ed25519 key. */
    static byte[] ed25519(String pemOrBase64, String setting) {
        byte[] der = spki(pemOrBase64, setting);
        try {
            KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(setting + " is not an Ed25519 public key", e);
        }
        if (der.length != ED25519_SPKI_LENGTH) {
            throw new IllegalArgumentException(setting + " has an unexpected Ed25519 key length");
        }
        byte[] raw = new byte[32];
        System.arraycopy(der, der.length - 32, raw, 0, 32);
        return raw;
    }

    static PublicKey rsa(String pemOrBase64, String setting) {
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(spki(pemOrBase64, setting)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(setting + " is not an RSA public key", e);
        }
    }
}
