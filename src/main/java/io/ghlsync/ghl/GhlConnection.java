package io.ghlsync.ghl;

/** Where GHL calls go and with which token: the real API, or the built-in simulator when no key is set. */
public record GhlConnection(String baseUrl, String token, boolean simulated) {

    public GhlConnection {
        baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }
}
