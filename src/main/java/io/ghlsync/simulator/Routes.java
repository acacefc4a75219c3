package io.ghlsync.simulator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** The simulated GHL operations: method + path pattern → operation id, Version value and handler. */
final class Routes {

    static final String CONTACTS_VERSION = "2021-07-28";
    static final String LOCATIONS_VERSION = "2021-07-28";
    static final String CALENDARS_VERSION = "2021-04-15";

    /** One operation; {@code operation} is GHL's operationId from the OpenAPI files. */
    record Route(String method, List<String> segments, String operation, String version,
            Function<Call, SimResponse> handler) {}

    record Match(Route route, List<String> params) {}

    private final List<Route> routes = new ArrayList<>();

    Routes(SimulatorState state) {
        ContactEndpoints contacts = new ContactEndpoints(state);
        LocationEndpoints locations = new LocationEndpoints(state);
        CalendarEndpoints calendars = new CalendarEndpoints(state);
        // Literal paths first: the first match wins.
        add("POST", "/contacts/upsert", "upsert-contact", CONTACTS_VERSION, contacts::upsert);
        add("GET", "/contacts/search/duplicate", "get-duplicate-contact", CONTACTS_VERSION, contacts::duplicate);
        add("POST", "/contacts", "create-contact", CONTACTS_VERSION, contacts::create);
        add("GET", "/contacts/{contactId}", "get-contact", CONTACTS_VERSION, contacts::get);
        add("PUT", "/contacts/{contactId}", "update-contact", CONTACTS_VERSION, contacts::update);
        add("POST", "/contacts/{contactId}/tags", "add-tags", CONTACTS_VERSION, contacts::addTags);
        add("DELETE", "/contacts/{contactId}/tags", "remove-tags", CONTACTS_VERSION, contacts::removeTags);
        add("POST", "/contacts/{contactId}/notes", "create-note", CONTACTS_VERSION, contacts::createNote);
        add("GET", "/contacts/{contactId}/notes", "get-all-notes", CONTACTS_VERSION, contacts::listNotes);
        add("POST", "/contacts/{contactId}/tasks", "create-task", CONTACTS_VERSION, contacts::createTask);
        add("GET", "/contacts/{contactId}/tasks", "get-all-tasks", CONTACTS_VERSION, contacts::listTasks);
        add("GET", "/contacts/{contactId}/tasks/{taskId}", "get-task", CONTACTS_VERSION, contacts::getTask);
        add("PUT", "/contacts/{contactId}/tasks/{taskId}", "update-task", CONTACTS_VERSION, contacts::updateTask);
        add("GET", "/locations/{locationId}/customFields", "get-custom-fields", LOCATIONS_VERSION,
                locations::listCustomFields);
        add("POST", "/locations/{locationId}/customFields", "create-custom-field", LOCATIONS_VERSION,
                locations::createCustomField);
        add("POST", "/calendars/events/appointments", "create-appointment", CALENDARS_VERSION, calendars::create);
        add("GET", "/calendars/events/appointments/{eventId}", "get-appointment", CALENDARS_VERSION, calendars::get);
        add("PUT", "/calendars/events/appointments/{eventId}", "edit-appointment", CALENDARS_VERSION,
                calendars::update);
        add("DELETE", "/calendars/events/{eventId}", "delete-event", CALENDARS_VERSION, calendars::delete);
    }

    private void add(String method, String pattern, String operation, String version,
            Function<Call, SimResponse> handler) {
        routes.add(new Route(method, segments(pattern), operation, version, handler));
    }

    /** Matches a decoded path; a trailing slash is ignored ("/contacts/" is "/contacts"). */
    Optional<Match> match(String method, String path) {
        List<String> actual = segments(path);
        for (Route route : routes) {
            if (!route.method().equals(method) || route.segments().size() != actual.size()) {
                continue;
            }
            List<String> params = new ArrayList<>();
            boolean matches = true;
            for (int i = 0; i < actual.size() && matches; i++) {
                String expected = route.segments().get(i);
                if (expected.startsWith("{")) {
                    params.add(actual.get(i));
                } else {
                    matches = expected.equals(actual.get(i));
                }
            }
            if (matches) {
                return Optional.of(new Match(route, List.copyOf(params)));
            }
        }
        return Optional.empty();
    }

    private static List<String> segments(String path) {
        return Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
    }
}
