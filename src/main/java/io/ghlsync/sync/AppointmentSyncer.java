package io.ghlsync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ghlsync.booking.Customer;
import io.ghlsync.booking.Lead;
import io.ghlsync.config.Json;
import io.ghlsync.ghl.ContactDraft;
import io.ghlsync.ghl.CustomFieldResolver;
import io.ghlsync.ghl.GhlApi;
import io.ghlsync.ghl.GhlException;
import io.ghlsync.ghl.GhlOperations;
import io.ghlsync.ghl.GhlRequest;
import io.ghlsync.ghl.GhlResponse;
import io.ghlsync.outbox.SyncEvent;
import io.ghlsync.sync.PlannedStep.AddNote;
import io.ghlsync.sync.PlannedStep.AddTags;
import io.ghlsync.sync.PlannedStep.CreateCalendarEvent;
import io.ghlsync.sync.PlannedStep.CreateTask;
import io.ghlsync.sync.PlannedStep.MoveReminder;
import io.ghlsync.sync.PlannedStep.RemoveTags;
import io.ghlsync.sync.PlannedStep.SetCustomFields;
import io.ghlsync.sync.PlannedStep.Skipped;
import io.ghlsync.sync.PlannedStep.TaskPurpose;
import io.ghlsync.sync.PlannedStep.UpdateCalendarEvent;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Carries one outbox event to GHL: makes sure the customer has a GHL contact, then runs the {@link SyncPlanner}'s
 * steps. Every successful call is journaled (with the ids it returned) in the same transaction as the local state it
 * changes, so calling {@link #sync} again for the same event resumes at the first step that has not succeeded and
 * never repeats a note, tag change or task.
 */
public class AppointmentSyncer {

    /** The thread pool of the steps: its id in JMX (type=threadpools) and its threads' name. */
    public static final String STEP_POOL = "sync-steps";


    static final String UPSERT_CONTACT = "upsertContact";
    static final String CONTACT_SOURCE = "ghl-sync";

    private static final Logger LOG = LoggerFactory.getLogger(AppointmentSyncer.class);

    private final GhlApi ghl;
    private final GhlOperations operations;
    private final CustomFieldResolver customFields;
    private final SyncPlanner planner;
    private final SyncStores stores;
    private final TransactionTemplate tx;
    private final String calendarId;
    private final String defaultLocationId;
    private final ExecutorService stepExecutor;

    /**
     * @param calendarId GHL calendar for booking appointments, or blank when they are not mirrored
     * @param defaultLocationId location used when neither the event nor the booking data names one
     * @param stepExecutor threads for the independent GHL calls of events, shared by all events (the throttle still
     *     bounds GHL load); owned by the caller, who shuts it down (in the service: Camel, with the context)
     */
    public AppointmentSyncer(GhlApi ghl, GhlOperations operations, CustomFieldResolver customFields,
            SyncPlanner planner, SyncStores stores, TransactionTemplate tx, String calendarId,
            String defaultLocationId, ExecutorService stepExecutor) {
        this.ghl = ghl;
        this.operations = operations;
        this.customFields = customFields;
        this.planner = planner;
        this.stores = stores;
        this.tx = tx;
        this.calendarId = calendarId;
        this.defaultLocationId = defaultLocationId;
        this.stepExecutor = stepExecutor;
    }

    public SyncOutcome sync(SyncEvent event) {
        UUID eventId = event.eventId();
        AppointmentSnapshot appointment = stores.appointments().find(event.appointmentId())
                .map(AppointmentSnapshot::of)
                .orElseThrow(() -> new SyncDataException("appointment " + event.appointmentId() + " not found", "data"));
        Customer customer = stores.customers().find(appointment.customerId())
                .orElseThrow(() -> new SyncDataException("customer of appointment " + appointment.id() + " not found",
                        "data"));
        Lead lead = appointment.leadId() == null ? null : stores.leads().find(appointment.leadId()).orElse(null);
        String locationId = firstNonBlank(event.locationId(), appointment.locationId(),
                lead == null ? null : lead.locationId(), defaultLocationId);

        String contactId = ensureContact(eventId, appointment, customer, lead, locationId);
        ContactMirror mirror = stores.mirrors().find(contactId).orElse(null);
        AppointmentLink link = stores.links().find(appointment.id()).orElse(null);
        SyncPlan plan = planner.plan(event.action(), appointment, event.payload(), event.eventTimestamp(), mirror,
                link);

        // Steps after the contact are independent GHL calls: they run side by side, so an event costs about one
        // GHL round trip instead of one per step. Every step finishes (and journals itself) before a failure is
        // thrown, so a retry repeats only what failed.
        Map<String, Boolean> done = new ConcurrentHashMap<>();
        AtomicBoolean taskCreatedFlag = new AtomicBoolean();
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (PlannedStep step : plan.steps()) {
            Optional<JsonNode> journaled = stores.journal().find(eventId, step.key());
            if (journaled.isPresent()) {
                recordDone(step, journaled.get(), done, taskCreatedFlag); // done by an earlier attempt
            } else if (step instanceof Skipped skipped) {
                LOG.debug("event {} step {} skipped: {}", eventId, step.key(), skipped.reason());
            } else {
                running.add(CompletableFuture.runAsync(() -> {
                    JsonNode result = run(step, eventId, appointment, contactId, locationId);
                    LOG.debug("event {} appointment {} step {} done", eventId, appointment.id(), step.key());
                    recordDone(step, result, done, taskCreatedFlag);
                }, stepExecutor));
            }
        }
        awaitAll(running);
        boolean taskCreated = taskCreatedFlag.get();
        boolean contactUpdated = done.containsKey(PlannedStep.CUSTOM_FIELDS) || done.containsKey(PlannedStep.ADD_TAGS)
                || done.containsKey(PlannedStep.REMOVE_TAGS);
        return new SyncOutcome(contactId, done.containsKey(PlannedStep.NOTE), contactUpdated, taskCreated,
                plan.tagsToAdd(), plan.customFields());
    }

    private static void recordDone(PlannedStep step, JsonNode result, Map<String, Boolean> done,
            AtomicBoolean taskCreated) {
        done.put(step.key(), true);
        if (step.key().equals(PlannedStep.TASK) && result.path("created").asBoolean(false)) {
            taskCreated.set(true);
        }
    }

    /** Waits for every step, then rethrows the first failure as it was thrown (a GhlException keeps its class). */
    private static void awaitAll(List<CompletableFuture<Void>> running) {
        RuntimeException first = null;
        for (CompletableFuture<Void> f : running) {
            try {
                f.join();
            } catch (CompletionException e) {
                if (first == null) {
                    first = e.getCause() instanceof RuntimeException r ? r : e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** The customer's GHL contact id: the lead's link, else upserted by email/phone and linked to a lead. */
    private String ensureContact(UUID eventId, AppointmentSnapshot appointment, Customer customer, Lead lead,
            String locationId) {
        if (lead != null && lead.ghlContactId() != null) {
            return lead.ghlContactId();
        }
        Optional<JsonNode> journaled = stores.journal().find(eventId, UPSERT_CONTACT);
        if (journaled.isPresent()) {
            String contactId = journaled.get().path("contactId").asText();
            tx.executeWithoutResult(s -> linkLead(appointment, customer, lead, locationId, contactId));
            return contactId;
        }
        ContactDraft draft = ContactDraft.of(customer.name(),
                firstNonBlank(customer.email(), lead == null ? null : lead.email()),
                firstNonBlank(customer.phone(), lead == null ? null : lead.phone()),
                firstNonBlank(customer.address(), lead == null ? null : lead.address()));
        if (!draft.hasEmailOrPhone()) {
            throw new SyncDataException("customer " + customer.id() + " has neither email nor phone, and no GHL contact",
                    "no_contact");
        }
        JsonNode body = call(operations.upsertContact(locationId, draft, CONTACT_SOURCE)).body();
        String contactId = requireText(body.path("contact").path("id"), "contacts.upsert", "contact.id");
        boolean created = body.path("new").asBoolean(false);
        ObjectNode response = Json.MAPPER.createObjectNode().put("contactId", contactId).put("new", created);
        tx.executeWithoutResult(s -> {
            stores.journal().record(eventId, UPSERT_CONTACT, response);
            if (created) {
                stores.mirrors().ensureKnown(contactId);
            }
            linkLead(appointment, customer, lead, locationId, contactId);
        });
        LOG.info("event {} appointment {} linked to GHL contact {}", eventId, appointment.id(), contactId);
        return contactId;
    }

    /** Stores the contact link on the appointment's lead, creating the lead from the customer when there is none. */
    private void linkLead(AppointmentSnapshot appointment, Customer customer, Lead lead, String locationId,
            String contactId) {
        if (lead == null) {
            UUID leadId = stores.leads().findByGhlContactId(contactId)
                    .orElseGet(() -> stores.leads().insert(locationId, contactId, customer.name(), customer.email(),
                            customer.phone(), customer.address()));
            stores.appointments().linkLead(appointment.id(), leadId);
        } else if (lead.ghlContactId() == null && !stores.leads().setGhlContactId(lead.id(), contactId)) {
            // Another lead already stands for this GHL contact: the appointment belongs to that one.
            stores.leads().findByGhlContactId(contactId)
                    .filter(owner -> !owner.equals(lead.id()))
                    .ifPresent(owner -> stores.appointments().linkLead(appointment.id(), owner));
        }
    }

    private JsonNode run(PlannedStep step, UUID eventId, AppointmentSnapshot appointment, String contactId,
            String locationId) {
        ObjectNode response = Json.MAPPER.createObjectNode();
        String key = step.key();
        if (step instanceof AddNote note) {
            JsonNode body = call(operations.addNote(locationId, contactId, note.body())).body();
            response.put("noteId", body.path("note").path("id").asText(null));
            journal(eventId, key, response, () -> {});
        } else if (step instanceof SetCustomFields fields) {
            Map<String, String> ids = customFields.resolveAll(locationId, fields.values().keySet());
            Map<String, String> byId = new LinkedHashMap<>();
            fields.values().forEach((k, v) -> byId.put(ids.get(k), v));
            call(operations.updateContactCustomFields(locationId, contactId, byId));
            journal(eventId, key, response, () -> stores.mirrors().mergeCustomFields(contactId, fields.values()));
        } else if (step instanceof AddTags tags) {
            call(operations.addTags(locationId, contactId, tags.tags()));
            journal(eventId, key, response, () -> stores.mirrors().addTags(contactId, tags.tags()));
        } else if (step instanceof RemoveTags tags) {
            call(operations.removeTags(locationId, contactId, tags.tags()));
            journal(eventId, key, response, () -> stores.mirrors().removeTags(contactId, tags.tags()));
        } else if (step instanceof CreateTask task) {
            JsonNode body = call(operations.createTask(locationId, contactId, task.title(), task.body(), task.due()))
                    .body();
            String taskId = requireText(body.path("task").path("id"), "contacts.createTask", "task.id");
            response.put("taskId", taskId).put("created", true);
            journal(eventId, key, response, () -> {
                if (task.purpose() == TaskPurpose.REMINDER) {
                    stores.links().saveReminder(appointment.id(), contactId, taskId, task.due());
                }
            });
        } else if (step instanceof MoveReminder move) {
            call(operations.updateTask(locationId, move.contactId(), move.taskId(), move.due()));
            response.put("taskId", move.taskId()).put("created", false);
            journal(eventId, key, response,
                    () -> stores.links().saveReminder(appointment.id(), move.contactId(), move.taskId(), move.due()));
        } else if (step instanceof CreateCalendarEvent create) {
            JsonNode body = call(operations.createCalendarAppointment(locationId, calendarId, contactId,
                    create.title(), create.start(), create.end(), create.status(), create.address())).body();
            String ghlId = requireText(body.path("id"), "calendars.createAppointment", "id");
            response.put("ghlAppointmentId", ghlId);
            journal(eventId, key, response, () -> stores.appointments().setGhlAppointmentId(appointment.id(), ghlId));
        } else if (step instanceof UpdateCalendarEvent update) {
            call(operations.updateCalendarAppointment(locationId, update.eventId(), update.start(), update.end(),
                    update.status()));
            response.put("ghlAppointmentId", update.eventId());
            journal(eventId, key, response, () -> {});
        } else {
            throw new IllegalStateException("no runner for step " + step);
        }
        return response;
    }

    /** Journals a completed step together with the local state it changed, in one transaction. */
    private void journal(UUID eventId, String step, JsonNode response, Runnable localChange) {
        tx.executeWithoutResult(s -> {
            stores.journal().record(eventId, step, response);
            localChange.run();
        });
    }

    private GhlResponse call(GhlRequest request) {
        return ghl.call(request);
    }

    private static String requireText(JsonNode node, String operation, String field) {
        if (!node.isTextual() || node.asText().isBlank()) {
            // The call succeeded but we cannot tell what it created: retrying could duplicate it.
            throw new GhlException(operation + " answered without " + field, 0, false, "unexpected_response", 0, null);
        }
        return node.asText();
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
