package io.ghlsync.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ghlsync.config.Json;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** /contacts/** operations (Version 2021-07-28): contacts, tags, notes and tasks. */
final class ContactEndpoints {

    /** Fields stored as given, common to create, upsert and update (contacts.json CreateContactDto and friends). */
    private static final Set<String> STRING_FIELDS = Set.of("firstName", "lastName", "name", "email", "phone",
            "address1", "city", "state", "postalCode", "website", "timezone", "source", "country", "assignedTo");
    private static final Set<String> OTHER_FIELDS = Set.of("dnd", "dndSettings", "inboundDndSettings", "dateOfBirth");
    private static final Set<String> CREATE_ONLY = Set.of("gender", "companyName");
    private static final Set<String> UPDATE_ALLOWED = union(STRING_FIELDS, OTHER_FIELDS, Set.of("tags", "customFields"));
    private static final Set<String> CREATE_ALLOWED = union(UPDATE_ALLOWED, CREATE_ONLY, Set.of("locationId"));
    private static final Set<String> UPSERT_ALLOWED = union(CREATE_ALLOWED, Set.of("createNewIfDuplicateAllowed"));
    private static final Set<String> TAGS_ALLOWED = Set.of("tags");
    private static final Set<String> NOTE_ALLOWED = Set.of("userId", "body", "title", "color", "pinned");
    private static final Set<String> TASK_ALLOWED = Set.of("title", "body", "dueDate", "completed", "assignedTo");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private final SimulatorState state;

    ContactEndpoints(SimulatorState state) {
        this.state = state;
    }

    // ------------------------------------------------------------------ contacts

    /** POST /contacts/upsert: update the contact matching by email (case-insensitive), else by phone, or create. */
    SimResponse upsert(Call call) {
        return state.locked(() -> {
            BodyCheck check = new BodyCheck(call.body(), UPSERT_ALLOWED);
            String locationId = check.requiredString("locationId");
            check.optionalBoolean("createNewIfDuplicateAllowed");
            Map<String, JsonNode> customValues = checkContactFields(check, locationId);
            Set<String> tags = check.stringSet("tags", false);
            check.done();

            String email = check.optionalString("email");
            String phone = check.optionalString("phone");
            StoredContact byEmail = findByEmail(locationId, email);
            StoredContact byPhone = findByPhone(locationId, phone);
            StoredContact contact = byEmail != null ? byEmail : byPhone;
            boolean created = contact == null;
            if (created) {
                contact = new StoredContact(Ids.newId(), locationId, call.nowText());
                state.contacts.put(contact.id, contact);
            }
            // GHL: when email and phone match different contacts, the email match wins and the phone is ignored.
            boolean ignorePhone = byEmail != null && byPhone != null && byPhone != byEmail;
            apply(contact, call, customValues, tags, ignorePhone);

            ObjectNode response = Json.MAPPER.createObjectNode();
            response.put("new", created);
            response.set("contact", contact.toJson());
            response.put("traceId", UUID.randomUUID().toString());
            return SimResponse.of(200, response);
        });
    }

    /** POST /contacts/: the simulated location does not allow duplicates (by email, then phone). */
    SimResponse create(Call call) {
        return state.locked(() -> {
            BodyCheck check = new BodyCheck(call.body(), CREATE_ALLOWED);
            String locationId = check.requiredString("locationId");
            Map<String, JsonNode> customValues = checkContactFields(check, locationId);
            Set<String> tags = check.stringSet("tags", false);
            check.done();

            String email = check.optionalString("email");
            String phone = check.optionalString("phone");
            StoredContact byEmail = findByEmail(locationId, email);
            StoredContact duplicate = byEmail != null ? byEmail : findByPhone(locationId, phone);
            if (duplicate != null) {
                ObjectNode body = Json.MAPPER.createObjectNode().put("statusCode", 400)
                        .put("message", "This location does not allow duplicated contacts.");
                body.putObject("meta").put("contactId", duplicate.id)
                        .put("matchingField", byEmail != null ? "email" : "phone");
                throw new SimulatorError(SimResponse.of(400, body));
            }
            StoredContact contact = new StoredContact(Ids.newId(), locationId, call.nowText());
            state.contacts.put(contact.id, contact);
            apply(contact, call, customValues, tags, false);
            return SimResponse.of(201, wrap("contact", contact.toJson()));
        });
    }

