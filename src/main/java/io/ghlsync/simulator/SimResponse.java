package io.ghlsync.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ghlsync.config.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One simulated HTTP answer: status, JSON body and any extra headers. */
record SimResponse(int status, JsonNode body, Map<String, String> headers) {

    SimResponse {
        headers = Map.copyOf(headers);
    }

    static SimResponse of(int status, JsonNode body) {
        return new SimResponse(status, body, Map.of());
    }

    SimResponse withHeader(String name, String value) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put(name, value);
        return new SimResponse(status, body, all);
    }

    /** GHL's NestJS-style error body {statusCode, message}. */
    static SimResponse error(int status, String message) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("statusCode", status).put("message", message);
        return of(status, body);
    }

    /** GHL's NestJS-style error body {statusCode, message, error}. */
    static SimResponse error(int status, String message, String error) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("statusCode", status).put("message", message);
        body.put("error", error);
        return of(status, body);
    }

    /** 422 with the message list GHL's validation pipe produces. */
    static SimResponse unprocessable(List<String> messages) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("statusCode", 422);
        ArrayNode list = body.putArray("message");
        messages.forEach(list::add);
        body.put("error", "Unprocessable Entity");
        return of(422, body);
    }
}
