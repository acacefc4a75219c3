package io.ghlsync.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReplayScheduleTest {

    private final ReplaySchedule schedule = new ReplaySchedule(Duration.ofMinutes(5), Duration.ofHours(1), 3);

    @Test
    void delayDoublesWithEveryReplayUpToTheCap() {
        assertThat(schedule.delayAfter(0)).isEqualTo(Duration.ofMinutes(5));
        assertThat(schedule.delayAfter(1)).isEqualTo(Duration.ofMinutes(10));
        assertThat(schedule.delayAfter(2)).isEqualTo(Duration.ofMinutes(20));
        assertThat(schedule.delayAfter(3)).isEqualTo(Duration.ofMinutes(40));
        assertThat(schedule.delayAfter(4)).isEqualTo(Duration.ofHours(1));
        assertThat(schedule.delayAfter(500)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void nextReplayIsCountedFromTheFailure() {
        Instant failed = Instant.parse("2026-01-01T10:00:00Z");
        assertThat(schedule.nextReplayAt(failed, 2)).isEqualTo(Instant.parse("2026-01-01T10:20:00Z"));
    }

    @Test
    void entriesParkOnceTheyWereReplayedTheAllowedNumberOfTimes() {
        assertThat(schedule.parks(2)).isFalse();
        assertThat(schedule.parks(3)).isTrue();
        assertThat(new ReplaySchedule(Duration.ofSeconds(1), Duration.ofSeconds(1), 0).parks(0)).isTrue();
    }

    @Test
    void nonPositiveBaseDelayIsRejected() {
        assertThatThrownBy(() -> new ReplaySchedule(Duration.ZERO, Duration.ofMinutes(1), 3))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
