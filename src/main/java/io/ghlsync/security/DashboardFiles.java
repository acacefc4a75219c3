package io.ghlsync.security;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The dashboard's own files, read once from the classpath folder {@code dashboard/} under fixed names: nothing of
 * the working directory, the jar or the data directory can be reached through it. Each answer carries a strict
 * Content-Security-Policy (no inline script or style, no framing).
 */
public final class DashboardFiles implements Handler<RoutingContext> {

    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
            + "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private record File(Buffer content, String type) {}

    private final Map<String, File> files;

    public DashboardFiles() {
        File index = load("index.html", "text/html; charset=utf-8");
        files = Map.of(
                "/", index,
                "/index.html", index,
                "/dashboard.js", load("dashboard.js", "text/javascript; charset=utf-8"),
                "/dashboard.css", load("dashboard.css", "text/css; charset=utf-8"));
    }

    /** The paths served, for the router. */
    public Iterable<String> paths() {
        return files.keySet();
    }

    @Override
    public void handle(RoutingContext ctx) {
        File file = files.get(ctx.normalizedPath());
        if (file == null) {
            HttpErrors.send(ctx, 404, "Not Found", "path", "no such endpoint");
            return;
        }
        ctx.response()
                .putHeader("Content-Type", file.type())
                .putHeader("Content-Security-Policy", CSP)
                .putHeader("X-Frame-Options", "DENY")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("Cache-Control", "no-cache")
                .end(file.content());
    }

    private static File load(String name, String type) {
        try (InputStream in = DashboardFiles.class.getClassLoader().getResourceAsStream("dashboard/" + name)) {
            if (in == null) {
                throw new IllegalStateException("dashboard/" + name + " is missing from the classpath");
            }
            return new File(Buffer.buffer(in.readAllBytes()), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
