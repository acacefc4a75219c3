package io.ghlsync.ghl;

import java.time.Duration;

/** Where the GHL client reports each HTTP call (operation name, status or 0 without a response, duration). */
@FunctionalInterface
public interface GhlCallMetrics {

    void record(String operation, int status, Duration duration);
}
