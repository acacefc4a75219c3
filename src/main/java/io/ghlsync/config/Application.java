package io.ghlsync.config;

import org.apache.camel.main.Main;
import org.slf4j.LoggerFactory;

/** Starts ghl-sync: camel-main with routes and settings read from the file system. */
public final class Application {

    private Application() {}

    public static void main(String[] args) {
        int code;
        try {
            code = create().run(args);
        } catch (Throwable e) {
            LoggerFactory.getLogger(Application.class).error("ghl-sync could not start: {}", e.toString(), e);
            code = 1;
        }
        // Non-daemon threads (the GHL simulator, drivers) must not keep a failed or stopped service alive.
        System.exit(code);
    }

    /** Builds the Main used both by {@link #main} and by tests, so tests boot exactly what runs. */
    public static Main create() {
        Main main = new Main();
        String config = System.getenv().getOrDefault("GHL_SYNC_CONFIG", "application.properties");
        main.setPropertyPlaceholderLocations("file:" + config);
        // Instances, not classes: camel-main would otherwise call each @BindToRegistry method twice (CAMEL-NOTES §1).
        for (Object configuration : Beans.all()) {
            main.configure().addConfiguration((org.apache.camel.CamelConfiguration) configuration);
        }
        return main;
    }
}
