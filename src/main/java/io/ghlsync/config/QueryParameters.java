package io.ghlsync.config;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;

/** Query parameters of an HTTP request: the one parser of raw query strings, for the API classes and the gate. */
public final class QueryParameters {

    private QueryParameters() {}

    /** Query parameters from the raw query string (headers also carry HTTP headers, so they can't be checked). */
    public static Map<String, String> of(Exchange exchange) {
        Map<String, String> out = new LinkedHashMap<>();
        String query = exchange.getMessage().getHeader(Exchange.HTTP_QUERY, String.class);
        if (query == null || query.isBlank()) {
            return out;
        }
        try {
            // The last value of a repeated name wins.
            parse(query, "&")
                    .forEach((name, values) -> out.put(name, values.get(values.size() - 1)));
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "Malformed query string");
        }
        return out;
    }

    /**
     * Every name with all its values, in order.
     *
     * @param rawQuery the query as sent, without the {@code ?}; null or empty = none
     * @param separators regular expression of the pair separators, e.g. {@code &}
     * @throws IllegalArgumentException when a name or value is not valid percent-encoding
     */
    public static Map<String, List<String>> parse(String rawQuery, String separators) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return Map.of();
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String pair : rawQuery.split(separators)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            out.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return out;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
