package io.ghlsync.webhook;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts handled webhooks that ended IGNORED, by a fixed set of reason labels: the {@link WebhookAudience.Stranger}
 * labels, and {@value #OTHER} for the rest (types not used, stale changes, unknown objects). Never an id as a label:
 * ids are chosen by whoever sends the event.
 */
public class IgnoredWebhooks {

    public static final String OTHER = "other";

    private final Map<String, LongAdder> counts = new LinkedHashMap<>();

    public IgnoredWebhooks() {
        for (WebhookAudience.Stranger s : WebhookAudience.Stranger.values()) {
            counts.put(s.label(), new LongAdder());
        }
        counts.put(OTHER, new LongAdder());
    }

    void count(WebhookAudience.Stranger reason) {
        counts.get(reason == null ? OTHER : reason.label()).increment();
    }

    public long count(String label) {
        LongAdder c = counts.get(label);
        return c == null ? 0 : c.sum();
    }

    public Iterable<String> labels() {
        return counts.keySet();
    }
}
