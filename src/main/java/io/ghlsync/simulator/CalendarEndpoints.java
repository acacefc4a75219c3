package io.ghlsync.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ghlsync.config.Json;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** /calendars/events/** (Version 2021-04-15): appointments. */
final class CalendarEndpoints {

    /** calendars.json AppointmentEditSchema; the create schema adds locationId and contactId. */
    private static final Set<String> EDIT_ALLOWED = Set.of("title", "meetingLocationType", "meetingLocationId",
            "overrideLocationConfig", "appointmentStatus", "assignedUserId", "description", "address",
            "ignoreDateRange", "toNotify", "ignoreFreeSlotValidation", "rrule", "calendarId", "startTime", "endTime");
    private static final Set<String> CREATE_ALLOWED = with(EDIT_ALLOWED, "locationId", "contactId");
    private static final List<String> STATUSES = List.of("new", "confirmed", "cancelled", "showed", "noshow", "invalid");
    private static final List<String> LOCATION_TYPES =
            List.of("custom", "zoom", "gmeet", "phone", "address", "ms_teams", "google");
    /** Fields of the create/update response (AppointmentSchemaResponse). */
    private static final List<String> RESPONSE_FIELDS = List.of("id", "calendarId", "locationId", "contactId",
            "startTime", "endTime", "title", "meetingLocationType", "appointmentStatus", "assignedUserId", "address",
            "isRecurring", "rrule");
    /** GHL's end time when none is given is the calendar's slot length; the simulator assumes 30 minutes. */
    static final Duration DEFAULT_LENGTH = Duration.ofMinutes(30);

    private final SimulatorState state;

    CalendarEndpoints(SimulatorState state) {
        this.state = state;
    }

    /** POST /calendars/events/appointments → 200 AppointmentSchemaResponse (not wrapped), as the spec declares. */
    SimResponse create(Call call) {
        return state.locked(() -> {
            BodyCheck check = new BodyCheck(call.body(), CREATE_ALLOWED);
            String calendarId = check.requiredString("calendarId");
            String locationId = check.requiredString("locationId");
            String contactId = check.requiredString("contactId");
            check.requiredString("startTime");
            checkCommon(check);
            check.done();
            if (!state.contacts.containsKey(contactId)) {
                throw SimulatorError.badRequest("Contact with id " + contactId + " not found");
            }
            ObjectNode event = Json.MAPPER.createObjectNode();
            event.put("id", Ids.newId());
            event.put("title", "");
            event.put("calendarId", calendarId);
            event.put("locationId", locationId);
            event.put("contactId", contactId);
            event.put("groupId", "");
            event.put("appointmentStatus", "confirmed");
            event.put("assignedUserId", "");
            event.putArray("users");
            event.put("notes", "");
            event.put("isRecurring", false);
            event.put("meetingLocationType", "default");
            event.put("dateAdded", call.nowText());
            event.putObject("createdBy").put("source", "third_party");
            applyEdit(event, call);
            if (!event.hasNonNull("endTime")) {
                event.put("endTime", OffsetDateTime.parse(event.get("startTime").asText()).plus(DEFAULT_LENGTH).toString());
            }
            state.appointments.put(event.get("id").asText(), event);
            return SimResponse.of(200, responseShape(event));
        });
    }

    /** PUT /calendars/events/appointments/{eventId}: only the listed fields change. */
    SimResponse update(Call call) {
        return state.locked(() -> {
            ObjectNode event = event(call.param(0));
            BodyCheck check = new BodyCheck(call.body(), EDIT_ALLOWED);
            checkCommon(check);
            check.done();
            applyEdit(event, call);
            return SimResponse.of(200, responseShape(event));
        });
    }

    /** GET /calendars/events/appointments/{eventId} → {event: CalendarEventDTO}. */
    SimResponse get(Call call) {
        return state.locked(() -> SimResponse.of(200, ContactEndpoints.wrap("event", event(call.param(0)).deepCopy())));
    }

    /** DELETE /calendars/events/{eventId} → 201 {succeeded: true}. */
    SimResponse delete(Call call) {
        return state.locked(() -> {
            event(call.param(0));
            state.appointments.remove(call.param(0));
            return SimResponse.of(201, Json.MAPPER.createObjectNode().put("succeeded", true));
        });
    }

    private ObjectNode event(String eventId) {
        ObjectNode event = state.appointments.get(eventId);
        if (event == null) {
            throw SimulatorError.badRequest("Appointment with id " + eventId + " not found");
        }
        return event;
    }

    private static void checkCommon(BodyCheck check) {
        for (String field : List.of("title", "meetingLocationId", "assignedUserId", "description", "address", "rrule",
                "calendarId", "startTime", "endTime")) {
            check.optionalString(field);
        }
        for (String field : List.of("overrideLocationConfig", "ignoreDateRange", "toNotify",
                "ignoreFreeSlotValidation")) {
            check.optionalBoolean(field);
        }
        check.oneOf("appointmentStatus", STATUSES);
        check.oneOf("meetingLocationType", LOCATION_TYPES);
        OffsetDateTime start = time(check, "startTime");
        OffsetDateTime end = time(check, "endTime");
        if (start != null && end != null && end.isBefore(start)) {
            check.problem("endTime must not be before startTime");
        }
    }

    private static OffsetDateTime time(BodyCheck check, String field) {
        JsonNode value = check.body().get(field);
        if (value == null || !value.isTextual()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.asText());
        } catch (DateTimeParseException e) {
            check.problem(field + " must be a valid ISO 8601 date string");
            return null;
        }
    }

    private static void applyEdit(ObjectNode event, Call call) {
        ObjectNode body = call.body();
        for (String field : List.of("title", "calendarId", "appointmentStatus", "assignedUserId", "description",
                "address", "startTime", "endTime", "meetingLocationType", "meetingLocationId", "rrule")) {
            JsonNode value = body.get(field);
            if (value != null && !value.isNull()) {
                event.set(field, value.deepCopy());
            }
        }
        if (body.hasNonNull("address") && !body.hasNonNull("meetingLocationType")) {
            event.put("meetingLocationType", "custom");
        }
        if (body.hasNonNull("rrule") && body.path("ignoreFreeSlotValidation").asBoolean(false)) {
            event.put("isRecurring", true);
        }
        event.put("dateUpdated", call.nowText());
    }

    private static ObjectNode responseShape(ObjectNode event) {
        ObjectNode response = Json.MAPPER.createObjectNode();
        for (String field : RESPONSE_FIELDS) {
            if (event.has(field)) {
                response.set(field, event.get(field).deepCopy());
            }
        }
        return response;
    }

    private static Set<String> with(Set<String> base, String... more) {
        Set<String> all = new HashSet<>(base);
        all.addAll(List.of(more));
        return Set.copyOf(all);
    }
}
