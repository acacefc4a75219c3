package io.ghlsync.ghl;

/**
 * A GHL call refused before sending because its location is paused (after a 429, or its daily budget is used up).
 * Thrown at once instead of holding a worker thread: the sync pipeline hands the event back to the outbox until
 * {@link #retryAfterMillis()} has passed, so other locations keep every worker.
 */
public class GhlPausedException extends GhlException {

    public GhlPausedException(String locationId, long pauseMillis) {
        super("GHL location " + locationId + " is paused for " + pauseMillis + " ms", 0, true, "paused", pauseMillis,
                null);
    }
}
