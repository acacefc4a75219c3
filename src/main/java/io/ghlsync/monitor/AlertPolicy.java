package io.ghlsync.monitor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides when to alert: when health leaves "healthy" or the oldest dead letter waits too long, at most once per
 * cooldown (a still-failing system is reminded of after each cooldown), and once with a recovery message when
 * everything is fine again after an alert. Messages carry figures only, never personal data.
 */
public class AlertPolicy {

    private final Duration cooldown;
    private final Duration maxDeadLetterAge;
    private final String serviceName;
    private Instant lastAlertAt;
    private boolean alerting;

    public AlertPolicy(Duration cooldown, Duration maxDeadLetterAge, String serviceName) {
        this.cooldown = cooldown;
        this.maxDeadLetterAge = maxDeadLetterAge;
        this.serviceName = serviceName;
    }

    /** The message to send now, if any. Not thread-safe: called from one timer route. */
    public synchronized Optional<String> evaluate(SystemHealth health, double oldestDeadLetterAgeSeconds,
            Instant now) {
        List<String> problems = new ArrayList<>(health.issues());
        if (oldestDeadLetterAgeSeconds > maxDeadLetterAge.toSeconds()) {
            problems.add("Oldest dead letter waiting " + Math.round(oldestDeadLetterAgeSeconds / 60) + " minutes");
        }
        if (problems.isEmpty()) {
            if (alerting) {
                alerting = false;
                return Optional.of(serviceName + " recovered: sync health is back to healthy");
            }
            return Optional.empty();
        }
        if (lastAlertAt != null && now.isBefore(lastAlertAt.plus(cooldown))) {
            return Optional.empty();
        }
        lastAlertAt = now;
        alerting = true;
        String level = SystemHealth.HEALTHY.equals(health.status()) ? "needs attention" : "is " + health.status();
        return Optional.of(serviceName + " sync " + level + ": " + String.join("; ", problems));
    }
}
