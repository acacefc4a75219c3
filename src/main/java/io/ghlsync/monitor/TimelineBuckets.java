package io.ghlsync.monitor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the per-minute rows the database has (only minutes in which something finished) into one bucket for every
 * minute of the window, oldest first, so charts get an evenly spaced series with zeros where nothing happened.
 */
public final class TimelineBuckets {

    private TimelineBuckets() {}

    public static List<TimelineBucket> fill(TimelineWindow window, List<TimelineBucket> rows) {
        Map<Instant, TimelineBucket> byMinute = new HashMap<>();
        for (TimelineBucket row : rows) {
            Instant m = row.minute();
            // A row outside the window (clock moved between query and call) is dropped, never shifted.
            if (!m.isBefore(window.from()) && m.isBefore(window.to())) {
                byMinute.merge(m, row, TimelineBuckets::combineCounts);
            }
        }
        List<TimelineBucket> out = new ArrayList<>(window.minutes());
        for (int i = 0; i < window.minutes(); i++) {
            Instant minute = window.bucketStart(i);
            out.add(byMinute.getOrDefault(minute, TimelineBucket.empty(minute)));
        }
        return out;
    }

    /** The query groups by minute, so a minute appears once; should it not, counts still add up. */
    private static TimelineBucket combineCounts(TimelineBucket a, TimelineBucket b) {
        return new TimelineBucket(a.minute(), a.done() + b.done(), a.dead() + b.dead(),
                a.latencyP50Ms() != null ? a.latencyP50Ms() : b.latencyP50Ms(),
                a.latencyP95Ms() != null ? a.latencyP95Ms() : b.latencyP95Ms());
    }

    public static long totalDone(List<TimelineBucket> buckets) {
        return buckets.stream().mapToLong(TimelineBucket::done).sum();
    }

    public static long totalDead(List<TimelineBucket> buckets) {
        return buckets.stream().mapToLong(TimelineBucket::dead).sum();
    }
}
