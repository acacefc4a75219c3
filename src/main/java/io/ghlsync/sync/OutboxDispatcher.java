package io.ghlsync.sync;

import io.ghlsync.outbox.OutboxRepository;
import io.ghlsync.outbox.SyncEvent;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims outbox events for this instance, never more than the workers can hold, so a claimed event does not sit
 * in memory while its lease runs out. Events this instance had claimed before a restart are handed back at start.
 */
public class OutboxDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxDispatcher.class);

    private final OutboxRepository outbox;
    private final String instanceId;
    private final int batchSize;
    private final int maxInFlight;
    private final long leaseMillis;
    private final boolean enabled;
    private final int perLocation;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<String, AtomicInteger> inFlightByLocation = new ConcurrentHashMap<>();
    /** Events claimed by this instance whose exchange has not completed yet. */
    private final Set<UUID> running = ConcurrentHashMap.newKeySet();
    /** Set when a claim failed (database away): claims may have committed unseen, outcomes may be unwritten. */
    private volatile boolean reconcile;

    public OutboxDispatcher(OutboxRepository outbox, String instanceId, int batchSize, int maxInFlight,
            long leaseMillis, boolean enabled) {
        this(outbox, instanceId, batchSize, maxInFlight, leaseMillis, enabled, maxInFlight);
    }

    /**
     * @param perLocation most events of one GHL location held at once, so a location whose calls wait (burst
     *     throttle) or fail slowly never takes every worker from the others
     */
    public OutboxDispatcher(OutboxRepository outbox, String instanceId, int batchSize, int maxInFlight,
            long leaseMillis, boolean enabled, int perLocation) {
        this.perLocation = Math.max(1, perLocation);
        this.outbox = outbox;
        this.instanceId = instanceId;
        this.batchSize = batchSize;
        this.maxInFlight = maxInFlight;
        this.leaseMillis = leaseMillis;
        this.enabled = enabled;
    }

    /** Returns events left PROCESSING by an earlier run of this same instance (crash, kill) to the queue. */
    public int recoverOwnClaims() {
        int n = outbox.releaseAllClaimedBy(instanceId);
        if (n > 0) {
            LOG.info("Recovered {} sync events claimed before the last stop", n);
        }
        return n;
    }

    public List<SyncEvent> claim() {
        if (!enabled) {
            return List.of();
        }
        List<SyncEvent> events;
        try {
            if (reconcile) {
                handBackOrphans();
                reconcile = false;
            }
            int free = Math.min(batchSize, maxInFlight - inFlight.get());
            if (free <= 0) {
                return List.of();
            }
            Set<String> full = new HashSet<>();
            inFlightByLocation.forEach((location, n) -> {
                if (n.get() >= perLocation) {
                    full.add(location);
                }
            });
            events = outbox.claim(free, leaseMillis, instanceId, perLocation, full);
        } catch (RuntimeException e) {
            reconcile = true;
            throw e;
        }
        events.forEach(e -> running.add(e.eventId()));
        inFlight.addAndGet(events.size());
        for (SyncEvent e : events) {
            inFlightByLocation.computeIfAbsent(key(e.locationId()), k -> new AtomicInteger()).incrementAndGet();
        }
        return events;
    }

    /**
     * After the database was away, rows this instance holds PROCESSING but is not working on (a claim that
     * committed while its answer was lost, a run whose DONE or dead-letter write failed) go back to the queue
     * now instead of waiting minutes for their lease to run out.
     */
    private void handBackOrphans() {
        int n = 0;
        for (UUID eventId : outbox.claimedBy(instanceId)) {
            if (!running.contains(eventId) && outbox.release(eventId, 0)) {
                n++;
            }
        }
        if (n > 0) {
            LOG.info("Handed back {} sync events left without an outcome while the database was away", n);
        }
    }

    /** First step of route sync-event: the slot is given back when the event's exchange completes, however. */
    public void track(Exchange exchange) {
        SyncEvent event = exchange.getIn().getBody(SyncEvent.class);
        AtomicInteger ofLocation = event == null ? null : inFlightByLocation.get(key(event.locationId()));
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                if (event != null) {
                    running.remove(event.eventId());
                }
                inFlight.decrementAndGet();
                if (ofLocation != null) {
                    ofLocation.decrementAndGet();
                }
            }
        });
    }

    private static String key(String locationId) {
        return locationId == null ? "" : locationId;
    }

    public int inFlight() {
        return inFlight.get();
    }
}
