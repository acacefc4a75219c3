package io.ghlsync.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ghlsync.config.Json;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Everything the simulator holds. Reads return deep copies, so tests may inspect the state while requests are being
 * served. Writes happen inside {@link #locked} (one lock: the simulator's request rates make contention irrelevant,
 * and every operation becomes atomic, e.g. an upsert's match and insert).
 */
public final class SimulatorState {

    /** One API request as the simulator answered it. The path carries no query string (it may hold personal data). */
    public record RequestRecord(String method, String path, String operation, int status, Instant time) {}

    /** Most recent requests kept in the log; the counters below are never trimmed. */
    static final int REQUEST_LOG_CAPACITY = 100_000;

    final Map<String, StoredContact> contacts = new LinkedHashMap<>();
    final Map<String, ObjectNode> notes = new LinkedHashMap<>();
    final Map<String, ObjectNode> tasks = new LinkedHashMap<>();
    final Map<String, ObjectNode> customFields = new LinkedHashMap<>();
    final Map<String, ObjectNode> appointments = new LinkedHashMap<>();

    private final ArrayDeque<RequestRecord> requestLog = new ArrayDeque<>();
    private final Map<String, LongAdder> byOperation = new java.util.concurrent.ConcurrentHashMap<>();
    private final LongAdder requests = new LongAdder();
    private final LongAdder rateLimited = new LongAdder();
    private final LongAdder faults = new LongAdder();

    SimulatorState() {}

    synchronized <T> T locked(Supplier<T> action) {
        return action.get();
    }

    // ------------------------------------------------------------------ data snapshots

    /** All contacts in creation order, in the shape GET /contacts/{id} returns. */
    public synchronized List<ObjectNode> contacts() {
        return contacts.values().stream().map(StoredContact::toJson).toList();
    }

    public synchronized Optional<ObjectNode> contact(String contactId) {
        return Optional.ofNullable(contacts.get(contactId)).map(StoredContact::toJson);
    }

    public synchronized List<ObjectNode> notes() {
        return copies(notes.values());
    }

    public synchronized List<ObjectNode> notes(String contactId) {
        return copies(notes.values().stream().filter(n -> contactId.equals(n.path("contactId").asText())).toList());
    }

    /** Tags of every contact that has any, by contact id. */
    public synchronized Map<String, Set<String>> tags() {
        Map<String, Set<String>> all = new LinkedHashMap<>();
        contacts.values().stream().filter(c -> !c.tags.isEmpty())
                .forEach(c -> all.put(c.id, java.util.Collections.unmodifiableSet(new LinkedHashSet<>(c.tags))));
        return all;
    }

    /** Tags of one contact (empty for an unknown contact). */
    public synchronized Set<String> tags(String contactId) {
        StoredContact contact = contacts.get(contactId);
        return contact == null ? Set.of() : java.util.Collections.unmodifiableSet(new LinkedHashSet<>(contact.tags));
    }

    public synchronized List<ObjectNode> tasks() {
        return copies(tasks.values());
    }

    public synchronized List<ObjectNode> tasks(String contactId) {
        return copies(tasks.values().stream().filter(t -> contactId.equals(t.path("contactId").asText())).toList());
    }

    /** Custom field definitions of all locations. */
    public synchronized List<ObjectNode> customFields() {
        return copies(customFields.values());
    }

    /** Custom field values of one contact, by field id (empty for an unknown contact). */
    public synchronized Map<String, JsonNode> customFieldValues(String contactId) {
        StoredContact contact = contacts.get(contactId);
        Map<String, JsonNode> values = new LinkedHashMap<>();
        if (contact != null) {
            contact.customFieldValues.forEach((id, value) -> values.put(id, value.deepCopy()));
        }
        return values;
    }

    /** Calendar appointments in the shape of GET /calendars/events/appointments/{id} ("event"). */
    public synchronized List<ObjectNode> appointments() {
        return copies(appointments.values());
    }

    public synchronized Optional<ObjectNode> appointment(String eventId) {
        return Optional.ofNullable(appointments.get(eventId)).map(ObjectNode::deepCopy);
    }

    // ------------------------------------------------------------------ request statistics

    /** The most recent API requests (up to 100,000), oldest first. */
    public synchronized List<RequestRecord> requests() {
        return List.copyOf(requestLog);
    }

    /** API requests received since start or reset, whatever their answer. */
    public long requestCount() {
        return requests.sum();
    }

    /** API requests by operation id (GHL's operationId, e.g. "upsert-contact"; "unknown" for unmatched paths). */
    public Map<String, Long> requestsByOperation() {
        Map<String, Long> counts = new TreeMap<>();
        byOperation.forEach((operation, count) -> counts.put(operation, count.sum()));
        return counts;
    }

    public long requestCount(String operation) {
        LongAdder count = byOperation.get(operation);
        return count == null ? 0 : count.sum();
    }

    /** Requests refused with 429 by the rate limiter (injected 429 faults count as faults). */
    public long rateLimited429() {
        return rateLimited.sum();
    }

    /** Requests answered with an injected fault. */
    public long faultsServed() {
        return faults.sum();
    }

    // ------------------------------------------------------------------ internals

    void record(RequestRecord request, boolean rateLimited429, boolean fault) {
        requests.increment();
        byOperation.computeIfAbsent(request.operation(), k -> new LongAdder()).increment();
        if (rateLimited429) {
            rateLimited.increment();
        }
        if (fault) {
            faults.increment();
        }
        synchronized (this) {
            if (requestLog.size() >= REQUEST_LOG_CAPACITY) {
                requestLog.pollFirst();
            }
            requestLog.addLast(request);
        }
    }

    synchronized void reset() {
        contacts.clear();
        notes.clear();
        tasks.clear();
        customFields.clear();
        appointments.clear();
        requestLog.clear();
        byOperation.clear();
        requests.reset();
        rateLimited.reset();
        faults.reset();
    }

    /** The document served at GET /_simulator. */
    synchronized ObjectNode toJson() {
        ObjectNode json = Json.MAPPER.createObjectNode();
        ArrayNode contactList = json.putArray("contacts");
        contacts.values().forEach(c -> contactList.add(c.toJson()));
        json.putArray("notes").addAll(copies(notes.values()));
        ObjectNode tagMap = json.putObject("tags");
        tags().forEach((id, set) -> {
            ArrayNode list = tagMap.putArray(id);
            contacts.get(id).tags.forEach(list::add);
        });
        json.putArray("tasks").addAll(copies(tasks.values()));
        json.putArray("customFields").addAll(copies(customFields.values()));
        json.putArray("appointments").addAll(copies(appointments.values()));
        json.set("stats", statsJson());
        return json;
    }

    ObjectNode statsJson() {
        ObjectNode stats = Json.MAPPER.createObjectNode();
        stats.put("requests", requestCount());
        ObjectNode ops = stats.putObject("byOperation");
        requestsByOperation().forEach(ops::put);
        stats.put("rateLimited429", rateLimited429());
        stats.put("faultsServed", faultsServed());
        return stats;
    }

    /** GET /_simulator/contacts/{id}: the contact with its notes, tags, tasks and appointments. */
    synchronized Optional<ObjectNode> contactDetail(String contactId) {
        StoredContact contact = contacts.get(contactId);
        if (contact == null) {
            return Optional.empty();
        }
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.set("contact", contact.toJson());
        json.putArray("notes").addAll(notes(contactId));
        ArrayNode tagList = json.putArray("tags");
        contact.tags.forEach(tagList::add);
        json.putArray("tasks").addAll(tasks(contactId));
        json.putArray("appointments").addAll(copies(appointments.values().stream()
                .filter(a -> contactId.equals(a.path("contactId").asText())).toList()));
        return Optional.of(json);
    }

    private static List<ObjectNode> copies(java.util.Collection<ObjectNode> nodes) {
        List<ObjectNode> copies = new ArrayList<>(nodes.size());
        nodes.forEach(n -> copies.add(n.deepCopy()));
        return copies;
    }
}
