package io.ghlsync;

import io.ghlsync.security.Commands;
import io.ghlsync.security.GatedHttpServerFactory;
import io.ghlsync.security.ProductionCheck;
import io.ghlsync.config.Settings;
import io.ghlsync.security.UnsafeConfigurationException;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.LoggerFactory;

/**
 * Starts ghl-sync: camel-main with routes and settings read from the file system. {@code token} and
 * {@code hash-password} as first argument run an operator command instead (see {@link Commands}).
 */
public final class Application {

    private Application() {}

    public static void main(String[] args) {
        if (args.length > 0 && Commands.NAMES.contains(args[0])) {
            System.exit(Commands.run(args, configFile(), System.out, System.err));
        }
        int code;
        try {
            code = create().run(args);
        } catch (Throwable e) {
            UnsafeConfigurationException unsafe = unsafe(e);
            if (unsafe != null) {
                LoggerFactory.getLogger(Application.class).error("ghl-sync could not start. {}", unsafe.getMessage());
            } else {
                LoggerFactory.getLogger(Application.class).error("ghl-sync could not start: {}", e.toString(), e);
            }
            code = 1;
        }
        // Non-daemon threads (the GHL simulator, drivers) must not keep a failed or stopped service alive.
        System.exit(code);
    }

    /** Builds the Main used both by {@link #main} and by tests, so tests boot exactly what runs. */
    public static Main create() {
        Main main = new Main();
        main.setPropertyPlaceholderLocations("file:" + configFile());
        // Refuse an unsafe production configuration before the database or any port is opened.
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void beforeConfigure(BaseMainSupport m) {
                ProductionCheck.enforce(new Settings(m.getCamelContext()));
            }
        });
        // camel-main takes the HTTP server factory from the registry: the access gate sits in front of every path.
        main.bind("gatedHttpServerFactory", new GatedHttpServerFactory());
        // Every other object is built once, in layer order, by the wiring (docs/architecture.md#wiring).
        main.configure().addConfiguration(new Wiring());
        return main;
    }

    private static UnsafeConfigurationException unsafe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnsafeConfigurationException u) {
                return u;
            }
        }
        return null;
    }

    private static String configFile() {
        return System.getenv().getOrDefault("GHL_SYNC_CONFIG", "application.properties");
    }
}
