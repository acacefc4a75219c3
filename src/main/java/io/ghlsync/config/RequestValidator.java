package io.ghlsync.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.ghlsync.config.ApiException.FieldError;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads and checks a JSON request body before anything is written: media type (415), JSON syntax (400), the JSON
 * Schema in {@code classpath:schemas/<name>.json} and the rules a schema cannot say well (400 naming each field by
 * its path, e.g. {@code customer.email}).
 */
public class RequestValidator {

    public static final String CREATE = "create-appointment";
    public static final String STATUS = "appointment-status";
    public static final String PATCH = "appointment-patch";

    private static final String DATE_TIME_HINT = "must be an ISO-8601 date-time with offset, e.g. 2025-03-14T09:00:00+01:00";

    // Trailing garbage and duplicate keys make a body ambiguous: reject them as malformed.
    private static final ObjectReader READER = Json.MAPPER.reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true) // 2020-12 treats format as a note unless told otherwise
            .locale(Locale.ENGLISH)
            .build();
    private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();

    /**
     * @return the parsed body, valid against schema {@code name}
     * @throws ApiException 415 for a missing or non-JSON Content-Type, 400 for malformed JSON or invalid fields
     */
    public JsonNode read(String contentType, byte[] body, String name) {
        checkContentType(contentType);
        JsonNode json = parse(body);
        List<FieldError> errors = validate(name, json);
        if (!errors.isEmpty()) {
            throw new ApiException(400, "Request validation failed", errors);
        }
        return json;
    }

    /** All problems of {@code json} against schema {@code name} and its extra rules, in field order. */
    public List<FieldError> validate(String name, JsonNode json) {
        List<FieldError> errors = new ArrayList<>();
        for (ValidationMessage m : schema(name).validate(json)) {
            errors.add(new FieldError(field(m), message(m)));
        }
        if (json.isObject()) {
            extraRules(name, json, errors);
        }
        errors.sort(Comparator.comparing(FieldError::field));
        return errors.stream().distinct().toList();
    }

    public static void checkContentType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            throw new ApiException(415, "Content-Type application/json is required");
        }
        String[] parts = contentType.split(";");
        if (!parts[0].trim().equalsIgnoreCase("application/json")) {
            throw new ApiException(415, "Unsupported Content-Type; send application/json");
        }
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].trim().split("=", 2);
            if (kv[0].trim().equalsIgnoreCase("charset") && kv.length == 2
                    && !kv[1].trim().replace("\"", "").equalsIgnoreCase("utf-8")) {
                // JSON on the wire is UTF-8 (RFC 8259 §8.1).
                throw new ApiException(415, "Unsupported charset; JSON must be UTF-8");
            }
        }
    }

    static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw new ApiException(400, "Malformed JSON: the request body is empty",
                    List.of(new FieldError("body", "must be a JSON object")));
        }
        try {
            return READER.readTree(StrictUtf8.decode(body));
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new ApiException(400, "Malformed JSON" + where,
                    List.of(new FieldError("body", JsonSyntax.describe(e))));
        }
    }

    private void extraRules(String name, JsonNode json, List<FieldError> errors) {
        OffsetDateTime start = dateTime(json, "startTime", errors);
        OffsetDateTime end = dateTime(json, "endTime", errors);
        if (start != null && end != null && !end.isAfter(start)) {
            errors.add(new FieldError("endTime", "must be after startTime"));
        }
        if (CREATE.equals(name)) {
            JsonNode customer = json.get("customer");
            if (customer != null && customer.isObject() && !customer.hasNonNull("email")
                    && !customer.hasNonNull("phone")) {
                errors.add(new FieldError("customer", "needs an email or a phone number"));
            }
        }
    }

    /** The schema checks the RFC 3339 shape; this also makes sure Java reads the same instant. */
    private static OffsetDateTime dateTime(JsonNode json, String field, List<FieldError> errors) {
        JsonNode v = json.get(field);
        if (v == null || !v.isTextual()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(v.asText());
        } catch (DateTimeParseException e) {
            FieldError error = new FieldError(field, DATE_TIME_HINT);
            if (!errors.contains(error)) {
                errors.add(error);
            }
            return null;
        }
    }

    private JsonSchema schema(String name) {
        return schemas.computeIfAbsent(name, n -> factory.getSchema(
                SchemaLocation.of("classpath:schemas/" + n + ".json"), config));
    }

    /** {@code customer.email}; for a missing or unknown property, the property's own path. */
    static String field(ValidationMessage m) {
        StringBuilder path = new StringBuilder();
        JsonNodePath location = m.getInstanceLocation();
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            if (element instanceof Integer index) {
                path.append('[').append(index).append(']');
            } else {
                path.append(path.length() == 0 ? "" : ".").append(element);
            }
        }
        if (("required".equals(m.getType()) || "additionalProperties".equals(m.getType())) && m.getProperty() != null) {
            path.append(path.length() == 0 ? "" : ".").append(m.getProperty());
        }
        return path.length() == 0 ? "body" : path.toString();
    }

    static String message(ValidationMessage m) {
        return switch (m.getType()) {
            case "required" -> "is required";
            case "additionalProperties" -> "is not a known field";
            case "format" -> switch (m.getSchemaNode().asText()) {
                case "email" -> "must be an email address";
                case "date-time" -> DATE_TIME_HINT;
                case "uuid" -> "must be a UUID";
                default -> m.getError();
            };
            case "minLength" -> m.getSchemaNode().asInt() == 1 ? "must not be empty" : m.getError();
            case "minProperties" -> "must contain at least one field";
            case "pattern" -> "has an invalid format";
            default -> m.getError();
        };
    }
}
