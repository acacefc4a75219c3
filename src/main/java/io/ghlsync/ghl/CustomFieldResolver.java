package io.ghlsync.ghl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
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

    /** The contact fields the sync writes: resolved (or created) when the app is installed on a location. */
    public static final List<String> SYNC_KEYS = List.of("appointment_status", "next_appointment_date",
            "last_service_date");

    private final GhlApi ghl;
    private final GhlOperations operations;
    private final CustomFieldRepository repository;

    public CustomFieldResolver(GhlApi ghl, GhlOperations operations, CustomFieldRepository repository) {
        this.ghl = ghl;
        this.operations = operations;
        this.repository = repository;
    }

    public String resolve(String locationId, String key) {
        return resolveAll(locationId, List.of(key)).get(key);
    }

    /** Ids of several keys, with at most one list call for all keys not yet stored. */
    // synchronized: two events of a new location must not both create the same custom field in GHL
    public synchronized Map<String, String> resolveAll(String locationId, Collection<String> keys) {
        Map<String, String> ids = new LinkedHashMap<>();
        Map<String, String> listed = null;
        for (String key : keys) {
            Optional<String> cached = repository.find(locationId, key);
            if (cached.isPresent()) {
                ids.put(key, cached.get());
                continue;
            }
            if (listed == null) {
                listed = listInGhl(locationId);
            }
            String fieldId = listed.containsKey(key) ? listed.get(key) : createOrFind(locationId, key);
            ids.put(key, repository.save(locationId, key, fieldId));
        }
        return ids;
    }

    /** The location's contact fields by our key (fieldKey without its "contact." prefix). */
    private Map<String, String> listInGhl(String locationId) {
        JsonNode fields = ghl.call(operations.listCustomFields(locationId)).body().path("customFields");
        Map<String, String> byKey = new HashMap<>();
        for (JsonNode field : fields) {
            String fieldKey = field.path("fieldKey").asText("").toLowerCase(Locale.ROOT);
            if (fieldKey.startsWith("contact.") && field.hasNonNull("id")) {
                byKey.putIfAbsent(fieldKey.substring("contact.".length()), field.get("id").asText());
            }
        }
        return byKey;
    }

    /**
     * Creates the field; when GHL refuses because the key exists (another worker or instance created it since our
     * list call: every worker of a fresh location races here), the field it created is taken from a new list.
     */
    private String createOrFind(String locationId, String key) {
        try {
            return create(locationId, key);
        } catch (GhlException e) {
            if (e.httpStatus() != 400) {
                throw e;
            }
            String existing = listInGhl(locationId).get(key);
            if (existing == null) {
                throw e;
            }
            return existing;
        }
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