    SimResponse get(Call call) {
        return state.locked(() -> SimResponse.of(200, wrap("contact", contact(call.param(0)).toJson())));
    }

    /** PUT /contacts/{id}: listed fields change; tags (if given) replace all; custom values merge by id. */
    SimResponse update(Call call) {
        return state.locked(() -> {
            StoredContact contact = contact(call.param(0));
            BodyCheck check = new BodyCheck(call.body(), UPDATE_ALLOWED);
            Map<String, JsonNode> customValues = checkContactFields(check, contact.locationId);
            Set<String> tags = check.stringSet("tags", false);
            check.done();
            apply(contact, call, customValues, tags, false);
            ObjectNode response = Json.MAPPER.createObjectNode().put("succeded", true);
            response.set("contact", contact.toJson());
            return SimResponse.of(200, response);
        });
    }

    /** GET /contacts/search/duplicate?locationId=&email=|number= → {contact: {...} | null}; email is tried first. */
    SimResponse duplicate(Call call) {
        return state.locked(() -> {
            String locationId = call.query().get("locationId");
            if (locationId == null || locationId.isEmpty()) {
                throw SimulatorError.unprocessable("locationId should not be empty");
            }
            StoredContact match = findByEmail(locationId, call.query().get("email"));
            if (match == null) {
                match = findByPhone(locationId, call.query().get("number"));
            }
            ObjectNode response = Json.MAPPER.createObjectNode();
            response.set("contact", match == null ? Json.MAPPER.nullNode() : match.toJson());
            return SimResponse.of(200, response);
        });
    }

    // ------------------------------------------------------------------ tags

    SimResponse addTags(Call call) {
        return changeTags(call, true);
    }

    SimResponse removeTags(Call call) {
        return changeTags(call, false);
    }

    private SimResponse changeTags(Call call, boolean add) {
        return state.locked(() -> {
            StoredContact contact = contact(call.param(0));
            BodyCheck check = new BodyCheck(call.body(), TAGS_ALLOWED);
            Set<String> tags = check.stringSet("tags", true);
            check.done();
            boolean changed = add ? contact.tags.addAll(tags) : contact.tags.removeAll(tags);
            if (changed) {
                contact.dateUpdated = call.nowText();
            }
            ObjectNode response = Json.MAPPER.createObjectNode();
            ArrayNode list = response.putArray("tags");
            contact.tags.forEach(list::add);
            return SimResponse.of(add ? 201 : 200, response);
        });
    }

    // ------------------------------------------------------------------ notes

    SimResponse createNote(Call call) {
        return state.locked(() -> {
            StoredContact contact = contact(call.param(0));
            BodyCheck check = new BodyCheck(call.body(), NOTE_ALLOWED);
            String body = check.requiredString("body");
            String userId = check.optionalString("userId");
            String title = check.optionalString("title");
            String color = check.optionalString("color");
            Boolean pinned = check.optionalBoolean("pinned");
            check.done();
            ObjectNode note = Json.MAPPER.createObjectNode();
            note.put("id", Ids.newId());
            note.put("body", body);
            putIfNotNull(note, "userId", userId);
            putIfNotNull(note, "title", title);
            putIfNotNull(note, "color", color);
            if (pinned != null) {
                note.put("pinned", pinned);
            }
            note.put("dateAdded", call.nowText());
            note.put("contactId", contact.id);
            state.notes.put(note.get("id").asText(), note);
            return SimResponse.of(201, wrap("note", note.deepCopy()));
        });
    }

    SimResponse listNotes(Call call) {
        return state.locked(() -> {
            StoredContact contact = contact(call.param(0));
            ObjectNode response = Json.MAPPER.createObjectNode();
            response.putArray("notes").addAll(state.notes(contact.id));
            return SimResponse.of(200, response);
        });
    }

    // ------------------------------------------------------------------ tasks

