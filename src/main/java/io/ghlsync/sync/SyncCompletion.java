package io.ghlsync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.ghlsync.config.Json;
import io.ghlsync.deadletter.DeadLetterRepository;
import io.ghlsync.ghl.GhlException;
import io.ghlsync.monitor.SyncMetrics;
import io.ghlsync.outbox.OutboxRepository;
import io.ghlsync.outbox.SyncEvent;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records how a sync event's run ended: done, duplicate, handed back to the outbox (its location is paused), or
 * dead-lettered (one transaction with its outbox row).
 */
public class SyncCompletion {

    private static final Logger LOG = LoggerFactory.getLogger(SyncCompletion.class);

    private final OutboxRepository outbox;
    private final DeadLetterRepository deadLetters;
    private final TransactionTemplate tx;
    private final SyncWaiters waiters;
    private final SyncMetrics metrics;

    public SyncCompletion(OutboxRepository outbox, DeadLetterRepository deadLetters, TransactionTemplate tx,
            SyncWaiters waiters, SyncMetrics metrics) {
        this.outbox = outbox;
        this.deadLetters = deadLetters;
        this.tx = tx;
        this.waiters = waiters;
        this.metrics = metrics;
    }

    public void done(SyncEvent event, Object outcome) {
        JsonNode result = outcome instanceof JsonNode node ? node : Json.MAPPER.valueToTree(outcome);
        outbox.markDone(event.eventId(), result);
        waiters.finished(event.eventId());
        metrics.recordOutcome(event.action().wire(), "done", null);
        if (event.createdAt() != null) {
            metrics.recordLatency(event.action().wire(), Duration.between(event.createdAt(), OffsetDateTime.now()));
        }
        LOG.debug("Sync event {} ({} of appointment {}) done", event.eventId(), event.action().wire(),
                event.appointmentId());
    }

    public void duplicate(SyncEvent event) {
        outbox.markDuplicate(event.eventId());
        waiters.finished(event.eventId());
        metrics.recordOutcome(event.action().wire(), "duplicate", null);
        LOG.info("Sync event {} skipped: same appointment/action/timestamp already reached GHL", event.eventId());
    }

    /**
     * Route location-paused-handback: the event's GHL location is paused (429, daily budget), so it goes back to the
     * outbox, due when the pause ends, its attempt not counted. No worker or in-flight slot waits for that location
     * while other locations have work. The body is the original event.
     */
    public void handBack(Exchange exchange) {
        SyncEvent event = exchange.getIn().getBody(SyncEvent.class);
        GhlException ghl = SyncRetryPolicy.ghlFailure(exchange);
        long waitMillis = ghl == null ? 0 : ghl.retryAfterMillis();
        outbox.release(event.eventId(), waitMillis);
        LOG.debug("Sync event {} waits {} ms: its GHL location is paused", event.eventId(), waitMillis);
    }

    /**
     * Route sync-dead-letter: the event failed for good (retries used up, or a failure no retry can fix). Writes the
     * dead_letter row and marks the outbox row DEAD in one transaction. The body is the original event.
     */
    public void deadLetter(Exchange exchange) {
        SyncEvent event = exchange.getIn().getBody(SyncEvent.class);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        GhlException ghl = SyncRetryPolicy.ghlFailure(exchange);
        String errorClass = ghl != null ? ghl.errorClass() : "internal";
        boolean retryable = ghl != null && ghl.retryable();
        Integer status = ghl != null && ghl.httpStatus() > 0 ? ghl.httpStatus() : null;
        String error = cause == null ? "unknown" : cause.getMessage() == null ? cause.getClass().getSimpleName()
                : cause.getMessage();
        int attempts = SyncRetryPolicy.attempts(exchange);
        tx.executeWithoutResult(s -> {
            deadLetters.record(event.eventId(), event.appointmentId(), event.action().wire(), event.payload(), error,
                    errorClass, status, retryable, attempts);
            outbox.markDead(event.eventId(), error);
        });
        waiters.finished(event.eventId());
        metrics.recordOutcome(event.action().wire(), "dead", errorClass);
        LOG.warn("Sync event {} ({} of appointment {}) dead-lettered after {} attempt(s): {}", event.eventId(),
                event.action().wire(), event.appointmentId(), attempts, errorClass);
    }
}
