package io.ghlsync.ghl;

/** Where GHL calls go: the real API, or the built-in simulator when no credentials are set. */
public record GhlConnection(String baseUrl, boolean simulated) {

    public GhlConnection {
        baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }
}