    SimResponse createTask(Call call) {
        return state.locked(() -> {
            StoredContact contact = contact(call.param(0));
            BodyCheck check = new BodyCheck(call.body(), TASK_ALLOWED);
            String title = check.requiredString("title");
            String dueDate = check.requiredString("dueDate");
            Boolean completed = check.requiredBoolean("completed");
            String body = check.optionalString("body");
            String assignedTo = check.optionalString("assignedTo");
            checkDate(check, "dueDate", dueDate);
            check.done();
            ObjectNode task = Json.MAPPER.createObjectNode();
            task.put("id", Ids.newId());
            task.put("title", title);
            putIfNotNull(task, "body", body);
            putIfNotNull(task, "assignedTo", assignedTo);
            task.put("dueDate", dueDate);
            task.put("completed", completed);
            task.put("contactId", contact.id);
            state.tasks.put(task.get("id").asText(), task);
            return SimResponse.of(201, wrap("task", task.deepCopy()));
        });
    }

    /** PUT /contacts/{id}/tasks/{taskId}: only the listed fields change. */
    SimResponse updateTask(Call call) {
        return state.locked(() -> {
            ObjectNode task = task(call);
            BodyCheck check = new BodyCheck(call.body(), TASK_ALLOWED);
            String title = check.optionalString("title");
            String dueDate = check.optionalString("dueDate");
            Boolean completed = check.optionalBoolean("completed");
            String body = check.optionalString("body");
            String assignedTo = check.optionalString("assignedTo");
            checkDate(check, "dueDate", dueDate);
            check.done();
            putIfNotNull(task, "title", title);
            putIfNotNull(task, "dueDate", dueDate);
            putIfNotNull(task, "body", body);
            putIfNotNull(task, "assignedTo", assignedTo);
            if (completed != null) {
                task.put("completed", completed);
            }
            return SimResponse.of(200, wrap("task", task.deepCopy()));
        });
    }

    SimResponse getTask(Call call) {
        return state.locked(() -> SimResponse.of(200, wrap("task", task(call).deepCopy())));
    }

    SimResponse listTasks(Call call) {
        return state.locked(() -> {
            StoredContact contact = contact(call.param(0));
            ObjectNode response = Json.MAPPER.createObjectNode();
            response.putArray("tasks").addAll(state.tasks(contact.id));
            return SimResponse.of(200, response);
        });
    }

    // ------------------------------------------------------------------ helpers (called under the state lock)

    private StoredContact contact(String contactId) {
        StoredContact contact = state.contacts.get(contactId);
        if (contact == null) {
            throw SimulatorError.badRequest("Contact with id " + contactId + " not found");
        }
        return contact;
    }

    private ObjectNode task(Call call) {
        StoredContact contact = contact(call.param(0));
        ObjectNode task = state.tasks.get(call.param(1));
        if (task == null || !contact.id.equals(task.path("contactId").asText())) {
            throw SimulatorError.badRequest("Task with id " + call.param(1) + " not found");
        }
        return task;
    }

    /** Checks the stored contact fields and resolves custom field items to {fieldId: value}; null value = clear. */
    private Map<String, JsonNode> checkContactFields(BodyCheck check, String locationId) {
        STRING_FIELDS.forEach(check::optionalString);
        CREATE_ONLY.forEach(check::optionalString);
        check.optionalBoolean("dnd");
        check.optionalObject("dndSettings");
        check.optionalObject("inboundDndSettings");
        JsonNode emailNode = check.body().get("email");
        String email = emailNode != null && emailNode.isTextual() ? emailNode.asText() : null;
        if (email != null && !email.isEmpty() && !EMAIL.matcher(email).matches()) {
            check.problem("email must be an email");
        }
        JsonNode items = check.body().get("customFields");
        if (items == null || items.isNull()) {
            return Map.of();
        }
        if (!items.isArray()) {
            check.problem("customFields must be an array");
            return Map.of();
        }
        Map<String, JsonNode> values = new LinkedHashMap<>();
        for (JsonNode item : items) {
            if (!item.isObject()) {
                check.problem("each value in customFields must be an object");
                continue;
            }
            String id = item.path("id").isTextual() ? item.get("id").asText() : null;
            String key = item.path("key").isTextual() ? item.get("key").asText() : null;
            if ((id == null || id.isEmpty()) && key != null && locationId != null) {
                id = fieldIdByKey(locationId, key).orElse(null);
                if (id == null) {
                    check.problem("customFields key " + key + " does not exist");
                    continue;
                }
            }
            if (id == null || id.isEmpty()) {
                check.problem("customFields.id should not be empty");
                continue;
            }
            // The v2 spec writes field_value; v3 and some clients use fieldValue or value: accept all three.
            JsonNode value = item.has("field_value") ? item.get("field_value")
                    : item.has("fieldValue") ? item.get("fieldValue") : item.get("value");
            values.put(id, value == null ? Json.MAPPER.nullNode() : value);
        }
        return values;
    }

