package io.ghlsync.sync;

import io.ghlsync.ghl.GhlException;
import io.ghlsync.ghl.GhlPausedException;
import org.apache.camel.Exchange;
import org.apache.camel.Predicate;
import org.apache.camel.Processor;

/**
 * Every decision about a failed sync event, in one place: redeliver it now (retryWhile of route configuration
 * sync-errors), how long to wait (onExceptionOccurred), and, once it is not redelivered, where it goes (the
 * predicate route sync-failed chooses by).
 *
 * <ul>
 *   <li>Retryable failures (network, 408, 5xx) are retried {@code maxRetries} times, with the policy's exponential
 *       backoff, when retries are enabled.
 *   <li>A 429 is waited out for GHL's Retry-After (the budget already paused every worker) and does not spend those
 *       retries; at most {@code max429Waits} in a row.
 *   <li>A call refused before sending because its location is paused ({@link GhlPausedException}) is not
 *       redelivered here: {@link #locationPaused} sends it to route location-paused-handback, which hands the event
 *       back to the outbox until the pause ends.
 *   <li>Anything else (400/401/403/404/422, missing data, bugs), and retries used up, go to the dead letter.
 * </ul>
 */
public class SyncRetryPolicy implements Predicate, Processor {

    static final String RETRIES = "ghlSyncRetries";
    static final String RATE_LIMIT_WAITS = "ghlSyncRateLimitWaits";

    private final boolean retryOnFailure;
    private final int maxRetries;
    private final int max429Waits;

    public SyncRetryPolicy(boolean retryOnFailure, int maxRetries, int max429Waits) {
        this.retryOnFailure = retryOnFailure;
        this.maxRetries = maxRetries;
        this.max429Waits = max429Waits;
    }

    /** retryWhile: evaluated once per failure, counts the attempt it allows. */
    @Override
    public boolean matches(Exchange exchange) {
        GhlException ghl = ghlFailure(exchange);
        if (ghl == null || !ghl.retryable() || paused(ghl)) {
            return false; // a paused location: the event goes back to the outbox, it does not wait in memory
        }
        if (ghl.httpStatus() == 429) {
            return allow(exchange, RATE_LIMIT_WAITS, max429Waits);
        }
        return retryOnFailure && allow(exchange, RETRIES, maxRetries);
    }

    /**
     * Where an event goes that is not redelivered: {@code true} when its GHL location is paused (after a 429, or its
     * daily budget is used up), so the event goes back to the outbox until the pause ends, its attempt not counted;
     * {@code false} for every other failure, which is a dead letter. Route sync-failed chooses by this.
     */
    public boolean locationPaused(Exchange exchange) {
        return paused(ghlFailure(exchange));
    }

    private static boolean paused(GhlException ghl) {
        return ghl instanceof GhlPausedException;
    }

    /** onExceptionOccurred: a 429 waits for what GHL asked, not for the backoff schedule. */
    @Override
    public void process(Exchange exchange) {
        GhlException ghl = ghlFailure(exchange);
        if (ghl != null && ghl.httpStatus() == 429) {
            exchange.getIn().setHeader(Exchange.REDELIVERY_DELAY, Math.max(1, ghl.retryAfterMillis()));
        } else {
            exchange.getIn().removeHeader(Exchange.REDELIVERY_DELAY);
        }
    }

    /** Attempts made so far: the first one plus every redelivery allowed. */
    public static int attempts(Exchange exchange) {
        return 1 + exchange.getProperty(RETRIES, 0, Integer.class)
                + exchange.getProperty(RATE_LIMIT_WAITS, 0, Integer.class);
    }

    static GhlException ghlFailure(Exchange exchange) {
        Throwable t = exchange.getException();
        if (t == null) {
            t = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        }
        for (; t != null; t = t.getCause()) {
            if (t instanceof GhlException ghl) {
                return ghl;
            }
        }
        return null;
    }

    /** Counts one more redelivery of this kind when it is within the limit. */
    private static boolean allow(Exchange exchange, String property, int limit) {
        int n = exchange.getProperty(property, 0, Integer.class) + 1;
        if (n > limit) {
            return false;
        }
        exchange.setProperty(property, n);
        return true;
    }
}
