package io.ghlsync.config;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;

/** Query parameters of an HTTP request, for the API classes of every feature. */
public final class QueryParameters {

    private QueryParameters() {}

    /** Query parameters from the raw query string (headers also carry HTTP headers, so they can't be checked). */
    public static Map<String, String> of(Exchange exchange) {
        Map<String, String> out = new LinkedHashMap<>();
        String query = exchange.getMessage().getHeader(Exchange.HTTP_QUERY, String.class);
        if (query == null || query.isBlank()) {
            return out;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            out.put(key, value);
        }
        return out;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "Malformed query string");
        }
    }
}
