package io.ghlsync.webhook;

import io.ghlsync.config.ApiException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks GHL's signature over the exact request bytes. {@code X-GHL-Signature} (Ed25519) wins when present, with
 * no fallback; otherwise the legacy {@code X-WH-Signature} (RSA PKCS#1 v1.5, SHA-256) is accepted while allowed.
 * Sets exchange property {@value #SCHEME} to ed25519, rsa or skipped.
 */
public class WebhookSignatureVerifier implements Processor {

    public static final String SCHEME = "webhookSignature";
    static final String ED25519_HEADER = "X-GHL-Signature";
    static final String RSA_HEADER = "X-WH-Signature";

    private static final Logger LOG = LoggerFactory.getLogger(WebhookSignatureVerifier.class);

    private final Ed25519Verifier ed25519;
    private final PublicKey rsaKey;
    private final boolean legacyRsaEnabled;
    private final boolean skip;
    private final AtomicLong skipped = new AtomicLong();

    /**
     * @param ed25519 checks X-GHL-Signature against GHL's Ed25519 key
     * @param rsaKey  null only when legacy RSA is disabled
     * @param skip    accept unsigned requests (development only; the caller refuses it in production)
     */
    /**
     * The verifier the settings ask for: GHL's Ed25519 key and, when the legacy header is accepted, its RSA key.
     * The production profile never gets here with skip=true: io.ghlsync.security.ProductionCheck refuses it.
     */
    public static WebhookSignatureVerifier create(WebhookSettings settings) {
        PublicKey rsa = settings.legacyRsaEnabled()
                ? PublicKeys.rsa(settings.rsaPublicKey(), "webhook.rsa-public-key")
                : null;
        Ed25519Verifier ed25519 = Ed25519Verifier.create(settings.ed25519Provider(),
                PublicKeys.ed25519(settings.ed25519PublicKey(), "webhook.ed25519-public-key"));
        return new WebhookSignatureVerifier(ed25519, rsa, settings.legacyRsaEnabled(),
                settings.skipSignatureValidation());
    }

    public WebhookSignatureVerifier(Ed25519Verifier ed25519, PublicKey rsaKey, boolean legacyRsaEnabled, boolean skip) {
        this.ed25519 = ed25519;
        if (legacyRsaEnabled && rsaKey == null) {
            throw new IllegalArgumentException("legacy RSA webhook signatures are enabled but no RSA key is set");
        }
        this.rsaKey = rsaKey;
        this.legacyRsaEnabled = legacyRsaEnabled;
        this.skip = skip;
        if (skip) {
            LOG.warn("GHL webhook signature validation is OFF (GHL_SKIP_SIGNATURE_VALIDATION); never run this in production");
        }
    }

    /** Requests let through unchecked since start (exported as metric ghlsync_webhook_signature_skipped_total). */
    public long skippedCount() {
        return skipped.get();
    }

    @Override
    public void process(Exchange exchange) {
        byte[] body = exchange.getMessage().getBody(byte[].class);
        String scheme = verify(body,
                exchange.getMessage().getHeader(ED25519_HEADER, String.class),
                exchange.getMessage().getHeader(RSA_HEADER, String.class));
        exchange.setProperty(SCHEME, scheme);
    }

    /** @return the scheme that vouched for the body; throws a 401 ApiException otherwise */
    public String verify(byte[] body, String ed25519Header, String rsaHeader) {
        if (skip) {
            skipped.incrementAndGet();
            return "skipped";
        }
        if (present(ed25519Header)) {
            if (!verifyEd25519(body, ed25519Header.trim())) {
                throw unauthorized("X-GHL-Signature does not match the request body");
            }
            return "ed25519";
        }
        if (present(rsaHeader)) {
            if (!legacyRsaEnabled) {
                throw unauthorized("X-WH-Signature (legacy RSA) is no longer accepted; X-GHL-Signature is required");
            }
            if (!verifyRsa(body, rsaHeader.trim())) {
                throw unauthorized("X-WH-Signature does not match the request body");
            }
            return "rsa";
        }
        throw unauthorized("missing signature header X-GHL-Signature");
    }

    boolean verifyEd25519(byte[] body, String b64) {
        byte[] sig = decode(b64);
        return sig != null && ed25519.verify(sig, body);
    }

    boolean verifyRsa(byte[] body, String b64) {
        byte[] sig = decode(b64);
        if (sig == null) {
            return false;
        }
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initVerify(rsaKey);
            s.update(body);
            return s.verify(sig);
        } catch (GeneralSecurityException e) {
            return false; // malformed signature bytes
        }
    }

    private static byte[] decode(String b64) {
        try {
            return Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean present(String header) {
        return header != null && !header.isBlank();
    }

    private static ApiException unauthorized(String why) {
        return new ApiException(401, "Invalid webhook signature",
                java.util.List.of(new ApiException.FieldError("signature", why)));
    }
}
