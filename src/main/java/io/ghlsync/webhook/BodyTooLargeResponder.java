package io.ghlsync.webhook;

import io.ghlsync.config.ApiException;
import io.ghlsync.config.ApiException.FieldError;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.spi.OnCamelContextStarted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Vert.x rejects an oversized body (camel.server.max-body-size) before Camel sees the request and answers with a
 * plain-text 413. This replaces that answer with the service's JSON error shape, for every path of the HTTP server.
 */
public class BodyTooLargeResponder implements OnCamelContextStarted {

    private static final Logger LOG = LoggerFactory.getLogger(BodyTooLargeResponder.class);

    private final long maxBodyBytes;

    public BodyTooLargeResponder(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void onContextStarted(CamelContext context) {
        var routers = context.getRegistry().findByType(VertxPlatformHttpRouter.class);
        if (routers.isEmpty()) {
            LOG.warn("No platform-http router found; oversized bodies get Vert.x's plain-text 413");
        }
        routers.forEach(this::install);
    }

    void install(Router router) {
        // A failure handler on the router the HTTP consumers live on: Vert.x runs it for a failure of any of them.
        router.route().failureHandler(this::respond);
    }

    void respond(RoutingContext ctx) {
        if (ctx.statusCode() != 413 || ctx.response().ended()) {
            ctx.next();
            return;
        }
        String body = ApiException.body("Request body too large",
                List.of(new FieldError("body", "must not exceed " + maxBodyBytes + " bytes"))).toString();
        ctx.response().setStatusCode(413).putHeader("Content-Type", "application/json").end(body);
    }
}
