package io.ghlsync.webhook;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ghlsync.config.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class WebhookReplayWindowTest {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private final WebhookReplayWindow window =
            new WebhookReplayWindow(Duration.ofMinutes(75), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void timestampsWithinTheWindowEitherSidePass() {
        assertThatCode(() -> window.check(NOW.minus(Duration.ofMinutes(75)))).doesNotThrowAnyException();
        assertThatCode(() -> window.check(NOW.plus(Duration.ofMinutes(75)))).doesNotThrowAnyException();
        assertThatCode(() -> window.check(null)).doesNotThrowAnyException();
    }

    @Test
    void staleOrFutureTimestampsAreA401() {
        assertThatThrownBy(() -> window.check(NOW.minus(Duration.ofMinutes(75)).minusSeconds(1)))
                .isInstanceOf(ApiException.class).extracting(e -> ((ApiException) e).status()).isEqualTo(401);
        assertThatThrownBy(() -> window.check(NOW.plus(Duration.ofHours(2)))).isInstanceOf(ApiException.class);
    }
}
