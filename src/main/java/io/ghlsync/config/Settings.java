package io.ghlsync.config;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;

/**
 * Reads settings through Camel's properties (application.properties, environment overrides, test overrides).
 * There are no defaults here: application.properties is the one place that has them, so a missing key is an error.
 */
public final class Settings {

    private final PropertiesComponent properties;

    public Settings(CamelContext context) {
        this.properties = context.getPropertiesComponent();
    }

    public String string(String key) {
        Optional<String> value = properties.resolveProperty(key);
        return value.orElseThrow(() -> new IllegalStateException(
                "setting " + key + " is missing from application.properties"));
    }

    public int integer(String key) {
        return Integer.parseInt(string(key).trim());
    }

    public long longValue(String key) {
        return Long.parseLong(string(key).trim());
    }

    public boolean bool(String key) {
        return Boolean.parseBoolean(string(key).trim());
    }

    /** Every setting under a prefix, values resolved: e.g. the access rules {@code http.access.*}. */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> out = new HashMap<>();
        // Camel's ordered Properties keep their entries off Hashtable's own table: iterate the names.
        for (String key : properties.loadProperties(k -> k.startsWith(prefix)).stringPropertyNames()) {
            out.put(key, string(key));
        }
        return out;
    }
}
