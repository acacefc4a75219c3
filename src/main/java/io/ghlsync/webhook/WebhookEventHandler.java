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
    private final WebhookAudience audience;
    private final IgnoredWebhooks ignored;

    /**
     * @param installs INSTALL / UNINSTALL handling
     * @param audience which events are for this service; the others are ignored without being applied
     */
    public WebhookEventHandler(ContactEvents contacts, AppointmentEvents appointments, WebhookInboxRepository inbox,
            TransactionTemplate tx, AppInstallEvents installs, WebhookAudience audience, IgnoredWebhooks ignored) {
        this.installs = installs;
        this.contacts = contacts;
        this.appointments = appointments;
        this.inbox = inbox;
        this.tx = tx;
        this.audience = audience;
        this.ignored = ignored;
    }

    @Override
    public void process(Exchange exchange) {
        InboxEvent event = exchange.getMessage().getBody(InboxEvent.class);
        GhlEvent ghl = GhlEvent.of(event.payload());
        WebhookAudience.Stranger stranger = audience.check(ghl);
        if (stranger != null) {
            // Validly signed, but for another location or app: nothing of it is applied.
            Outcome o = Outcome.ignored(stranger.reason());
            tx.executeWithoutResult(status -> inbox.finish(event.id(), o.status(), o.reason()));
            finished(exchange, o, stranger);
            return;
        }
        if (AppInstallEvents.handles(ghl.type())) {
            // Calls GHL and commits its own changes; a failure is retried like any other webhook.
            Outcome o = installs.apply(ghl);
            tx.executeWithoutResult(status -> inbox.finish(event.id(), o.status(), o.reason()));
            finished(exchange, o, null);
            return;
        }
        Outcome outcome = tx.execute(status -> {
            Outcome o = apply(ghl);
            inbox.finish(event.id(), o.status(), o.reason());
            return o;
        });
        finished(exchange, outcome, null);
    }

    private void finished(Exchange exchange, Outcome outcome, WebhookAudience.Stranger stranger) {
        if ("IGNORED".equals(outcome.status())) {
            ignored.count(stranger);
        }
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
