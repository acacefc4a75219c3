package io.ghlsync.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineBucketsTest {

    private final TimelineWindow window = TimelineWindow.lastMinutes(5, Instant.parse("2026-03-01T10:15:20Z"));

    @Test
    void everyMinuteOfTheWindowGetsABucketOldestFirstWithZerosWhereNothingFinished() {
        List<TimelineBucket> rows = List.of(
                new TimelineBucket(Instant.parse("2026-03-01T10:12:00Z"), 4, 1, 800.0, 1900.0),
                new TimelineBucket(Instant.parse("2026-03-01T10:15:00Z"), 2, 0, 300.0, 450.0));

        List<TimelineBucket> buckets = TimelineBuckets.fill(window, rows);

        assertThat(buckets).extracting(TimelineBucket::minute).containsExactly(
                Instant.parse("2026-03-01T10:11:00Z"), Instant.parse("2026-03-01T10:12:00Z"),
                Instant.parse("2026-03-01T10:13:00Z"), Instant.parse("2026-03-01T10:14:00Z"),
                Instant.parse("2026-03-01T10:15:00Z"));
        assertThat(buckets).extracting(TimelineBucket::done).containsExactly(0L, 4L, 0L, 0L, 2L);
        assertThat(buckets).extracting(TimelineBucket::dead).containsExactly(0L, 1L, 0L, 0L, 0L);
        assertThat(buckets).extracting(TimelineBucket::latencyP95Ms).containsExactly(null, 1900.0, null, null, 450.0);
        assertThat(TimelineBuckets.totalDone(buckets)).isEqualTo(6);
        assertThat(TimelineBuckets.totalDead(buckets)).isEqualTo(1);
    }

    @Test
    void rowsOutsideTheWindowAreDroppedNotShifted() {
        List<TimelineBucket> rows = List.of(
                new TimelineBucket(Instant.parse("2026-03-01T10:10:00Z"), 7, 7, 1.0, 1.0),
                new TimelineBucket(Instant.parse("2026-03-01T10:16:00Z"), 9, 9, 1.0, 1.0));

        List<TimelineBucket> buckets = TimelineBuckets.fill(window, rows);

        assertThat(buckets).hasSize(5);
        assertThat(TimelineBuckets.totalDone(buckets)).isZero();
        assertThat(TimelineBuckets.totalDead(buckets)).isZero();
    }

    @Test
    void aMinuteReportedTwiceAddsItsCounts() {
        Instant m = Instant.parse("2026-03-01T10:13:00Z");
        List<TimelineBucket> buckets = TimelineBuckets.fill(window, List.of(
                new TimelineBucket(m, 1, 0, null, null), new TimelineBucket(m, 2, 3, 50.0, 90.0)));

        assertThat(buckets.get(2)).isEqualTo(new TimelineBucket(m, 3, 3, 50.0, 90.0));
    }
}
