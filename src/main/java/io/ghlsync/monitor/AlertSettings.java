package io.ghlsync.monitor;

import io.ghlsync.config.Settings;

/** Alert settings (application.properties, section alerts). */
public record AlertSettings(String webhookUrl, long cooldownMs, long maxDeadLetterAgeMinutes, String serviceName) {

    public static AlertSettings read(Settings s) {
        return new AlertSettings(
                s.string("alerts.webhook-url"),
                s.longValue("alerts.cooldown-ms"),
                s.longValue("alerts.max-dead-letter-age-minutes"),
                s.string("camel.main.name"));
    }
}
