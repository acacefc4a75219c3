package io.ghlsync.ghl;

import java.util.Map;

/**
 * One call to the GHL API, described independently of the HTTP client.
 *
 * @param operation stable name used in metrics, the step journal and logs (e.g. "contacts.addNote")
 * @param method HTTP method
 * @param path path below the base URL, starting with '/', ids already URL-safe
 * @param query query parameters (unencoded), may be empty
 * @param version value of GHL's required {@code Version} header for this endpoint family
 * @param body JSON body (a Jackson-serialisable object) or null
 * @param locationId the location whose rate budget this call spends
 */
public record GhlRequest(
        String operation,
        String method,
        String path,
        Map<String, String> query,
        String version,
        Object body,
        String locationId) {

    public GhlRequest {
        query = query == null ? Map.of() : Map.copyOf(query);
    }
}
