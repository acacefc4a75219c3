package io.ghlsync.security;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;
import io.ghlsync.config.Settings;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * Operator commands of the jar, so nobody hand-crafts a token or a password hash:
 * {@code token --scope "ops:read ops:write" [--subject NAME] [--ttl 8h]} prints a signed bearer token, and
 * {@code hash-password} reads a password from the terminal (or standard input) and prints its bcrypt hash for
 * OPS_PASSWORD_HASH. Settings come from application.properties and the environment, as for the service.
 */
public final class Commands {

    public static final Set<String> NAMES = Set.of("token", "hash-password");
    private static final Set<String> KNOWN_SCOPES = Set.of(Principal.BOOKINGS_WRITE, Principal.OPS_READ,
            Principal.OPS_WRITE);

    private Commands() {}

    /** @return the process exit code */
    public static int run(String[] args, String configFile, PrintStream out, PrintStream err) {
        Deque<String> rest = new ArrayDeque<>(List.of(args));
        String command = rest.removeFirst();
        try {
            if (command.equals("hash-password")) {
                out.println(BasicCredentials.hash(readPassword()));
                return 0;
            }
            out.println(token(rest, settings(configFile)));
            return 0;
        } catch (IllegalArgumentException | IllegalStateException | IOException e) {
            err.println(command + ": " + e.getMessage());
            return 2;
        }
    }

    static String token(Deque<String> options, Settings settings) {
        String scope = null;
        String subject = "operator";
        Duration ttl = Duration.ofHours(8);
        while (!options.isEmpty()) {
            String option = options.removeFirst();
            if (options.isEmpty()) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = options.removeFirst();
            switch (option) {
                case "--scope" -> scope = value;
                case "--subject" -> subject = value;
                case "--ttl" -> ttl = ttl(value);
                default -> throw new IllegalArgumentException(
                        "unknown option " + option + " (--scope, --subject, --ttl)");
            }
        }
        if (scope == null) {
            throw new IllegalArgumentException("--scope is required, e.g. --scope \"ops:read ops:write\" "
                    + "(scopes: bookings:write, ops:read, ops:write)");
        }
        for (String s : scope.trim().split("\\s+")) {
            if (!KNOWN_SCOPES.contains(s)) {
                throw new IllegalArgumentException("unknown scope " + s + " (bookings:write, ops:read, ops:write)");
            }
        }
        String secret = settings.string("auth.jwt-secret");
        if (secret.isBlank()) {
            throw new IllegalStateException("JWT_SECRET is not set: there is nothing to sign with");
        }
        // Refuses a short secret exactly as the service would.
        new TokenVerifier(secret, "", "", "", Duration.ZERO);
        Instant now = Instant.now();
        JWTCreator.Builder jwt = JWT.create().withSubject(subject).withClaim("scope", scope.trim())
                .withIssuedAt(now).withExpiresAt(now.plus(ttl));
        String issuer = settings.string("auth.jwt-issuer");
        String audience = settings.string("auth.jwt-audience");
        if (!issuer.isBlank()) {
            jwt.withIssuer(issuer);
        }
        if (!audience.isBlank()) {
            jwt.withAudience(audience);
        }
        return jwt.sign(Algorithm.HMAC256(secret));
    }

    /** 30m, 8h, 7d. */
    static Duration ttl(String text) {
        if (!text.matches("\\d+[mhd]")) {
            throw new IllegalArgumentException("--ttl takes minutes, hours or days: 30m, 8h, 7d");
        }
        long n = Long.parseLong(text.substring(0, text.length() - 1));
        return switch (text.charAt(text.length() - 1)) {
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    private static String readPassword() throws IOException {
        Console console = System.console();
        String password;
        if (console != null) {
            char[] typed = console.readPassword("Password: ");
            password = typed == null ? "" : new String(typed);
        } else {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line = in.readLine();
            password = line == null ? "" : line;
        }
        if (password.length() < 12) {
            throw new IllegalArgumentException("use a password of at least 12 characters");
        }
        return password;
    }

    /** Camel's properties over the settings file and the environment, without starting anything. */
    private static Settings settings(String configFile) {
        DefaultCamelContext context = new DefaultCamelContext();
        context.getPropertiesComponent().setLocation("file:" + configFile);
        return new Settings(context);
    }
}
