package io.ghlsync.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;

/** Freshly generated signing keys standing in for GHL's, and signatures made with them. */
final class WebhookKeys {

    final KeyPair ed25519;
    final KeyPair rsa;

    WebhookKeys() {
        try {
            ed25519 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            rsa = g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Bare base64 SPKI, as the service setting takes it. */
    String ed25519PublicBase64() {
        return Base64.getEncoder().encodeToString(ed25519.getPublic().getEncoded());
    }

    /** PEM form, to prove the setting accepts it too. */
    String rsaPublicPem() {
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(rsa.getPublic().getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + b64 + "\n-----END PUBLIC KEY-----\n";
    }

    String signEd25519(byte[] body) {
        return sign("Ed25519", ed25519, body);
    }

    String signRsa(byte[] body) {
        return sign("SHA256withRSA", rsa, body);
    }

    private static String sign(String alg, KeyPair keys, byte[] body) {
        try {
            Signature s = Signature.getInstance(alg);
            s.initSign(keys.getPrivate());
            s.update(body);
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
