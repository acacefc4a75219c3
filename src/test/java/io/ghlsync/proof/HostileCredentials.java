package io.ghlsync.proof;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Generator of Authorization headers for the access gate (seeded like {@link Hostile}): none, malformed, forged,
 * expired or otherwise invalid ones, whose only right answer is 401; and correctly signed tokens whose holder is
 * known, so the expected answer (403, or the endpoint's own) follows from the scopes the endpoint needs. Tokens are
 * written by hand, not with java-jwt, so that they can be wrong in ways a JWT library refuses to produce.
 */
final class HostileCredentials {

    /** Who the gate must take the caller for. INVALID: nobody (401). NO_SCOPE: authenticated, may do nothing. */
    enum Holder { INVALID, NO_SCOPE, BOOKING, OPS_READ, OPS_WRITE }

    /** Authorization header values to send (empty: none; two: the header twice) and whose they are. */
    record Credential(List<String> authorization, Holder holder, String what) {}

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final String HS256 = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
    /** Scope words that look like a scope the gate knows but are not one (split on spaces, as the gate does). */
    private static final String[] NEAR_MISSES = {"OPS:WRITE", "Ops:Read", "ops:write,", "ops:read;ops:write",
        "ops:write\u00a0", "ops\uff1awrite", "ops:wr\u0456te", "ops:write\u200b", "ops:\u0000write", "ops", ":write",
        "ops:writes", "ops:*", "*", "admin", "bookings:writ", "booking", "ops:read.", "\"ops:write\"", "ops%3Awrite",
        "scope=ops:write", "ops:read,ops:write", "opsːwrite", "\u202eetirw:spo"};

    private final String secret;

    HostileCredentials(String secret) {
        this.secret = secret;
    }

    Credential next(Random r) {
        int pick = r.nextInt(100);
        if (pick < 5) {
            return new Credential(List.of(), Holder.INVALID, "no Authorization header");
        }
        if (pick < 12) {
            return malformedHeader(r);
        }
        if (pick < 17) {
            return invalid("Bearer " + printable(r, 1 + r.nextInt(300)), "random text");
        }
        if (pick < 21) {
            return invalid("Bearer " + randomB64(r, 1 + r.nextInt(60)) + "." + randomB64(r, 1 + r.nextInt(200)) + "."
                    + randomB64(r, r.nextInt(60)), "random three-part token");
        }
        if (pick < 27) {
            String t = token(payload(r, "\"ops:read ops:write\""));
            return invalid("Bearer " + t.substring(0, 1 + r.nextInt(t.length() - 1)), "truncated token");
        }
        if (pick < 32) {
            String alg = pickOf(r, "none", "None", "NONE", "nOnE", "");
            String unsigned = B64.encodeToString(("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}").getBytes(
                    StandardCharsets.UTF_8)) + "." + b64(payload(r, "\"ops:write\""));
            return invalid("Bearer " + unsigned + "." + (r.nextBoolean() ? "" : randomB64(r, 43)), "alg '" + alg + "'");
        }
        if (pick < 37) {
            return algorithmSwap(r);
        }
        if (pick < 42) {
            String other = secret + "-not-it";
            String t = sign("HmacSHA256", HS256, payload(r, "\"ops:write\""), other);
            if (r.nextBoolean()) { // one character of a correct signature changed
                String good = token(payload(r, "\"ops:write\""));
                int at = good.lastIndexOf('.') + 1 + r.nextInt(40);
                t = good.substring(0, at) + (good.charAt(at) == 'A' ? 'B' : 'A') + good.substring(at + 1);
            }
            return invalid("Bearer " + t, "wrong signature");
        }
        if (pick < 47) {
            String booking = token(payload(r, null));
            String[] parts = booking.split("\\.");
            return invalid("Bearer " + parts[0] + "." + b64(payload(r, "\"ops:read ops:write\"")) + "." + parts[2],
                    "booking token with an ops:write payload");
        }
        if (pick < 51) {
            long now = Instant.now().getEpochSecond();
            long exp = pickOf(r, now - 61 - r.nextInt(1_000_000), 0L, -1L); // beyond the 30 s of leeway
            return invalid("Bearer " + token("{\"sub\":\"hostile\",\"exp\":" + exp + ",\"scope\":\"ops:write\"}"),
                    "expired");
        }
        if (pick < 55) {
            long later = Instant.now().getEpochSecond() + 3_600;
            String payload = pickOf(r, "{\"sub\":\"hostile\",\"scope\":\"ops:write\"}",
                    "{\"sub\":\"hostile\",\"exp\":\"" + later + "\",\"scope\":\"ops:write\"}",
                    "{\"sub\":\"hostile\",\"exp\":1e400,\"scope\":\"ops:write\"}",
                    "{\"sub\":\"hostile\",\"exp\":" + later + ",\"nbf\":" + later + ",\"scope\":\"ops:write\"}",
                    "{\"sub\":\"hostile\",\"exp\":[" + later + "],\"scope\":\"ops:write\"}",
                    "[\"ops:write\"]", "\"ops:write\"", "{", "");
            return invalid("Bearer " + token(payload), "claims: " + payload);
        }
        if (pick < 61) {
            String scope = pickOf(r, "42", "1.5", "true", "{\"scope\":\"ops:write\"}", "[null]", "[1]",
                    "[{\"a\":1}]", "[[\"ops:write\"]]", "[\"ops:read\",null]", "[\"ops:write\",7]", "[true]");
            return invalid("Bearer " + token(payload(r, scope)), "scope " + scope);
        }
        if (pick < 62) { // over Vert.x's 8 KB header limit: a bare 431 before any handler (known)
            return invalid("Bearer " + token(payload(r, "\"" + "ops:read ".repeat(1_000) + "\"")), "9 KB token");
        }
        if (pick < 67) {
            StringBuilder words = new StringBuilder();
            int size = 1_000 + r.nextInt(4_000);
            while (words.length() < size) {
                words.append(r.nextInt(4) == 0 ? printable(r, 1 + r.nextInt(12)).replace(" ", "")
                        : pickOf(r, NEAR_MISSES)).append(' ');
            }
            return valid(payload(r, quote(words.toString())), Holder.NO_SCOPE, "huge scope of near misses ("
                    + words.length() + " chars)");
        }
        if (pick < 70) {
            return valid(payload(r, pickOf(r, "\"\"", "[]", "\"   \"")), Holder.NO_SCOPE, "empty scope");
        }
        if (pick < 80) {
            return valid(payload(r, pickOf(r, null, "null", "\"bookings:write\"", "[\"bookings:write\"]")),
                    Holder.BOOKING, "booking token");
        }
        if (pick < 82) { // the header twice, both refused whichever one the server reads
            return new Credential(List.of("Bearer " + printable(r, 20), "Bearer " + token(
                    payload(r, "\"ops:write\"")).replace('.', '!')), Holder.INVALID, "two invalid headers");
        }
        if (pick < 91) {
            return valid(payload(r, pickOf(r, "\"ops:read\"", "[\"ops:read\"]", "\"ops:read other\"",
                    "\"  ops:read  \"")), Holder.OPS_READ, "ops:read token");
        }
        return valid(payload(r, pickOf(r, "\"ops:write\"", "\"ops:read ops:write\"", "[\"ops:write\",\"x\"]")),
                Holder.OPS_WRITE, "ops:write token");
    }

    private Credential malformedHeader(Random r) {
        String opsWrite = token(payload(r, "\"ops:write\""));
        String value = switch (r.nextInt(12)) {
            case 0 -> "";
            case 1 -> "Bearer";
            case 2 -> "Bearer      ";
            case 3 -> "Basic";
            case 4 -> "Basic " + Base64.getEncoder().encodeToString("ops:secret".getBytes(StandardCharsets.UTF_8));
            case 5 -> "Basic !!!" + printable(r, 10);
            case 6 -> "Digest username=\"ops\"";
            case 7 -> "Token " + opsWrite;
            case 8 -> opsWrite; // no scheme
            case 9 -> "Bearer" + opsWrite; // no space after the scheme
            case 10 -> "Bearer\t" + opsWrite;
            default -> "Bearer " + opsWrite + " " + opsWrite;
        };
        return invalid(value, "malformed header '" + Hostile.abbreviate(value) + "'");
    }

    private Credential algorithmSwap(Random r) {
        String payload = payload(r, "\"ops:write\"");
        return switch (r.nextInt(6)) {
            case 0 -> invalid("Bearer " + sign("HmacSHA384", "{\"alg\":\"HS384\"}", payload, secret), "HS384");
            case 1 -> invalid("Bearer " + sign("HmacSHA512", "{\"alg\":\"HS512\"}", payload, secret), "HS512");
            case 2 -> invalid("Bearer " + sign("HmacSHA256", "{\"alg\":\"RS256\"}", payload, secret),
                    "RS256 header, HMAC signature");
            case 3 -> invalid("Bearer " + sign("HmacSHA256", "{\"alg\":\"ES256\"}", payload, secret),
                    "ES256 header, HMAC signature");
            case 4 -> invalid("Bearer " + sign("HmacSHA256", "{\"typ\":\"JWT\"}", payload, secret), "no alg");
            default -> invalid("Bearer " + sign("HmacSHA256", "{\"alg\":42}", payload, secret), "alg 42");
        };
    }

    private Credential valid(String payload, Holder holder, String what) {
        return new Credential(List.of("Bearer " + token(payload)), holder, what);
    }

    private static Credential invalid(String header, String what) {
        return new Credential(List.of(header), Holder.INVALID, what);
    }

    /** A payload valid for an hour; scopeJson is the raw JSON of the scope claim, null for none. */
    private static String payload(Random r, String scopeJson) {
        long exp = Instant.now().getEpochSecond() + 3_600;
        String sub = r.nextInt(10) == 0 ? "{\"a\":1}" : "\"hostile-" + r.nextInt(1000) + "\"";
        return "{\"sub\":" + sub + ",\"exp\":" + exp + (scopeJson == null ? "" : ",\"scope\":" + scopeJson) + "}";
    }

    /** HS256 with the service's secret. */
    String token(String payloadJson) {
        return sign("HmacSHA256", HS256, payloadJson, secret);
    }

    private static String sign(String mac, String headerJson, String payloadJson, String key) {
        String input = b64(headerJson) + "." + b64(payloadJson);
        try {
            Mac m = Mac.getInstance(mac);
            m.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), mac));
            return input + "." + B64.encodeToString(m.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(String json) {
        return B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String randomB64(Random r, int bytes) {
        byte[] b = new byte[bytes];
        r.nextBytes(b);
        return B64.encodeToString(b);
    }

    /** Printable ASCII: what an HTTP header value may carry. */
    static String printable(Random r, int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append((char) (0x21 + r.nextInt(0x7e - 0x21)));
        }
        return b.toString();
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    @SafeVarargs
    static <T> T pickOf(Random r, T... options) {
        return options[r.nextInt(options.length)];
    }
}
