package io.ghlsync.security;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ghlsync.config.ApiException;
import io.ghlsync.config.ApiException.FieldError;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/** The service's JSON error shape, written by the HTTP layer before any route runs. */
final class HttpErrors {

    private HttpErrors() {}

    static void send(RoutingContext ctx, int status, String error, String field, String message) {
        ObjectNode body = ApiException.body(error, List.of(new FieldError(field, message)));
        if (ctx.response().ended()) {
            return;
        }
        ctx.response().setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store")
                .end(body.toString());
    }
}
