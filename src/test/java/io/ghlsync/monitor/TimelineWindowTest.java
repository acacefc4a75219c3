package io.ghlsync.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ghlsync.config.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimelineWindowTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-03-01T10:15:42.5Z"), ZoneOffset.UTC);

    @Test
    void defaultIsTheLastHourEndingWithTheCurrentMinute() {
        TimelineWindow w = TimelineWindow.parse(Map.of(), clock);

        assertThat(w.minutes()).isEqualTo(60);
        assertThat(w.to()).isEqualTo(Instant.parse("2026-03-01T10:16:00Z"));
        assertThat(w.from()).isEqualTo(Instant.parse("2026-03-01T09:16:00Z"));
        assertThat(w.bucketStart(59)).isEqualTo(Instant.parse("2026-03-01T10:15:00Z"));
    }

    @Test
    void acceptsOneMinuteUpToOneDay() {
        assertThat(TimelineWindow.parse(Map.of("minutes", "1"), clock).from())
                .isEqualTo(Instant.parse("2026-03-01T10:15:00Z"));
        assertThat(TimelineWindow.parse(Map.of("minutes", " 1440 "), clock).from())
                .isEqualTo(Instant.parse("2026-02-28T10:16:00Z"));
    }

    @Test
    void rejectsMinutesOutsideTheRangeOrNotANumber() {
        for (String bad : new String[] {"0", "1441", "-5", "abc", "1.5", "99999999999"}) {
            assertThatThrownBy(() -> TimelineWindow.parse(Map.of("minutes", bad), clock))
                    .as(bad)
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.details()).singleElement()
                                .satisfies(d -> assertThat(d.field()).isEqualTo("query.minutes"));
                    });
        }
    }

    @Test
    void rejectsUnknownParametersByName() {
        assertThatThrownBy(() -> TimelineWindow.parse(Map.of("minutes", "30", "hours", "2"), clock))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.details()).extracting(ApiException.FieldError::field).containsExactly("query.hours");
                });
    }
}
