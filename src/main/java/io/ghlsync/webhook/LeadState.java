package io.ghlsync.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.ghlsync.config.Json;
import java.time.Instant;
import java.util.Objects;

/** The lead columns a GHL contact event can change. */
public record LeadState(String contactId, String locationId, String name, String email, String phone, String address,
        JsonNode tags, Instant ghlDateUpdated) {

    public static final JsonNode NO_TAGS = Json.MAPPER.createArrayNode();

    /** Same visible data (the GHL update time alone is not a change). */
    public boolean sameData(LeadState o) {
        return Objects.equals(contactId, o.contactId) && Objects.equals(locationId, o.locationId)
                && Objects.equals(name, o.name) && Objects.equals(email, o.email) && Objects.equals(phone, o.phone)
                && Objects.equals(address, o.address) && Objects.equals(tags, o.tags);
    }

    /**
     * This state with what a GHL contact payload carries. Fields the payload omits keep their value, since GHL does
     * not promise that ContactUpdate carries the full record.
     *
     * @param tagsOnly ContactTagUpdate: only the tags are taken over
     */
    public LeadState with(JsonNode contact, String eventLocationId, boolean tagsOnly) {
        JsonNode newTags = contact.get("tags") instanceof ArrayNode a ? a : tags;
        Instant updated = GhlTimes.parse(contact, "dateUpdated");
        Instant newUpdated = updated != null ? updated : ghlDateUpdated;
        String cid = GhlEvent.text(contact, "id");
        if (tagsOnly) {
            return new LeadState(contactId, locationId, name, email, phone, address, newTags, newUpdated);
        }
        return new LeadState(
                cid != null ? cid : contactId,
                eventLocationId != null ? eventLocationId : locationId,
                or(name(contact), name),
                or(GhlEvent.text(contact, "email"), email),
                or(GhlEvent.text(contact, "phone"), phone),
                or(GhlEvent.text(contact, "address1"), address),
                newTags,
                newUpdated);
    }

    /** A new lead from a GHL contact. */
    public static LeadState fromContact(JsonNode contact, String eventLocationId) {
        Instant updated = GhlTimes.parse(contact, "dateUpdated");
        LeadState empty = new LeadState(null, null, null, null, null, null, NO_TAGS,
                updated != null ? updated : GhlTimes.parse(contact, "dateAdded"));
        return empty.with(contact, eventLocationId, false);
    }

    /** name, else "firstName lastName". */
    static String name(JsonNode contact) {
        String full = GhlEvent.text(contact, "name");
        if (full != null && !full.isBlank()) {
            return full.trim();
        }
        String first = GhlEvent.text(contact, "firstName");
        String last = GhlEvent.text(contact, "lastName");
        String joined = ((first == null ? "" : first.trim()) + " " + (last == null ? "" : last.trim())).trim();
        return joined.isEmpty() ? null : joined;
    }

    private static String or(String value, String fallback) {
        return value != null && !value.isBlank() ? value : fallback;
    }
}
