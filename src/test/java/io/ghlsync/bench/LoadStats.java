package io.ghlsync.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Latency samples of one benchmark phase, with the percentiles BENCHMARKS.md quotes. */
final class LoadStats {

    private final List<Long> micros = Collections.synchronizedList(new ArrayList<>());
    private volatile int errors;

    void record(long nanos) {
        micros.add(nanos / 1_000);
    }

    synchronized void error() {
        errors++;
    }

    int count() {
        return micros.size();
    }

    int errors() {
        return errors;
    }

    double percentileMillis(double p) {
        List<Long> sorted;
        synchronized (micros) {
            sorted = new ArrayList<>(micros);
        }
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1))) / 1000.0;
    }

    String summary() {
        return String.format("n=%d errors=%d p50=%.1fms p99=%.1fms max=%.1fms", count(), errors(),
                percentileMillis(50), percentileMillis(99), percentileMillis(100));
    }
}
