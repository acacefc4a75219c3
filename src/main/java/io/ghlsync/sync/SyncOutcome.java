package io.ghlsync.sync;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ghlsync.config.Json;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Result of one sync event, as the original design reports it.
 *
 * @param notesCreated the event's note exists in GHL (written now or by an earlier attempt)
 * @param contactUpdated custom fields or tags of the contact were changed for this event
 * @param taskCreated a new task was created for this event (moving the reminder does not count)
 * @param tagsApplied tags the event makes sure the contact has
 * @param customFieldsUpdated custom-field values the event stands for, including ones GHL already had
 */
public record SyncOutcome(String ghlContactId, boolean notesCreated, boolean contactUpdated, boolean taskCreated,
        List<String> tagsApplied, Map<String, String> customFieldsUpdated) {

    public SyncOutcome {
        tagsApplied = List.copyOf(tagsApplied);
        customFieldsUpdated = Collections.unmodifiableMap(new LinkedHashMap<>(customFieldsUpdated));
    }

    /**
     * What the outbox row keeps as the event's result (and Jackson writes for this record):
     * {@code {"ghlContactId": ..., "syncDetails": {...}}}, the two parts of the original success response.
     */
    @JsonValue
    public ObjectNode toResult() {
        ObjectNode result = Json.MAPPER.createObjectNode();
        result.put("ghlContactId", ghlContactId);
        result.set("syncDetails", toJson());
        return result;
    }

    /** The original {@code syncDetails} object. */
    public ObjectNode toJson() {
        ObjectNode details = Json.MAPPER.createObjectNode();
        details.put("notesCreated", notesCreated);
        details.put("contactUpdated", contactUpdated);
        details.put("taskCreated", taskCreated);
        tagsApplied.forEach(details.putArray("tagsApplied")::add);
        ObjectNode fields = details.putObject("customFieldsUpdated");
        customFieldsUpdated.forEach(fields::put);
        return details;
    }
}
