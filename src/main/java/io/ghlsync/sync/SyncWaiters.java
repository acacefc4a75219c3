package io.ghlsync.sync;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Lets an HTTP caller wait for the outcome of an event processed by this instance, without polling the database.
 * The database stays the truth: a caller whose wait ends reads the row.
 */
public class SyncWaiters {

    private final Map<UUID, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();

    public CompletableFuture<Void> register(UUID eventId) {
        return waiting.computeIfAbsent(eventId, id -> new CompletableFuture<>());
    }

    public void finished(UUID eventId) {
        CompletableFuture<Void> f = waiting.remove(eventId);
        if (f != null) {
            f.complete(null);
        }
    }

    /** Waits up to the timeout; true when the event finished in time. */
    public boolean await(UUID eventId, CompletableFuture<Void> future, long timeoutMillis) {
        try {
            future.get(timeoutMillis, TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception timeout) {
            return false;
        } finally {
            waiting.remove(eventId, future);
        }
    }
}
