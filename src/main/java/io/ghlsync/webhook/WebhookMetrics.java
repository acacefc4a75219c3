package io.ghlsync.webhook;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.OnCamelContextStarted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Publishes webhook counters in the Camel metrics registry (served at /observe/metrics). */
public class WebhookMetrics implements OnCamelContextStarted {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookMetrics.class);

    private final WebhookSignatureVerifier verifier;
    private final IgnoredWebhooks ignored;

    public WebhookMetrics(WebhookSignatureVerifier verifier, IgnoredWebhooks ignored) {
        this.verifier = verifier;
        this.ignored = ignored;
    }

    @Override
    public void onContextStarted(CamelContext context) {
        var registries = context.getRegistry().findByType(MeterRegistry.class);
        if (registries.isEmpty()) {
            LOG.warn("No metrics registry; skipped webhook signature checks are counted but not exported");
        }
        for (MeterRegistry registry : registries) {
            FunctionCounter.builder("ghlsync.webhook.signature.skipped", verifier,
                            WebhookSignatureVerifier::skippedCount)
                    .description("Webhooks accepted without a signature check (GHL_SKIP_SIGNATURE_VALIDATION)")
                    .register(registry);
            for (String reason : ignored.labels()) {
                FunctionCounter.builder("ghlsync.webhook.ignored", ignored, i -> i.count(reason))
                        .tags(Tags.of("reason", reason))
                        .description("Handled webhooks that ended IGNORED, by reason (location_not_served: "
                                + "validly signed but for a location this service does not serve)")
                        .register(registry);
            }
        }
    }
}
