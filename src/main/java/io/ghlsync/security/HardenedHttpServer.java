package io.ghlsync.security;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Camel's Vert.x HTTP server with the access gate in front of everything it serves (routes, /observe/*, Jolokia)
 * and the socket limits Camel's own server leaves at Vert.x's defaults (none): an idle timeout, a deadline for a
 * new connection's first request, and a cap on open connections. Camel's routes still register on the router it
 * binds as {@code platform-http-router-<port>}, exactly as with the stock server.
 */
public class HardenedHttpServer extends VertxPlatformHttpServer {

    private static final Logger LOG = LoggerFactory.getLogger(HardenedHttpServer.class);

    /** The socket limits, from settings. */
    public record Limits(int idleTimeoutSeconds, long firstRequestTimeoutMs, int maxConnections, long maxBodyBytes) {}

    private final VertxPlatformHttpServerConfiguration configuration;
    private final Limits limits;
    private final AccessGate gate;
    private final Handler<RoutingContext> jolokiaGuard;
    private final String jolokiaPath;
    private final DashboardFiles dashboard;
    private final WhoAmI whoAmI;
    private final AtomicInteger open = new AtomicInteger();
    private final Map<HttpConnection, Long> awaitingFirstRequest = new ConcurrentHashMap<>();

    private Vertx vertx;
    private Vertx ownVertx;
    private Router root;
    private HttpServer server;

    public HardenedHttpServer(VertxPlatformHttpServerConfiguration configuration, Limits limits, AccessGate gate,
            Handler<RoutingContext> jolokiaGuard, String jolokiaPath, DashboardFiles dashboard, WhoAmI whoAmI) {
        super(configuration);
        this.configuration = configuration;
        this.limits = limits;
        this.gate = gate;
        this.jolokiaGuard = jolokiaGuard;
        this.jolokiaPath = jolokiaPath;
        this.dashboard = dashboard;
        this.whoAmI = whoAmI;
    }

    @Override
    protected void initializeServer() {
        vertx = super.getVertx();
        if (vertx == null) {
            vertx = createVertxInstance();
            ownVertx = vertx;
        }
        root = Router.router(vertx);
        Router camelRoutes = Router.router(vertx);
        root.route().handler(this::firstRequestArrived).handler(gate);
        // Jolokia's body is read here so the guard can see every request in it before Jolokia runs.
        root.route(jolokiaPath + "/*").handler(BodyHandler.create(false).setBodyLimit(limits.maxBodyBytes()))
                .handler(jolokiaGuard);
        for (String path : dashboard.paths()) {
            root.get(path).handler(dashboard);
        }
        root.get("/api/auth/whoami").handler(whoAmI);
        root.route(configuration.getPath() + "*").subRouter(camelRoutes);
        // Vert.x's own answers are HTML or plain text; callers of this service always get the JSON error shape.
        root.errorHandler(400, ctx -> HttpErrors.send(ctx, 400, "Bad Request", "request", "malformed request"));
        root.errorHandler(404, ctx -> HttpErrors.send(ctx, 404, "Not Found", "path", "no such endpoint"));
        root.errorHandler(405, ctx -> HttpErrors.send(ctx, 405, "Method Not Allowed", "method", "not allowed here"));
        root.errorHandler(500, ctx -> HttpErrors.send(ctx, 500, "Internal error", "request",
                "the request could not be handled"));

        String routerName = VertxPlatformHttpRouter.getRouterNameFromPort(configuration.getPort());
        BodyHandler bodies = BodyHandler.create(false).setBodyLimit(limits.maxBodyBytes())
                .setMergeFormAttributes(false);
        getCamelContext().getRegistry().bind(routerName,
                new VertxPlatformHttpRouter(this, vertx, camelRoutes, routerName) {
                    @Override
                    public Handler<RoutingContext> bodyHandler() {
                        return ctx -> {
                            ctx.request().resume();
                            bodies.handle(ctx);
                        };
                    }
                });
    }

    @Override
    protected void startServer() throws Exception {
        HttpServerOptions options = new HttpServerOptions()
                .setIdleTimeout(limits.idleTimeoutSeconds())
                .setIdleTimeoutUnit(TimeUnit.SECONDS);
        server = vertx.createHttpServer(options);
        server.connectionHandler(this::connected);
        server.requestHandler(root);
        server.listen(configuration.getBindPort(), configuration.getBindHost())
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        LOG.info("HTTP server listening on {}:{} (idle timeout {} s, first request within {} ms, at most {} connections)",
                configuration.getBindHost(), server.actualPort(), limits.idleTimeoutSeconds(),
                limits.firstRequestTimeoutMs(), limits.maxConnections());
    }

    private void connected(HttpConnection connection) {
        if (open.incrementAndGet() > limits.maxConnections()) {
            open.decrementAndGet();
            connection.close();
            return;
        }
        // Slow clients that open a socket and never finish a request would otherwise hold it forever.
        long timer = getVertx().setTimer(limits.firstRequestTimeoutMs(), id -> {
            if (awaitingFirstRequest.remove(connection) != null) {
                connection.close();
            }
        });
        awaitingFirstRequest.put(connection, timer);
        connection.closeHandler(v -> {
            open.decrementAndGet();
            Long pending = awaitingFirstRequest.remove(connection);
            if (pending != null) {
                getVertx().cancelTimer(pending);
            }
        });
    }

    private void firstRequestArrived(RoutingContext ctx) {
        Long pending = awaitingFirstRequest.remove(ctx.request().connection());
        if (pending != null) {
            getVertx().cancelTimer(pending);
        }
        ctx.next();
    }

    /** Open connections now (a gauge for operators and tests). */
    public int openConnections() {
        return open.get();
    }

    @Override
    protected void stopServer() {
        if (server != null) {
            try {
                server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warn("HTTP server did not close cleanly: {}", e.getClass().getSimpleName());
            }
            server = null;
        }
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        if (ownVertx != null) {
            ownVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            ownVertx = null;
        }
    }

    @Override
    public Vertx getVertx() {
        return vertx != null ? vertx : super.getVertx();
    }

    @Override
    public HttpServer getServer() {
        return server;
    }

    @Override
    public int getPort() {
        return server != null ? server.actualPort() : configuration.getBindPort();
    }
}
