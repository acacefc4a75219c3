package io.ghlsync.security;

import java.util.List;
import java.util.Map;

/**
 * The query parameters the access policy decides on, read from the raw query string so that no reader behind the
 * gate can see a parameter the gate did not. Vert.x's own decoder (RoutingContext#queryParams) keeps only the first
 * 1,024 parameters and stops at a {@code #}, while the routes split the raw query themselves
 * ({@code config.QueryParameters.of}); with Vert.x's view, {@code ?a&a&…(1,024×)…&action=retry} or
 * {@code ?x#&action=retry} reached the monitor's retry with an ops:read token. Here every {@code &}- or
 * {@code ;}-separated pair counts, without a limit, and {@code #} is an ordinary character: a superset of what any
 * reader behind the gate sees, so a refining rule ({@code ?action=retry}) holds whenever a reader could act on it.
 */
final class QueryParameters {

    private QueryParameters() {}

    /**
     * @param rawQuery the query as sent, without the {@code ?}; null or empty = none
     * @throws IllegalArgumentException when a name or value is not valid percent-encoding
     */
    static Map<String, List<String>> parse(String rawQuery) {
        return io.ghlsync.config.QueryParameters.parse(rawQuery, "[&;]");
    }
}
