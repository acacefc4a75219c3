package io.ghlsync.ghl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the GHL id of one of our contact custom fields (key such as {@code appointment_status}) in a location: from
 * the ghl_custom_fields table, else from GHL's list of the location's fields (fieldKey {@code contact.<key>}), else by
 * creating the field. Whatever GHL answered is stored, so each location costs GHL calls once.
 */
public class CustomFieldResolver {

    /** Display names GHL derives the fieldKey from (lower case, spaces become underscores). */
    private static final Map<String, String> NAMES = Map.of(
            "appointment_status", "Appointment Status",
            "next_appointment_date", "Next Appointment Date",
            "last_service_date", "Last Service Date");

    private final GhlApi ghl;
    private final GhlOperations operations;
    private final CustomFieldRepository repository;

    public CustomFieldResolver(GhlApi ghl, GhlOperations operations, CustomFieldRepository repository) {
        this.ghl = ghl;
        this.operations = operations;
        this.repository = repository;
    }

    public String resolve(String locationId, String key) {
        Optional<String> cached = repository.find(locationId, key);
        if (cached.isPresent()) {
            return cached.get();
        }
        String fieldId = findInGhl(locationId, key).orElseGet(() -> create(locationId, key));
        return repository.save(locationId, key, fieldId);
    }

    private Optional<String> findInGhl(String locationId, String key) {
        JsonNode fields = ghl.call(operations.listCustomFields(locationId)).body().path("customFields");
        String wanted = "contact." + key;
        for (JsonNode field : fields) {
            if (wanted.equalsIgnoreCase(field.path("fieldKey").asText()) && field.hasNonNull("id")) {
                return Optional.of(field.get("id").asText());
            }
        }
        return Optional.empty();
    }

    private String create(String locationId, String key) {
        String name = NAMES.getOrDefault(key, key.replace('_', ' ').toLowerCase(Locale.ROOT));
        JsonNode created = ghl.call(operations.createCustomField(locationId, name)).body().path("customField");
        if (!created.hasNonNull("id")) {
            throw new GhlException("GHL created custom field " + key + " but returned no id", 0, true,
                    "unexpected_response", 0, null);
        }
        return created.get("id").asText();
    }
}