    private Optional<String> fieldIdByKey(String locationId, String key) {
        return state.customFields.values().stream()
                .filter(f -> locationId.equals(f.path("locationId").asText()))
                .filter(f -> key.equals(f.path("fieldKey").asText())
                        || ("contact." + key).equals(f.path("fieldKey").asText()))
                .map(f -> f.path("id").asText())
                .findFirst();
    }

    private static void apply(StoredContact contact, Call call, Map<String, JsonNode> customValues, Set<String> tags,
            boolean ignorePhone) {
        ObjectNode body = call.body();
        for (String field : union(STRING_FIELDS, OTHER_FIELDS, CREATE_ONLY)) {
            if (!body.has(field) || (ignorePhone && field.equals("phone"))) {
                continue;
            }
            JsonNode value = body.get(field);
            if (value.isNull()) {
                contact.fields.remove(field);
            } else {
                contact.fields.set(field, value.deepCopy());
            }
        }
        if (!body.has("name") && (body.has("firstName") || body.has("lastName"))) {
            String name = String.join(" ", List.of(contact.fields.path("firstName").asText(""),
                    contact.fields.path("lastName").asText(""))).trim();
            if (name.isEmpty()) {
                contact.fields.remove("name");
            } else {
                contact.fields.put("name", name);
            }
        }
        customValues.forEach((id, value) -> {
            if (value.isNull() || (value.isTextual() && value.asText().isEmpty())) {
                contact.customFieldValues.remove(id);
            } else {
                contact.customFieldValues.put(id, value.deepCopy());
            }
        });
        if (tags != null) {
            contact.tags.clear();
            contact.tags.addAll(tags);
        }
        contact.dateUpdated = call.nowText();
    }

    private StoredContact findByEmail(String locationId, String email) {
        if (email == null || email.isBlank()) {
            return null;
        }
        String wanted = email.trim().toLowerCase(Locale.ROOT);
        return state.contacts.values().stream()
                .filter(c -> c.locationId.equals(locationId))
                .filter(c -> c.email() != null && c.email().trim().toLowerCase(Locale.ROOT).equals(wanted))
                .findFirst().orElse(null);
    }

    private StoredContact findByPhone(String locationId, String phone) {
        String wanted = normalizePhone(phone);
        if (wanted.isEmpty()) {
            return null;
        }
        return state.contacts.values().stream()
                .filter(c -> c.locationId.equals(locationId))
                .filter(c -> wanted.equals(normalizePhone(c.phone())))
                .findFirst().orElse(null);
    }

    /** Digits only, so "+1 (555) 123-4567" and "+15551234567" match. */
    static String normalizePhone(String phone) {
        return phone == null ? "" : phone.replaceAll("[^0-9]", "");
    }

    private static void checkDate(BodyCheck check, String field, String value) {
        if (value == null) {
            return;
        }
        try {
            java.time.OffsetDateTime.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            check.problem(field + " must be a valid ISO 8601 date string");
        }
    }

    static ObjectNode wrap(String name, JsonNode value) {
        ObjectNode wrapper = Json.MAPPER.createObjectNode();
        wrapper.set(name, value);
        return wrapper;
    }

    static void putIfNotNull(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        Set<String> all = new HashSet<>();
        for (Set<String> set : sets) {
            all.addAll(set);
        }
        return Set.copyOf(all);
    }
}
