package io.ghlsync.ghl;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ghlsync.config.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Map;

/**
 * Builds every GHL request ghl-sync sends. Bodies carry only properties GHL's OpenAPI declares for the operation
 * (GHL rejects unknown ones with 422), and each family gets the {@code Version} its operations declare.
 */
public class GhlOperations {

    /** Appointment times as GHL's examples show them: ISO-8601 with seconds and an offset. */
    private static final DateTimeFormatter APPOINTMENT_TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private final String contactsVersion;
    private final String calendarsVersion;
    private final String locationsVersion;

    public GhlOperations(String contactsVersion, String calendarsVersion, String locationsVersion) {
        this.contactsVersion = contactsVersion;
        this.calendarsVersion = calendarsVersion;
        this.locationsVersion = locationsVersion;
    }

    /** POST /contacts/upsert: finds the contact by email/phone (location's duplicate rules) or creates it. */
    public GhlRequest upsertContact(String locationId, ContactDraft contact, String source) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("locationId", locationId);
        putIfPresent(body, "firstName", contact.firstName());
        putIfPresent(body, "lastName", contact.lastName());
        putIfPresent(body, "email", contact.email());
        putIfPresent(body, "phone", contact.phone());
        putIfPresent(body, "address1", contact.address1());
        putIfPresent(body, "source", source);
        return contacts("contacts.upsert", "POST", "/contacts/upsert", body, locationId);
    }

    public GhlRequest addNote(String locationId, String contactId, String text) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("body", text);
        return contacts("contacts.addNote", "POST", "/contacts/" + seg(contactId) + "/notes", body, locationId);
    }

    /**
     * PUT /contacts/{id} with only {@code customFields}: tags are never sent here because PUT replaces all of them.
     *
     * @param valuesByFieldId GHL custom-field id to value; values are always strings
     */
    public GhlRequest updateContactCustomFields(String locationId, String contactId, Map<String, String> valuesByFieldId) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode fields = body.putArray("customFields");
        valuesByFieldId.forEach((id, value) -> fields.addObject().put("id", id).put("field_value", value));
        return contacts("contacts.updateCustomFields", "PUT", "/contacts/" + seg(contactId), body, locationId);
    }

    public GhlRequest addTags(String locationId, String contactId, Collection<String> tags) {
        return contacts("contacts.addTags", "POST", "/contacts/" + seg(contactId) + "/tags", tagsBody(tags), locationId);
    }

    /** DELETE with a JSON body, as GHL's remove-tags operation requires. */
    public GhlRequest removeTags(String locationId, String contactId, Collection<String> tags) {
        return contacts("contacts.removeTags", "DELETE", "/contacts/" + seg(contactId) + "/tags", tagsBody(tags),
                locationId);
    }

    public GhlRequest createTask(String locationId, String contactId, String title, String description, Instant due) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("title", title);
        putIfPresent(body, "body", description);
        body.put("dueDate", dueDate(due));
        body.put("completed", false);
        return contacts("contacts.createTask", "POST", "/contacts/" + seg(contactId) + "/tasks", body, locationId);
    }

    /** Moves a task's due date (a rescheduled appointment's reminder). */
    public GhlRequest updateTask(String locationId, String contactId, String taskId, Instant due) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("dueDate", dueDate(due));
        return contacts("contacts.updateTask", "PUT", "/contacts/" + seg(contactId) + "/tasks/" + seg(taskId), body,
                locationId);
    }

    /** GET /locations/{id}/customFields, contact fields only. */
    public GhlRequest listCustomFields(String locationId) {
        return new GhlRequest("locations.listCustomFields", "GET", "/locations/" + seg(locationId) + "/customFields",
                Map.of("model", "contact"), locationsVersion, null, locationId);
    }

    /** POST /locations/{id}/customFields: a contact text field; GHL derives its fieldKey from the name. */
    public GhlRequest createCustomField(String locationId, String name) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("name", name);
        body.put("dataType", "TEXT");
        body.put("model", "contact");
        return new GhlRequest("locations.createCustomField", "POST", "/locations/" + seg(locationId) + "/customFields",
                Map.of(), locationsVersion, body, locationId);
    }

    /**
     * POST /calendars/events/appointments for a booking already accepted elsewhere: free-slot rules are not applied
     * and GHL sends no notifications of its own.
     *
     * @param status one of GHL's write values (new, confirmed, cancelled, showed, noshow)
     */
    public GhlRequest createCalendarAppointment(String locationId, String calendarId, String contactId, String title,
            OffsetDateTime start, OffsetDateTime end, String status, String address) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("calendarId", calendarId);
        body.put("locationId", locationId);
        body.put("contactId", contactId);
        body.put("startTime", time(start));
        body.put("endTime", time(end));
        putIfPresent(body, "title", title);
        body.put("appointmentStatus", status);
        putIfPresent(body, "address", address);
        body.put("ignoreFreeSlotValidation", true);
        body.put("toNotify", false);
        return new GhlRequest("calendars.createAppointment", "POST", "/calendars/events/appointments", Map.of(),
                calendarsVersion, body, locationId);
    }

    public GhlRequest updateCalendarAppointment(String locationId, String eventId, OffsetDateTime start,
            OffsetDateTime end, String status) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("startTime", time(start));
        body.put("endTime", time(end));
        body.put("appointmentStatus", status);
        body.put("ignoreFreeSlotValidation", true);
        body.put("toNotify", false);
        return new GhlRequest("calendars.updateAppointment", "PUT", "/calendars/events/appointments/" + seg(eventId),
                Map.of(), calendarsVersion, body, locationId);
    }

    /** Task due dates in ISO-8601 UTC with whole seconds, e.g. 2020-10-25T11:00:00Z. */
    public static String dueDate(Instant due) {
        return due.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String time(OffsetDateTime t) {
        return APPOINTMENT_TIME.format(t.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS));
    }

    private GhlRequest contacts(String operation, String method, String path, ObjectNode body, String locationId) {
        return new GhlRequest(operation, method, path, Map.of(), contactsVersion, body, locationId);
    }

    private static ObjectNode tagsBody(Collection<String> tags) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode array = body.putArray("tags");
        tags.forEach(array::add);
        return body;
    }

    private static void putIfPresent(ObjectNode body, String name, String value) {
        if (value != null) {
            body.put(name, value);
        }
    }

    /** Ids are opaque GHL strings; encode them so one can never change the path. */
    static String seg(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
