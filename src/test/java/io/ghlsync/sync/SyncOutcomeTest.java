package io.ghlsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.ghlsync.config.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyncOutcomeTest {

    private static SyncOutcome confirm() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("appointment_status", "confirmed");
        fields.put("next_appointment_date", "2024-01-20");
        return new SyncOutcome("ghl_contact_123", true, true, true, List.of("appointment-confirmed"), fields);
    }

    @Test
    void syncDetailsHaveTheOriginalShape() throws Exception {
        assertThat(confirm().toJson()).isEqualTo(Json.MAPPER.readTree("""
                {"notesCreated": true, "contactUpdated": true, "taskCreated": true,
                 "tagsApplied": ["appointment-confirmed"],
                 "customFieldsUpdated": {"appointment_status": "confirmed", "next_appointment_date": "2024-01-20"}}"""));
    }

    @Test
    void jacksonWritesTheContactIdBesideTheSyncDetails() throws Exception {
        assertThat(Json.MAPPER.valueToTree(confirm()).toString()).isEqualTo(Json.MAPPER.readTree("""
                {"ghlContactId": "ghl_contact_123",
                 "syncDetails": {"notesCreated": true, "contactUpdated": true, "taskCreated": true,
                   "tagsApplied": ["appointment-confirmed"],
                   "customFieldsUpdated": {"appointment_status": "confirmed",
                                           "next_appointment_date": "2024-01-20"}}}""").toString());
    }

    @Test
    void emptyOutcomeStillCarriesEveryField() {
        SyncOutcome none = new SyncOutcome("c", false, false, false, List.of(), Map.of());

        assertThat(none.toJson().has("tagsApplied")).isTrue();
        assertThat(none.toJson().get("customFieldsUpdated").isObject()).isTrue();
    }
}
