package io.ghlsync.booking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ghlsync.config.ApiException;
import io.ghlsync.config.ApiException.FieldError;
import io.ghlsync.config.Json;
import io.ghlsync.outbox.OutboxRepository;
import io.ghlsync.outbox.SyncAction;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The booking API's work. Each change is one database transaction that also queues its outbox event, so a booking
 * and the sync that follows it are written together or not at all. Bodies reaching here are already validated.
 */
public class BookingService {

    private static final Logger LOG = LoggerFactory.getLogger(BookingService.class);

    /** Sync events listed by GET /api/appointments/{id}. */
    private static final int SYNC_EVENTS_SHOWN = 20;

    private final TransactionTemplate tx;
    private final CustomerRepository customers;
    private final LeadRepository leads;
    private final TimeSlotRepository slots;
    private final AppointmentRepository appointments;
    private final OutboxRepository outbox;
    private final String locationId;
    private final Predicate<String> uninstalled;
    private final Predicate<String> served;
    private final Duration defaultDuration;
    private final ZoneId zone;
    private final Clock clock;

    /**
     * @param locationId  GHL location of bookings that name none (GHL_LOCATION_ID)
     * @param uninstalled true for a location whose GHL app install was removed: bookings for it are refused
     * @param served      true for a location this service syncs with (ServedLocations): bookings for others are refused
     */
    public BookingService(TransactionTemplate tx, CustomerRepository customers, LeadRepository leads,
            TimeSlotRepository slots, AppointmentRepository appointments, OutboxRepository outbox, String locationId,
            Predicate<String> uninstalled, Predicate<String> served, Duration defaultDuration, ZoneId zone,
            Clock clock) {
        this.tx = tx;
        this.customers = customers;
        this.leads = leads;
        this.slots = slots;
        this.appointments = appointments;
        this.outbox = outbox;
        this.locationId = locationId;
        this.uninstalled = uninstalled;
        this.served = served;
        this.defaultDuration = defaultDuration;
        this.zone = zone;
        this.clock = clock;
    }

    /** POST /api/appointments/create-with-sync. */
    public ObjectNode create(@Body JsonNode req) {
        JsonNode c = req.get("customer");
        String name = c.get("name").asText();
        String email = text(c, "email");
        String phone = text(c, "phone");
        String address = text(c, "address");
        OffsetDateTime start = OffsetDateTime.parse(req.get("startTime").asText());
        OffsetDateTime end = req.hasNonNull("endTime") ? OffsetDateTime.parse(req.get("endTime").asText())
                : start.plus(defaultDuration);
        String location = req.hasNonNull("locationId") ? req.get("locationId").asText() : locationId;

        return tx.execute(status -> {
            // Served first: only served ids reach the install-status cache, the budget and the metrics.
            if (!served.test(location)) {
                throw new ApiException(422, "Location is not served", List.of(new FieldError("locationId",
                        location == null ? "required: no default location (GHL_LOCATION_ID) is configured"
                                : "not a GHL location this service syncs with (GHL_LOCATION_ID, GHL_LOCATION_IDS, "
                                + "or where the GHL app is installed)")));
            }
            if (uninstalled.test(location)) {
                throw new ApiException(422, "Location is uninstalled", List.of(new FieldError("locationId",
                        "the GHL app was uninstalled from this location; nothing can be synced to it")));
            }
            // Serialises bookings of the same person so two concurrent first bookings make one customer and lead.
            lockIdentity(email != null ? "email:" + email.toLowerCase(Locale.ROOT) : "phone:" + phone);
            UUID customerId = findOrCreateCustomer(name, email, phone, address);
            UUID leadId = linkLead(req, location, name, email, phone, address);

            TimeSlotRepository.LockedSlot slot = slots.lock(location, start, end);
            if (slot.takenByOtherThan(null)) {
                throw slotTaken();
            }
            Appointment a = appointments.insert(customerId, leadId, slot.id(), location,
                    req.get("serviceType").asText(), start, end, address, text(req, "notes"));
            slots.book(slot.id(), a.id());
            UUID eventId = queue(a, SyncAction.CREATE, Json.MAPPER.createObjectNode());
            LOG.info("Appointment {} created, sync event {} queued", a.id(), eventId);
            return response(a, eventId);
        });
    }

