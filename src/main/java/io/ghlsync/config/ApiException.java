package io.ghlsync.config;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

    /** The JSON error shape every 4xx of the service has: {@code {"success":false,"error":..,"details":[..]}}. */
    public static ObjectNode body(String error, List<FieldError> details) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("success", false).put("error", error);
        ArrayNode array = body.putArray("details");
        details.forEach(d -> array.addObject().put("field", d.field()).put("message", d.message()));
        return body;
    }
}
