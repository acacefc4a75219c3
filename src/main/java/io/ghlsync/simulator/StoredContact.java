package io.ghlsync.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ghlsync.config.Json;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** A contact as the simulator keeps it. Only touched while holding the state lock. */
final class StoredContact {

    final String id;
    final String locationId;
    final ObjectNode fields = Json.MAPPER.createObjectNode();
    final Set<String> tags = new LinkedHashSet<>();
    final Map<String, JsonNode> customFieldValues = new LinkedHashMap<>();
    final String dateAdded;
    String dateUpdated;

    StoredContact(String id, String locationId, String now) {
        this.id = id;
        this.locationId = locationId;
        this.dateAdded = now;
        this.dateUpdated = now;
    }

    String email() {
        JsonNode email = fields.get("email");
        return email == null || email.isNull() ? null : email.asText();
    }

    String phone() {
        JsonNode phone = fields.get("phone");
        return phone == null || phone.isNull() ? null : phone.asText();
    }

    /** The read shape of GET /contacts/{id}: tags as a list, custom fields as [{id, value}]. */
    ObjectNode toJson() {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("id", id);
        json.put("locationId", locationId);
        json.setAll(fields.deepCopy());
        String email = email();
        if (email != null) {
            json.put("emailLowerCase", email.toLowerCase(java.util.Locale.ROOT));
        }
        json.put("type", "lead");
        ArrayNode tagList = json.putArray("tags");
        tags.forEach(tagList::add);
        ArrayNode custom = json.putArray("customFields");
        customFieldValues.forEach((fieldId, value) -> custom.addObject().put("id", fieldId).set("value", value.deepCopy()));
        json.put("dateAdded", dateAdded);
        json.put("dateUpdated", dateUpdated);
        return json;
    }
}