    /** POST /api/appointments/status. */
    public ObjectNode changeStatus(@Body JsonNode req) {
        UUID id = UUID.fromString(req.get("appointmentId").asText());
        AppointmentStatus target = AppointmentStatus.fromWire(req.get("status").asText());
        String reason = text(req, "reason");

        return tx.execute(status -> {
            Appointment current = load(id, req);
            AppointmentStatus from = current.status();
            if (from == target) {
                return response(current, null); // idempotent repeat: nothing changes, nothing is sent
            }
            if (!from.canMoveTo(target)) {
                throw new ApiException(409, "Cannot change status from " + from.wire() + " to " + target.wire(),
                        List.of(new FieldError("status", from.isFinal()
                                ? from.wire() + " is final"
                                : "allowed from " + from.wire() + ": " + wires(from))));
            }
            Appointment updated = appointments.updateStatus(id, current.version(), target, reason)
                    .orElseThrow(BookingService::concurrentChange);
            if (target == AppointmentStatus.CANCELLED) {
                slots.release(id);
            } else if (target == AppointmentStatus.COMPLETED) {
                customers.setLastServiceDate(updated.customerId(),
                        updated.startTime().atZoneSameInstant(zone).toLocalDate());
            }
            ObjectNode payload = Json.MAPPER.createObjectNode();
            if (reason != null) {
                payload.put("reason", reason);
            }
            if (target == AppointmentStatus.NO_SHOW) {
                ObjectNode change = payload.putObject("changes").putObject("status");
                change.put("from", from.wire());
                change.put("to", target.wire());
            }
            UUID eventId = queue(updated, target.syncAction().orElseThrow(), payload);
            LOG.info("Appointment {} {} -> {}, sync event {} queued", id, from.wire(), target.wire(), eventId);
            return response(updated, eventId);
        });
    }

    /** PATCH /api/appointments/{id}: reschedule and edit. */
    public ObjectNode edit(@Header("id") String rawId, @Body JsonNode req) {
        UUID id = pathId(rawId);
        return tx.execute(status -> {
            Appointment current = load(id, req);
            if (!current.status().editable()) {
                throw new ApiException(409, "A " + current.status().wire() + " appointment cannot be edited");
            }
            AppointmentEdit edit = AppointmentEdit.of(current, req);
            if (edit.changesNothing()) {
                return response(current, null);
            }
            Appointment edited = edit.edited();
            if (edit.reschedules() && current.status().holdsSlot()) {
                TimeSlotRepository.LockedSlot slot = slots.moveTo(id, current.locationId(), edited.startTime(),
                        edited.endTime());
                if (slot.takenByOtherThan(id)) {
                    throw slotTaken();
                }
                edited = edit.withSlot(slot.id());
            }
            Appointment updated = appointments.updateDetails(edited).orElseThrow(BookingService::concurrentChange);
            ObjectNode payload = Json.MAPPER.createObjectNode();
            payload.set("changes", edit.changes());
            UUID eventId = queue(updated, SyncAction.UPDATE, payload);
            LOG.info("Appointment {} edited ({}), sync event {} queued", id,
                    String.join(",", (Iterable<String>) edit.changes()::fieldNames), eventId);
            return response(updated, eventId);
        });
    }

    /** GET /api/appointments/{id}. */
    public ObjectNode get(@Header("id") String rawId) {
        UUID id = pathId(rawId);
        Appointment a = appointments.find(id).orElseThrow(() -> notFound(id));
        ObjectNode body = Json.MAPPER.createObjectNode().put("success", true);
        body.set("appointment", a.toJson());
        body.set("syncEvents", syncEvents(id));
        return body;
    }

