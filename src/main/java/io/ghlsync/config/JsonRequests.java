package io.ghlsync.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;

/**
 * Reads a JSON request body the strict way: the content type must be JSON (else 415), the body must parse (else
 * 400) and match its JSON Schema from src/main/resources/schemas (else 400 naming each bad field).
 */
public final class JsonRequests {

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG =
            SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();
    private static final ObjectReader READER =
            Json.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonRequests() {}

    /** The validated body of the exchange. */
    public static JsonNode read(Exchange exchange, String schemaName) {
        requireJsonContentType(exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class));
        byte[] raw = exchange.getMessage().getBody(byte[].class);
        JsonNode node = parse(raw == null ? null : StrictUtf8.decode(raw));
        validate(node, schemaName);
        return node;
    }

    public static void requireJsonContentType(String contentType) {
        String[] parts = contentType == null ? new String[] {""} : contentType.split(";");
        if (!parts[0].trim().equalsIgnoreCase("application/json")) {
            throw new ApiException(415, "Content-Type must be application/json",
                    List.of(new ApiException.FieldError("Content-Type",
                            contentType == null ? "missing" : "unsupported media type")));
        }
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].trim().split("=", 2);
            if (kv[0].trim().equalsIgnoreCase("charset") && kv.length == 2
                    && !kv[1].trim().replace("\"", "").equalsIgnoreCase("utf-8")) {
                // JSON on the wire is UTF-8 (RFC 8259 section 8.1); a body in another charset would be misread.
                throw new ApiException(415, "Unsupported charset; JSON must be UTF-8",
                        List.of(new ApiException.FieldError("Content-Type", "charset must be UTF-8")));
            }
        }
    }

    public static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            throw new ApiException(400, "Request body is empty; a JSON object is expected");
        }
        try {
            return READER.readTree(body);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "body"
                    : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new ApiException(400, "Request body is not valid JSON",
                    List.of(new ApiException.FieldError(where, e.getOriginalMessage())));
        }
    }

    public static void validate(JsonNode node, String schemaName) {
        JsonSchema schema = SCHEMAS.computeIfAbsent(schemaName, JsonRequests::load);
        Set<ValidationMessage> messages = schema.validate(node);
        if (messages.isEmpty()) {
            return;
        }
        List<ApiException.FieldError> details = new ArrayList<>();
        for (ValidationMessage m : messages) {
            details.add(new ApiException.FieldError(field(m), message(m)));
        }
        details.sort(Comparator.comparing(ApiException.FieldError::field));
        throw new ApiException(400, "Request body is invalid", details);
    }

    /** The JSON path of the offending field, without the leading "$.", e.g. {@code customer.email}. */
    static String field(ValidationMessage m) {
        String path = m.getInstanceLocation().toString();
        if ("required".equals(m.getType()) && m.getProperty() != null) {
            path = path + "." + m.getProperty();
        } else if ("additionalProperties".equals(m.getType()) && m.getProperty() != null) {
            path = path + "." + m.getProperty();
        }
        if (path.startsWith("$.")) {
            return path.substring(2);
        }
        return path.equals("$") ? "body" : path;
    }

    private static String message(ValidationMessage m) {
        String text = m.getMessage();
        int colon = text.indexOf(": ");
        return colon >= 0 && text.startsWith("$") ? text.substring(colon + 2) : text;
    }

    private static JsonSchema load(String name) {
        String path = "/schemas/" + name + ".json";
        InputStream in = JsonRequests.class.getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException("missing JSON schema " + path);
        }
        return FACTORY.getSchema(in, CONFIG);
    }
}
