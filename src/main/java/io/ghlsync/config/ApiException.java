package io.ghlsync.config;

import java.util.List;

/**
 * A request that cannot be served, with the HTTP status and a message the caller can act on. Turned into a JSON
 * error body by {@link ApiErrorResponder} (route configuration {@code api-errors}).
 */
public class ApiException extends RuntimeException {

    /** One problem with one field of the request, e.g. {@code customer.email}: "must be an email address". */
    public record FieldError(String field, String message) {}

    private final int status;
    private final List<FieldError> details;

    public ApiException(int status, String message) {
        this(status, message, List.of());
    }

    public ApiException(int status, String message, List<FieldError> details) {
        super(message);
        this.status = status;
        this.details = List.copyOf(details);
    }

    public int status() {
        return status;
    }

    public List<FieldError> details() {
        return details;
    }
}