    private UUID findOrCreateCustomer(String name, String email, String phone, String address) {
        UUID id = (email != null ? customers.findByEmail(email) : java.util.Optional.<UUID>empty())
                .or(() -> phone != null ? customers.findByPhone(phone) : java.util.Optional.empty())
                .orElse(null);
        if (id == null) {
            return customers.insert(name, email, phone, address);
        }
        customers.updateContact(id, name, email, phone, address);
        return id;
    }

    private UUID linkLead(JsonNode req, String location, String name, String email, String phone, String address) {
        if (req.hasNonNull("leadId")) {
            UUID leadId = UUID.fromString(req.get("leadId").asText());
            if (!leads.exists(leadId)) {
                throw new ApiException(422, "Unknown lead",
                        List.of(new FieldError("leadId", "no lead with this id")));
            }
            return leadId;
        }
        if (req.hasNonNull("ghlContactId")) {
            String ghl = req.get("ghlContactId").asText();
            return leads.findByGhlContactId(ghl)
                    .orElseGet(() -> leads.insert(location, ghl, name, email, phone, address));
        }
        return leads.findByEmailOrPhone(email, phone)
                .orElseGet(() -> leads.insert(location, null, name, email, phone, address));
    }

    /** Reads the appointment; a {@code version} in the request must match the current one. */
    private Appointment load(UUID id, JsonNode req) {
        Appointment current = appointments.find(id).orElseThrow(() -> notFound(id));
        if (req.hasNonNull("version") && req.get("version").asInt() != current.version()) {
            throw new ApiException(409, "Appointment was changed concurrently (now version " + current.version()
                    + "); reload and retry", List.of(new FieldError("version", "is not the current version")));
        }
        return current;
    }

    private UUID queue(Appointment a, SyncAction action, ObjectNode payload) {
        // Postgres keeps microseconds: truncate so the idempotency key matches the stored timestamp.
        OffsetDateTime now = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
        return outbox.insert(a.id(), action, now, a.locationId(), payload)
                .orElseThrow(() -> new ApiException(409, "The same change was queued a moment ago; retry"));
    }

    /** The appointment's newest sync events, newest first. */
    private ArrayNode syncEvents(UUID appointmentId) {
        ArrayNode events = Json.MAPPER.createArrayNode();
        for (OutboxRepository.EventSummary s : outbox.latestFor(appointmentId, SYNC_EVENTS_SHOWN)) {
            ObjectNode e = events.addObject();
            e.put("eventId", s.eventId().toString());
            e.put("action", s.action());
            e.put("status", s.status());
            e.put("attempts", s.attempts());
            e.put("lastError", s.lastError());
            e.put("createdAt", Appointment.iso(s.createdAt()));
            e.put("completedAt", Appointment.iso(s.completedAt()));
        }
        return events;
    }

    private void lockIdentity(String key) {
        customers.lockIdentity(key);
    }

    private static ObjectNode response(Appointment a, UUID eventId) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("success", true);
        body.set("appointment", a.toJson());
        if (eventId == null) {
            body.set("sync", NullNode.getInstance());
        } else {
            body.putObject("sync").put("eventId", eventId.toString()).put("status", "queued");
        }
        return body;
    }

    private static UUID pathId(String raw) {
        try {
            if (raw != null && raw.length() == 36) { // UUID.fromString also takes short forms like 1-2-3-4-5
                return UUID.fromString(raw);
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw new ApiException(400, "Request validation failed", List.of(new FieldError("id", "must be a UUID")));
    }

    private static String wires(AppointmentStatus s) {
        return String.join(", ", s.next().stream().map(AppointmentStatus::wire).toList());
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static ApiException notFound(UUID id) {
        return new ApiException(404, "Appointment " + id + " not found");
    }

    private static ApiException slotTaken() {
        return new ApiException(409, "Time slot already booked",
                List.of(new FieldError("startTime", "the slot from startTime to endTime is booked by another appointment")));
    }

    private static ApiException concurrentChange() {
        return new ApiException(409, "Appointment was changed concurrently; retry");
    }
}
