package io.ghlsync.config;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks {@code Authorization: Bearer <JWT>} signed HS256 with JWT_SECRET. With no secret configured, auth is off
 * (logged once at start) so a first run needs no set-up.
 */
public class JwtAuthenticator implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(JwtAuthenticator.class);

    private final JWTVerifier verifier;

    public JwtAuthenticator(String secret) {
        if (secret == null || secret.isBlank()) {
            verifier = null;
            LOG.warn("JWT_SECRET is not set: the booking and monitor APIs accept requests WITHOUT authentication");
        } else {
            verifier = JWT.require(Algorithm.HMAC256(secret)).acceptLeeway(30).build();
        }
    }

    public boolean enabled() {
        return verifier != null;
    }

    @Override
    public void process(Exchange exchange) {
        if (verifier == null) {
            return;
        }
        String header = exchange.getMessage().getHeader("Authorization", String.class);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ApiException(401, "Missing bearer token (Authorization: Bearer <JWT>)");
        }
        try {
            verifier.verify(header.substring(7).trim());
        } catch (JWTVerificationException e) {
            throw new ApiException(401, "Invalid bearer token: " + e.getClass().getSimpleName());
        }
        // The token must not travel further, e.g. into a log or an outgoing call.
        exchange.getMessage().removeHeader("Authorization");
    }
}
