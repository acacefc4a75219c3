package io.ghlsync.webhook;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Handles one claimed webhook: applies it and records the outcome on its inbox row in one transaction, so a
 * failure leaves neither half. Body: {@link InboxEvent}.
 */
public class WebhookEventHandler implements Processor {

    private final ContactEvents contacts;
    private final AppointmentEvents appointments;
    private final WebhookInboxRepository inbox;
    private final TransactionTemplate tx;
    private final AppInstallEvents installs;

    public WebhookEventHandler(ContactEvents contacts, AppointmentEvents appointments, WebhookInboxRepository inbox,
            TransactionTemplate tx) {
        this(contacts, appointments, inbox, tx, null);
    }

    /** @param installs INSTALL / UNINSTALL handling, or null to ignore those events */
    public WebhookEventHandler(ContactEvents contacts, AppointmentEvents appointments, WebhookInboxRepository inbox,
            TransactionTemplate tx, AppInstallEvents installs) {
        this.installs = installs;
        this.contacts = contacts;
        this.appointments = appointments;
        this.inbox = inbox;
        this.tx = tx;
    }

    @Override
    public void process(Exchange exchange) {
        InboxEvent event = exchange.getMessage().getBody(InboxEvent.class);
        GhlEvent ghl = GhlEvent.of(event.payload());
        if (installs != null && AppInstallEvents.handles(ghl.type())) {
            // Calls GHL and commits its own changes; a failure is retried like any other webhook.
            Outcome o = installs.apply(ghl);
            tx.executeWithoutResult(status -> inbox.finish(event.id(), o.status(), o.reason()));
            exchange.setProperty("webhookOutcome", o);
            return;
        }
        Outcome outcome = tx.execute(status -> {
            Outcome o = apply(ghl);
            inbox.finish(event.id(), o.status(), o.reason());
            return o;
        });
        exchange.setProperty("webhookOutcome", outcome);
    }

    Outcome apply(GhlEvent event) {
        String type = event.type() == null ? "" : event.type();
        try {
            return switch (type) {
                case "ContactCreate", "ContactUpdate" -> contacts.upsert(event);
                case "ContactTagUpdate" -> contacts.tags(event);
                case "ContactDelete" -> contacts.delete(event);
                case "AppointmentCreate", "AppointmentUpdate" -> appointments.apply(event, false);
                case "AppointmentDelete" -> appointments.apply(event, true);
                default -> Outcome.ignored("event type " + type + " is not used by the booking system");
            };
        } catch (UnreadableEventException e) {
            // Unreadable field values will not get better with retries.
            return Outcome.ignored("unreadable event: " + e.getMessage());
        }
    }
}
