package io.ghlsync.security;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.OnCamelContextStarted;

/**
 * ghlsync_http_refused_total{reason}: what the access gate refused. The gate counts in memory from its first
 * request; the counters are exported once the metrics registry exists.
 */
public final class AccessGateMetrics implements OnCamelContextStarted {

    private final AccessGate gate;

    public AccessGateMetrics(AccessGate gate) {
        this.gate = gate;
    }

    @Override
    public void onContextStarted(CamelContext context) {
        for (MeterRegistry registry : context.getRegistry().findByType(MeterRegistry.class)) {
            for (String reason : AccessGate.REASONS) {
                FunctionCounter.builder("ghlsync.http.refused", gate, g -> g.refused(reason))
                        .description("Requests refused by the HTTP access gate (unknown path, method, media type, "
                                + "missing or invalid credentials, missing scope)")
                        .tag("reason", reason)
                        .register(registry);
            }
        }
    }
}
