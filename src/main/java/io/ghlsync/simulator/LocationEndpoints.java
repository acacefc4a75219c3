package io.ghlsync.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ghlsync.config.Json;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** /locations/{locationId}/customFields (Version 2021-07-28): custom field definitions. */
final class LocationEndpoints {

    /** locations.json CreateCustomFieldsDTO. */
    private static final Set<String> CREATE_ALLOWED = Set.of("name", "dataType", "placeholder", "acceptedFormat",
            "isMultipleFile", "maxNumberOfFiles", "textBoxListOptions", "position", "model");
    private static final List<String> MODELS = List.of("contact", "opportunity");

    private final SimulatorState state;

    LocationEndpoints(SimulatorState state) {
        this.state = state;
    }

    /** GET: the location's definitions, filtered by ?model=contact|opportunity (all when absent or "all"). */
    SimResponse listCustomFields(Call call) {
        String locationId = call.param(0);
        String model = call.query().getOrDefault("model", "all");
        if (!model.equals("all") && !MODELS.contains(model)) {
            throw SimulatorError.unprocessable("model must be one of the following values: contact, opportunity, all");
        }
        return state.locked(() -> {
            ObjectNode response = Json.MAPPER.createObjectNode();
            var list = response.putArray("customFields");
            state.customFields.values().stream()
                    .filter(f -> locationId.equals(f.path("locationId").asText()))
                    .filter(f -> model.equals("all") || model.equals(f.path("model").asText()))
                    .forEach(f -> list.add(f.deepCopy()));
            return SimResponse.of(200, response);
        });
    }

    /** POST: 201 {customField}; fieldKey = model + "." + lower-cased name with spaces as underscores. */
    SimResponse createCustomField(Call call) {
        String locationId = call.param(0);
        return state.locked(() -> {
            BodyCheck check = new BodyCheck(call.body(), CREATE_ALLOWED);
            String name = check.requiredString("name");
            String dataType = check.requiredString("dataType");
            String placeholder = check.optionalString("placeholder");
            check.oneOf("model", MODELS);
            check.optionalNumber("position");
            check.optionalNumber("maxNumberOfFiles");
            check.optionalBoolean("isMultipleFile");
            check.done();
            String model = call.body().path("model").asText("contact");
            String fieldKey = model + "." + name.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", "_");
            boolean taken = state.customFields.values().stream()
                    .anyMatch(f -> locationId.equals(f.path("locationId").asText())
                            && fieldKey.equals(f.path("fieldKey").asText()));
            if (taken) {
                throw SimulatorError.badRequest("Custom field with key " + fieldKey + " already exists");
            }
            ObjectNode field = Json.MAPPER.createObjectNode();
            field.put("id", Ids.newId());
            field.put("name", name);
            field.put("fieldKey", fieldKey);
            ContactEndpoints.putIfNotNull(field, "placeholder", placeholder);
            field.put("dataType", dataType);
            field.put("position", call.body().path("position").asInt(0));
            field.putArray("picklistOptions");
            field.put("locationId", locationId);
            field.put("model", model);
            state.customFields.put(field.get("id").asText(), field);
            return SimResponse.of(201, ContactEndpoints.wrap("customField", field.deepCopy()));
        });
    }
}
