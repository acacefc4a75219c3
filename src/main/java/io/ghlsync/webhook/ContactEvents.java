package io.ghlsync.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.ghlsync.booking.Lead;
import io.ghlsync.booking.LeadRepository;
import java.time.Instant;
import java.util.UUID;

/**
 * Applies GHL contact events to leads through booking's {@link LeadRepository} (runs inside the handler's
 * transaction). A contact is matched by its GHL id, then a not-yet-linked lead by email, then by phone. Nothing is written when the event carries what
 * the lead already holds, so echoes of ghl-sync's own writes change nothing.
 */
public class ContactEvents {

    private final LeadRepository leads;

    public ContactEvents(LeadRepository leads) {
        this.leads = leads;
    }

    /** ContactCreate / ContactUpdate: upsert the lead. */
    public Outcome upsert(GhlEvent event) {
        JsonNode contact = event.body();
        String contactId = GhlEvent.text(contact, "id");
        if (contactId == null) {
            return Outcome.ignored("contact event without id");
        }
        Lead lead = leads.lockByGhlContactId(contactId).orElse(null);
        if (lead == null && GhlEvent.text(contact, "email") != null) {
            lead = leads.lockUnlinkedByEmail(GhlEvent.text(contact, "email")).orElse(null);
        }
        if (lead == null && GhlEvent.text(contact, "phone") != null) {
            lead = leads.lockUnlinkedByPhone(GhlEvent.text(contact, "phone")).orElse(null);
        }
        if (lead == null) {
            LeadState created = LeadState.fromContact(contact, event.locationId());
            UUID id = leads.insertFromGhl(lead(null, created));
            return Outcome.done("lead " + id + " created");
        }
        if (isStale(contact, lead)) {
            return Outcome.ignored("older than the contact change already applied to lead " + lead.id());
        }
        return save(lead, state(lead).with(contact, event.locationId(), false));
    }

    /** ContactTagUpdate: the lead's tags follow GHL's. */
    public Outcome tags(GhlEvent event) {
        Lead lead = linked(event);
        if (lead == null) {
            return Outcome.ignored("no lead is linked to this GHL contact");
        }
        if (isStale(event.body(), lead)) {
            return Outcome.ignored("older than the contact change already applied to lead " + lead.id());
        }
        return save(lead, state(lead).with(event.body(), event.locationId(), true));
    }

    /** ContactDelete: the lead is marked deleted, never removed. */
    public Outcome delete(GhlEvent event) {
        Lead lead = linked(event);
        if (lead == null) {
            return Outcome.ignored("no lead is linked to this GHL contact");
        }
        if (lead.deletedAt() != null) {
            return Outcome.done("lead " + lead.id() + " was already deleted");
        }
        leads.softDelete(lead.id());
        return Outcome.done("lead " + lead.id() + " marked deleted");
    }

    private Lead linked(GhlEvent event) {
        String contactId = GhlEvent.text(event.body(), "id");
        return contactId == null ? null : leads.lockByGhlContactId(contactId).orElse(null);
    }

    private Outcome save(Lead lead, LeadState next) {
        if (next.sameData(state(lead))) {
            return Outcome.done("unchanged: lead " + lead.id() + " already matches");
        }
        leads.updateFromGhl(lead(lead.id(), next));
        return Outcome.done("lead " + lead.id() + " updated");
    }

    private static boolean isStale(JsonNode contact, Lead lead) {
        Instant incoming = GhlTimes.parse(contact, "dateUpdated");
        Instant applied = lead.ghlDateUpdated();
        return incoming != null && applied != null && incoming.isBefore(applied);
    }

    /** The lead columns a contact event can change. */
    private static LeadState state(Lead lead) {
        return new LeadState(lead.ghlContactId(), lead.locationId(), lead.name(), lead.email(), lead.phone(),
                lead.address(), lead.tags(), lead.ghlDateUpdated());
    }

    /** A lead row holding these contact columns (tags default to none). */
    private static Lead lead(UUID id, LeadState s) {
        return new Lead(id, s.locationId(), s.contactId(), s.name(), s.email(), s.phone(), s.address(),
                s.tags() == null ? LeadState.NO_TAGS : s.tags(), s.ghlDateUpdated(), null);
    }
}
