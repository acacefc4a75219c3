package io.ghlsync.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ghlsync.config.ApiException;
import io.ghlsync.config.Json;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AppointmentEditTest {

    private static final OffsetDateTime START = OffsetDateTime.parse("2025-03-14T08:00:00Z");

    private static Appointment current() {
        return new Appointment(UUID.randomUUID(), UUID.randomUUID(), null, UUID.randomUUID(), "loc", "Onderhoud",
                START, START.plusMinutes(90), "Kerkstraat 1", null, AppointmentStatus.SCHEDULED, null, null, 3,
                START, START);
    }

    private static AppointmentEdit edit(String json) throws Exception {
        return AppointmentEdit.of(current(), Json.MAPPER.readTree(json));
    }

    @Test
    void newStartAloneKeepsTheLength() throws Exception {
        AppointmentEdit e = edit("{\"startTime\":\"2025-03-15T14:00:00+01:00\"}");
        assertThat(e.edited().endTime().toInstant()).isEqualTo(OffsetDateTime.parse("2025-03-15T14:30:00Z").toInstant());
        assertThat(e.reschedules()).isTrue();
        assertThat(e.changes().toString()).isEqualTo("""
                {"startTime":{"from":"2025-03-14T08:00:00Z","to":"2025-03-15T13:00:00Z"},\
                "endTime":{"from":"2025-03-14T09:30:00Z","to":"2025-03-15T14:30:00Z"}}""");
    }

    @Test
    void sameMomentInAnotherOffsetIsNoChange() throws Exception {
        AppointmentEdit e = edit("{\"startTime\":\"2025-03-14T09:00:00+01:00\",\"serviceType\":\"Onderhoud\"}");
        assertThat(e.changesNothing()).isTrue();
        assertThat(e.reschedules()).isFalse();
    }

    @Test
    void onlyChangedFieldsAreListed() throws Exception {
        AppointmentEdit e = edit("{\"serviceType\":\"Reparatie\",\"address\":\"Kerkstraat 1\",\"notes\":\"bel aan\"}");
        assertThat(e.changes().toString()).isEqualTo("""
                {"serviceType":{"from":"Onderhoud","to":"Reparatie"},"notes":{"from":null,"to":"bel aan"}}""");
        assertThat(e.reschedules()).isFalse();
        assertThat(e.edited().version()).isEqualTo(3);
    }

    @Test
    void nullClearsAnOptionalField() throws Exception {
        AppointmentEdit e = edit("{\"address\":null}");
        assertThat(e.edited().address()).isNull();
        assertThat(e.changes().get("address").get("from").asText()).isEqualTo("Kerkstraat 1");
    }

    @Test
    void endBeforeTheCurrentStartIsRejected() {
        assertThatThrownBy(() -> edit("{\"endTime\":\"2025-03-14T07:00:00Z\"}"))
                .isInstanceOfSatisfying(ApiException.class, ex -> {
                    assertThat(ex.status()).isEqualTo(400);
                    assertThat(ex.details()).extracting(ApiException.FieldError::field).containsExactly("endTime");
                });
    }
}
