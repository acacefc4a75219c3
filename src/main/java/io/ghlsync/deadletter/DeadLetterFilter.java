package io.ghlsync.deadletter;

import io.ghlsync.config.ApiException;
import io.ghlsync.config.ApiException.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Which dead letters a list or bulk replay applies to. Every field is optional; {@link #parse} rejects bad values
 * with a 400 naming the field, so nothing runs on a half-understood filter.
 */
public record DeadLetterFilter(
        UUID appointmentId, String action, String errorClass, Integer olderThanMinutes, String status, int limit) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;
    static final Set<String> ACTIONS = Set.of("create", "update", "confirm", "cancel", "complete");
    static final Set<String> STATUSES = Set.of("OPEN", "REPLAYING", "REPLAYED", "DISCARDED", "PARKED");
    static final Set<String> FIELDS = Set.of("appointmentId", "action", "errorClass", "olderThanMinutes", "status",
            "limit");

    public static DeadLetterFilter none(int limit) {
        return new DeadLetterFilter(null, null, null, null, null, limit);
    }

    /**
     * Reads a filter from query parameters or a JSON body (values as text).
     *
     * @param where prefix for error field names, e.g. "query" or "body"
     */
    public static DeadLetterFilter parse(Map<String, String> values, String where) {
        List<FieldError> errors = new ArrayList<>();
        for (String key : values.keySet()) {
            if (!FIELDS.contains(key)) {
                errors.add(new FieldError(where + "." + key, "unknown filter; allowed: " + String.join(", ",
                        FIELDS.stream().sorted().toList())));
            }
        }
        UUID appointmentId = read(values, "appointmentId", where, errors, UUID::fromString, "must be a UUID");
        String action = read(values, "action", where, errors, v -> known(v, ACTIONS), "must be one of " + ACTIONS);
        String errorClass = read(values, "errorClass", where, errors, v -> v, "");
        Integer older = read(values, "olderThanMinutes", where, errors, v -> nonNegative(Integer.parseInt(v)),
                "must be a whole number of minutes, 0 or more");
        String status = read(values, "status", where, errors, v -> known(v.toUpperCase(), STATUSES),
                "must be one of " + STATUSES);
        Integer limit = read(values, "limit", where, errors, v -> between(Integer.parseInt(v), 1, MAX_LIMIT),
                "must be between 1 and " + MAX_LIMIT);
        if (!errors.isEmpty()) {
            throw new ApiException(400, "Invalid dead-letter filter", errors);
        }
        return new DeadLetterFilter(appointmentId, action, errorClass, older, status,
                limit == null ? DEFAULT_LIMIT : limit);
    }

    public Integer olderThanSeconds() {
        return olderThanMinutes == null ? null : olderThanMinutes * 60;
    }

    private static <T> T read(Map<String, String> values, String key, String where, List<FieldError> errors,
            Function<String, T> parser, String message) {
        String raw = values.get(key);
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return parser.apply(raw.trim());
        } catch (RuntimeException e) {
            errors.add(new FieldError(where + "." + key, message));
            return null;
        }
    }

    private static String known(String v, Set<String> allowed) {
        if (!allowed.contains(v)) {
            throw new IllegalArgumentException(v);
        }
        return v;
    }

    private static int nonNegative(int v) {
        return between(v, 0, Integer.MAX_VALUE);
    }

    private static int between(int v, int min, int max) {
        if (v < min || v > max) {
            throw new IllegalArgumentException(String.valueOf(v));
        }
        return v;
    }
}
