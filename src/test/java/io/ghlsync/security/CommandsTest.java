package io.ghlsync.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandsTest {

    private static final String SECRET = "commands-test-secret-at-least-32-bytes";

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {}

    private Run run(String properties, String... args) throws Exception {
        Path config = dir.resolve("settings.properties");
        Files.writeString(config, properties);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Commands.run(args, config.toString(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8).trim(), err.toString(StandardCharsets.UTF_8));
    }

    private static final String SETTINGS = "auth.jwt-secret = " + SECRET + "\nauth.jwt-issuer = ghl-sync\n"
            + "auth.jwt-audience =\n";

    @Test
    void theTokenCommandPrintsATokenTheServiceAcceptsWithTheScopesAsked() throws Exception {
        Run r = run(SETTINGS, "token", "--scope", "ops:read ops:write", "--subject", "alice", "--ttl", "30m");
        assertThat(r.code()).as(r.err()).isZero();
        DecodedJWT jwt = JWT.require(Algorithm.HMAC256(SECRET)).withIssuer("ghl-sync").build().verify(r.out());
        assertThat(jwt.getSubject()).isEqualTo("alice");
        assertThat(jwt.getClaim("scope").asString()).isEqualTo("ops:read ops:write");
        assertThat(jwt.getExpiresAtAsInstant()).isBetween(Instant.now().plusSeconds(1700), Instant.now().plusSeconds(1801));
        Principal p = new TokenVerifier(SECRET, "", "ghl-sync", "", Duration.ZERO).verify(r.out());
        assertThat(p.satisfies(Owner.OPS_WRITE)).isTrue();
    }

    @Test
    void unknownScopesAMissingScopeAndAMissingOrShortSecretAreRefused() throws Exception {
        assertThat(run(SETTINGS, "token", "--scope", "admin").err()).contains("unknown scope admin");
        assertThat(run(SETTINGS, "token").err()).contains("--scope is required");
        assertThat(run(SETTINGS, "token", "--scope", "ops:read", "--ttl", "forever").err()).contains("--ttl");
        Run noSecret = run("auth.jwt-secret =\nauth.jwt-issuer =\nauth.jwt-audience =\n", "token", "--scope",
                "ops:read");
        assertThat(noSecret.code()).isEqualTo(2);
        assertThat(noSecret.err()).contains("JWT_SECRET is not set");
        assertThat(noSecret.out()).isEmpty();
        assertThat(run("auth.jwt-secret = short\nauth.jwt-issuer =\nauth.jwt-audience =\n", "token", "--scope",
                "ops:read").err()).contains("32 bytes");
    }
}
