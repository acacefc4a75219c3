package io.ghlsync.ghl;

/**
 * Sends one request to GHL. The production implementation goes through the Camel route {@code ghl-call}
 * (throttle, budget, camel-http); tests may use WireMock behind it.
 */
public interface GhlApi {

    /**
     * @return the 2xx response
     * @throws GhlException for non-2xx answers and transport failures, classified as retryable or not
     */
    GhlResponse call(GhlRequest request);
}
