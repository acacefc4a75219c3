package io.ghlsync.ghl;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What is left of GHL's rate budget per location, beyond the burst throttle in route ghl-call: a 429 pauses ALL
 * sending to that location until Retry-After has passed, the daily allowance is counted locally and read from
 * GHL's X-RateLimit-* headers, and an exhausted day pauses sending until the next UTC day.
 */
public class GhlBudget {

    private static final Logger LOG = LoggerFactory.getLogger(GhlBudget.class);

    private final Clock clock;
    private final int dailyMax;
    private final long burstPeriodMillis;
    private final long maxRetryAfterMillis;
    private final int burstMax;
    private final Map<String, LocationBudget> locations = new ConcurrentHashMap<>();
    private final java.util.List<java.util.function.Consumer<String>> locationListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    public GhlBudget(Clock clock, int dailyMax, long burstPeriodMillis, long maxRetryAfterMillis) {
        this(clock, dailyMax, Integer.MAX_VALUE, burstPeriodMillis, maxRetryAfterMillis);
    }

    /**
     * @param burstMax sends per {@code burstPeriodMillis} and location (sliding window): a call beyond it is told to
     *     wait instead of blocking a thread in the throttle, so a busy location never ties up shared threads
     */
    public GhlBudget(Clock clock, int dailyMax, int burstMax, long burstPeriodMillis, long maxRetryAfterMillis) {
        this.burstMax = burstMax;
        this.clock = clock;
        this.dailyMax = dailyMax;
        this.burstPeriodMillis = burstPeriodMillis;
        this.maxRetryAfterMillis = maxRetryAfterMillis;
    }

    /** Live numbers of one location, exposed to metrics and the monitor. */
    public static final class LocationBudget {
        volatile long pausedUntilMillis;
        volatile long burstRemaining = -1;
        volatile long burstMax = -1;
        volatile long dailyRemaining = -1;
        volatile LocalDate day;
        final AtomicLong sentToday = new AtomicLong();
        final AtomicLong sentTotal = new AtomicLong();
        final AtomicLong rateLimited = new AtomicLong();
        final java.util.ArrayDeque<Long> window = new java.util.ArrayDeque<>();

        public long burstRemaining() {
            return burstRemaining;
        }

        public long burstMax() {
            return burstMax;
        }

        public long dailyRemaining() {
            return dailyRemaining;
        }

        public long sentToday() {
            return sentToday.get();
        }

        public long sentTotal() {
            return sentTotal.get();
        }

        public long rateLimited() {
            return rateLimited.get();
        }

        public long pausedUntilMillis() {
            return pausedUntilMillis;
        }

        /** UTC day {@link #sentToday()} counts (null before the first call); older than today = nothing sent today. */
        public LocalDate day() {
            return day;
        }
    }

    public Map<String, LocationBudget> locations() {
        return Map.copyOf(locations);
    }

    /** The live numbers of one location (created empty when it has not been used yet). */
    public LocationBudget location(String locationId) {
        return of(locationId);
    }

    /** Called once for every location when its budget is first used (e.g. to register its metrics). */
    public void onNewLocation(java.util.function.Consumer<String> listener) {
        locationListeners.add(listener);
    }

    LocationBudget of(String locationId) {
        String key = locationId == null ? "" : locationId;
        LocationBudget b = locations.get(key);
        if (b != null) {
            return b;
        }
        LocationBudget fresh = new LocationBudget();
        b = locations.putIfAbsent(key, fresh);
        if (b != null) {
            return b;
        }
        locationListeners.forEach(l -> l.accept(key));
        return fresh;
    }

    /**
     * How long a call to this location must wait before it may be sent (0 = now). Counts the call against the
     * day when it may go.
     */
    public long delayBeforeSend(String locationId) {
        LocationBudget b = of(locationId);
        long now = clock.millis();
        if (b.pausedUntilMillis > now) {
            return b.pausedUntilMillis - now;
        }
        LocalDate today = LocalDate.ofInstant(Instant.ofEpochMilli(now), ZoneOffset.UTC);
        synchronized (b) {
            if (!today.equals(b.day)) {
                b.day = today;
                b.sentToday.set(0);
            }
            while (!b.window.isEmpty() && b.window.peekFirst() + burstPeriodMillis <= now) {
                b.window.pollFirst();
            }
            if (b.window.size() >= burstMax) {
                return Math.max(1, b.window.peekFirst() + burstPeriodMillis - now); // its burst window is full
            }
            boolean dayExhausted = b.sentToday.get() >= dailyMax || b.dailyRemaining == 0;
            if (dayExhausted) {
                long nextDay = today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
                b.pausedUntilMillis = nextDay;
                LOG.warn("GHL daily budget of location {} is used up; sending resumes at the next UTC day",
                        locationId);
                return nextDay - now;
            }
            b.sentToday.incrementAndGet();
            b.sentTotal.incrementAndGet();
            if (burstMax != Integer.MAX_VALUE) {
                b.window.addLast(now);
            }
        }
        return 0;
    }

    /** Blocks the calling worker while the location is paused. */
    public void awaitPermit(String locationId) throws InterruptedException {
        long delay;
        while ((delay = delayBeforeSend(locationId)) > 0) {
            Thread.sleep(Math.min(delay, 1000));
        }
    }

    /** Reads GHL's X-RateLimit-* headers of any response. */
    public void onResponse(String locationId, Map<String, Object> headers) {
        LocationBudget b = of(locationId);
        Long burst = number(headers, "X-RateLimit-Remaining");
        Long max = number(headers, "X-RateLimit-Max");
        Long daily = number(headers, "X-RateLimit-Daily-Remaining");
        if (burst != null) {
            b.burstRemaining = burst;
        }
        if (max != null) {
            b.burstMax = max;
        }
        if (daily != null) {
            b.dailyRemaining = daily;
        }
    }

    /**
     * A 429: every worker sending to this location pauses for Retry-After (bounded), or one burst window when GHL
     * gives none.
     *
     * @return the pause in ms
     */
    public long onRateLimited(String locationId, String retryAfterHeader) {
        LocationBudget b = of(locationId);
        b.rateLimited.incrementAndGet();
        long pause = RetryAfter.parseMillis(retryAfterHeader, clock).orElse(burstPeriodMillis);
        pause = Math.max(0, Math.min(pause, maxRetryAfterMillis));
        long until = clock.millis() + pause;
        synchronized (b) {
            if (until > b.pausedUntilMillis) {
                b.pausedUntilMillis = until;
            }
        }
        LOG.warn("GHL answered 429 for location {}: all sending paused for {} ms", locationId, pause);
        return pause;
    }

    private static Long number(Map<String, Object> headers, String name) {
        Object v = headers.get(name);
        if (v == null) {
            for (Map.Entry<String, Object> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    v = e.getValue();
                    break;
                }
            }
        }
        if (v == null) {
            return null;
        }
        try {
            return Long.parseLong(v.toString().trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
