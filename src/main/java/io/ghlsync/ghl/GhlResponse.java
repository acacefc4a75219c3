package io.ghlsync.ghl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/** A successful (2xx) GHL response. Failures arrive as {@link GhlException}. */
public record GhlResponse(int status, JsonNode body) {

    public GhlResponse {
        body = body == null ? MissingNode.getInstance() : body;
    }
}
