package io.ghlsync.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Validates a request body the way GHL's validation pipe does: a whitelist of properties and per-field checks,
 * all problems collected into one 422 with NestJS-style messages.
 */
final class BodyCheck {

    private final ObjectNode body;
    private final List<String> problems = new ArrayList<>();

    BodyCheck(ObjectNode body, Set<String> allowed) {
        this.body = body;
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                problems.add("property " + name + " should not exist");
            }
        }
    }

    ObjectNode body() {
        return body;
    }

    void problem(String message) {
        problems.add(message);
    }

    String requiredString(String name) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull() || (value.isTextual() && value.asText().isEmpty())) {
            problems.add(name + " should not be empty");
            return null;
        }
        if (!value.isTextual()) {
            problems.add(name + " must be a string");
            return null;
        }
        return value.asText();
    }

    /** Null when absent or JSON null. */
    String optionalString(String name) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            problems.add(name + " must be a string");
            return null;
        }
        return value.asText();
    }

    Boolean requiredBoolean(String name) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            problems.add(name + " should not be empty");
            return null;
        }
        return optionalBoolean(name);
    }

    Boolean optionalBoolean(String name) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            problems.add(name + " must be a boolean value");
            return null;
        }
        return value.asBoolean();
    }

    void optionalNumber(String name) {
        JsonNode value = body.get(name);
        if (value != null && !value.isNull() && !value.isNumber()) {
            problems.add(name + " must be a number conforming to the specified constraints");
        }
    }

    void optionalObject(String name) {
        JsonNode value = body.get(name);
        if (value != null && !value.isNull() && !value.isObject()) {
            problems.add("nested property " + name + " must be either object or array");
        }
    }

    /** A string array as a set (order kept); null when absent and not required. */
    Set<String> stringSet(String name, boolean required) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            if (required) {
                problems.add(name + " should not be empty");
                problems.add(name + " must be an array");
            }
            return null;
        }
        if (!value.isArray()) {
            problems.add(name + " must be an array");
            return null;
        }
        Set<String> values = new LinkedHashSet<>();
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                problems.add("each value in " + name + " must be a string");
                return null;
            }
            if (!item.asText().isBlank()) {
                values.add(item.asText());
            }
        }
        return values;
    }

    void oneOf(String name, List<String> allowed) {
        JsonNode value = body.get(name);
        if (value != null && !value.isNull() && !(value.isTextual() && allowed.contains(value.asText()))) {
            problems.add(name + " must be one of the following values: " + String.join(", ", allowed));
        }
    }

    /** Answers 422 with every problem found so far; nothing has been written yet when this throws. */
    void done() {
        if (!problems.isEmpty()) {
            throw new SimulatorError(SimResponse.unprocessable(problems));
        }
    }
}
