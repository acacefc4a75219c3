package io.ghlsync.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ghlsync.config.ApiException;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DeadLetterFilterTest {

    @Test
    void emptyFilterMatchesEverythingUpToTheDefaultLimit() {
        DeadLetterFilter f = DeadLetterFilter.parse(Map.of(), "query");
        assertThat(f).isEqualTo(DeadLetterFilter.none(DeadLetterFilter.DEFAULT_LIMIT));
        assertThat(f.olderThanSeconds()).isNull();
    }

    @Test
    void readsEveryField() {
        UUID id = UUID.randomUUID();
        DeadLetterFilter f = DeadLetterFilter.parse(Map.of("appointmentId", id.toString(), "action", "cancel",
                "errorClass", "RateLimited", "olderThanMinutes", "15", "status", "parked", "limit", "5"), "query");
        assertThat(f).isEqualTo(new DeadLetterFilter(id, "cancel", "RateLimited", 15, "PARKED", 5));
        assertThat(f.olderThanSeconds()).isEqualTo(900);
    }

    @Test
    void everyBadFieldIsReportedAtOnce() {
        assertThatThrownBy(() -> DeadLetterFilter.parse(Map.of("appointmentId", "x", "action", "delete",
                "olderThanMinutes", "-1", "status", "GONE", "limit", "5000", "sort", "id"), "body"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.details()).extracting(ApiException.FieldError::field).containsExactlyInAnyOrder(
                            "body.appointmentId", "body.action", "body.olderThanMinutes", "body.status",
                            "body.limit", "body.sort");
                });
    }
}
