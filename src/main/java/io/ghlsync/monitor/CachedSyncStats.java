package io.ghlsync.monitor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * All-appointment figures re-read from the database at most once per {@code maxAge}: health checks, metric
 * scrapes and alert checks share them, so frequent probes do not turn into frequent table scans.
 */
public class CachedSyncStats {

    private final SyncStatsRepository repository;
    private final Duration maxAge;
    private final Clock clock;
    private SyncStats value;
    private Instant readAt = Instant.MIN;

    public CachedSyncStats(SyncStatsRepository repository, Duration maxAge, Clock clock) {
        this.repository = repository;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    public synchronized SyncStats get() {
        Instant now = clock.instant();
        if (value == null || !now.isBefore(readAt.plus(maxAge))) {
            value = repository.load(null);
            readAt = now;
        }
        return value;
    }
}
