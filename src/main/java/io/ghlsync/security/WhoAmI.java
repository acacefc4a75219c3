package io.ghlsync.security;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ghlsync.config.Json;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** GET /api/auth/whoami: who the gate let in and with which scopes, so the dashboard shows only what it may do. */
public final class WhoAmI implements Handler<RoutingContext> {

    private final boolean authentication;

    public WhoAmI(boolean authentication) {
        this.authentication = authentication;
    }

    @Override
    public void handle(RoutingContext ctx) {
        Principal principal = ctx.get(AccessGate.PRINCIPAL);
        ObjectNode body = Json.MAPPER.createObjectNode().put("subject", principal.subject());
        principal.scopes().stream().sorted().forEach(body.putArray("scopes")::add);
        body.put("authentication", authentication ? "on" : "off");
        ctx.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store")
                .end(body.toString());
    }
}
