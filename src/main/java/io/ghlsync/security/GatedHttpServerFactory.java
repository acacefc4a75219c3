package io.ghlsync.security;

import io.ghlsync.config.Settings;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;
import org.apache.camel.CamelContext;
import org.apache.camel.Service;
import org.apache.camel.component.platform.http.main.DefaultMainHttpServerFactory;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.component.platform.http.plugin.DefaultJolokiaPlatformHttpPlugin;
import org.apache.camel.component.platform.http.plugin.JolokiaPlatformHttpPlugin;
import org.apache.camel.component.platform.http.spi.PlatformHttpPluginRegistry;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.jolokia.server.core.http.HttpRequestHandler;
import org.apache.camel.main.HttpManagementServerConfigurationProperties;
import org.apache.camel.main.HttpServerConfigurationProperties;
import org.apache.camel.main.MainHttpServerFactory;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * camel-main asks the registry for a {@link MainHttpServerFactory} before it falls back to the stock one; this one
 * builds the HTTP server with the access gate in front. The management endpoints (/observe/health, metrics,
 * Jolokia) are created by the stock factory and, sharing the port, are served by this server and so pass the gate.
 * Static files from the working directory (Camel's development feature) are never served.
 */
public final class GatedHttpServerFactory implements MainHttpServerFactory {

    private static final Logger LOG = LoggerFactory.getLogger(GatedHttpServerFactory.class);

    private final DefaultMainHttpServerFactory stock = new DefaultMainHttpServerFactory();

    @Override
    public Service newHttpServer(CamelContext context, HttpServerConfigurationProperties configuration) {
        Settings settings = new Settings(context);
        SecuritySettings security = SecuritySettings.read(settings);
        Authenticator authenticator = security.authenticator();
        String jolokiaPath = settings.string("camel.management.jolokia-path");
        AccessGate gate = new AccessGate(security.policy(), authenticator, jolokiaPath);
        context.getRegistry().bind("accessGateMetrics", new AccessGateMetrics(gate));
        Handler<RoutingContext> jolokiaGuard = new JolokiaGuard(JolokiaGuard.Rules.read(settings),
                () -> jolokiaHandler(context));
        String host = security.listenHost(authenticator.configured());
        if (!authenticator.configured()) {
            LOG.warn("No authentication configured (JWT_SECRET, JWT_JWKS_URL, OPS_USER): every caller is trusted, "
                    + "so the HTTP server listens on 127.0.0.1 only");
        }
        DashboardFiles dashboard = new DashboardFiles();
        WhoAmI whoAmI = new WhoAmI(authenticator.configured());
        GatedMainHttpServer server = new GatedMainHttpServer(httpConfiguration -> new HardenedHttpServer(
                httpConfiguration, security.limits(), gate, jolokiaGuard, jolokiaPath, dashboard, whoAmI));
        server.setCamelContext(context);
        server.setHost(host);
        server.setPort(configuration.getPort());
        server.setPath(configuration.getPath());
        if (configuration.getMaxBodySize() != null) {
            server.setMaxBodySize(configuration.getMaxBodySize());
        }
        if (configuration.isStaticEnabled()) {
            LOG.warn("camel.server.static-enabled is ignored: it serves the working directory; the dashboard is "
                    + "served from the classpath");
        }
        return server;
    }

    /** Jolokia's request handler, which exists once the management server has started its plugin. */
    private static HttpRequestHandler jolokiaHandler(CamelContext context) {
        PlatformHttpPluginRegistry plugins =
                context.getCamelContextExtension().getContextPlugin(PlatformHttpPluginRegistry.class);
        JolokiaPlatformHttpPlugin plugin = plugins
                .resolvePluginById(JolokiaPlatformHttpPlugin.NAME, JolokiaPlatformHttpPlugin.class)
                .orElseThrow(() -> new IllegalStateException("Jolokia plugin not started"));
        return ((DefaultJolokiaPlatformHttpPlugin) plugin).getJolokiaRequestHandler();
    }

    @Override
    public Service newHttpManagementServer(CamelContext context,
            HttpManagementServerConfigurationProperties configuration) {
        stock.setCamelContext(context);
        return stock.newHttpManagementServer(context, configuration);
    }

    /** MainHttpServer whose Vert.x server is the hardened one. */
    static final class GatedMainHttpServer extends MainHttpServer {
        private final Function<VertxPlatformHttpServerConfiguration, HardenedHttpServer> factory;
        private HardenedHttpServer hardened;

        GatedMainHttpServer(Function<VertxPlatformHttpServerConfiguration, HardenedHttpServer> factory) {
            this.factory = factory;
        }

        @Override
        protected void doInit() throws Exception {
            hardened = factory.apply(getConfiguration());
            hardened.setCamelContext(getCamelContext());
            getCamelContext().addService(hardened);
        }

        @Override
        protected void doStart() throws Exception {
            ServiceHelper.startService(hardened);
            super.doStart();
        }
    }
}
