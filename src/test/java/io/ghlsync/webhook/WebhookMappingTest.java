package io.ghlsync.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ghlsync.config.Json;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebhookMappingTest {

    @Test
    void contentTypeMustBeJson() {
        assertThat(WebhookRequestCheck.isJson("application/json")).isTrue();
        assertThat(WebhookRequestCheck.isJson("Application/JSON; charset=utf-8")).isTrue();
        assertThat(WebhookRequestCheck.isJson("application/vnd.ghl+json")).isTrue();
        assertThat(WebhookRequestCheck.isJson("text/plain")).isFalse();
        assertThat(WebhookRequestCheck.isJson("application/x-www-form-urlencoded")).isFalse();
        assertThat(WebhookRequestCheck.isJson(null)).isFalse();
    }

    @Test
    void aContactBecomesALeadAndOmittedFieldsKeepTheirValue() {
        ObjectNode c = Json.MAPPER.createObjectNode().put("id", "C1").put("firstName", "John").put("lastName", "Deo")
                .put("email", "j@example.com").put("address1", "3535 1st St N").put("dateAdded", "2021-11-26T12:41:02.193Z");
        c.putArray("tags").add("a");
        LeadState lead = LeadState.fromContact(c, "L1");
        assertThat(lead.name()).isEqualTo("John Deo");
        assertThat(lead.address()).isEqualTo("3535 1st St N");
        assertThat(lead.locationId()).isEqualTo("L1");
        assertThat(lead.ghlDateUpdated()).isEqualTo(Instant.parse("2021-11-26T12:41:02.193Z"));

        LeadState updated = lead.with(Json.MAPPER.createObjectNode().put("id", "C1").put("phone", "+1555"), null, false);
        assertThat(updated.email()).isEqualTo("j@example.com");
        assertThat(updated.phone()).isEqualTo("+1555");
        assertThat(updated.tags()).isEqualTo(lead.tags());
        assertThat(updated.sameData(lead)).isFalse();
        assertThat(lead.with(c, "L1", false).sameData(lead)).isTrue();
    }

    @Test
    void aTagUpdateChangesOnlyTheTags() {
        ObjectNode c = Json.MAPPER.createObjectNode().put("id", "C1").put("name", "Other Name");
        c.putArray("tags").add("x").add("y");
        LeadState lead = new LeadState("C1", "L", "Name", "e@x", null, null, LeadState.NO_TAGS, null);
        LeadState next = lead.with(c, "L", true);
        assertThat(next.name()).isEqualTo("Name");
        assertThat(next.tags().toString()).isEqualTo("[\"x\",\"y\"]");
    }
}
