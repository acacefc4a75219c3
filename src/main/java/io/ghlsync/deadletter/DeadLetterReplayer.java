package io.ghlsync.deadletter;

import io.ghlsync.deadletter.DeadLetterRepository.Claimed;
import io.ghlsync.outbox.OutboxRepository;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Puts dead-lettered events back into the outbox. Taking the entries, re-queuing their events and recording the
 * outcome happen in one transaction: a crash in between leaves everything as it was. An entry whose appointment
 * already has a newer event done is discarded as superseded rather than replayed, so GHL never goes back to an
 * older state than the booking system's.
 */
public class DeadLetterReplayer {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterReplayer.class);

    public enum Outcome { REPLAYED, SUPERSEDED, RESCHEDULED }

    /** What a replay run did. {@code rescheduled}: the event could not be re-queued; the entry waits (or parks). */
    public record Summary(int replayed, int superseded, int rescheduled) {
        public int total() {
            return replayed + superseded + rescheduled;
        }
    }

    private final DeadLetterRepository deadLetters;
    private final OutboxRepository outbox;
    private final TransactionTemplate tx;
    private final int batchSize;

    public DeadLetterReplayer(DeadLetterRepository deadLetters, OutboxRepository outbox, TransactionTemplate tx,
            int batchSize) {
        this.deadLetters = deadLetters;
        this.outbox = outbox;
        this.tx = tx;
        this.batchSize = batchSize;
    }

    /** Manual replay of one entry (open or parked, retryable or not); empty when it is not replayable. */
    public java.util.Optional<Outcome> replayOne(long id) {
        Summary s = run(() -> deadLetters.lockReplayable(id, DeadLetterFilter.none(1)));
        if (s.total() == 0) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(s.replayed() == 1 ? Outcome.REPLAYED
                : s.superseded() == 1 ? Outcome.SUPERSEDED : Outcome.RESCHEDULED);
    }

    /** Manual replay of every open or parked entry the filter matches (up to its limit). */
    public Summary replayMatching(DeadLetterFilter filter) {
        return run(() -> deadLetters.lockReplayable(null, filter));
    }

    /** Scheduled replay: due, retryable, open entries, one batch. */
    public Summary replayDue() {
        Summary s = run(() -> deadLetters.claimDue(batchSize));
        if (s.total() > 0) {
            LOG.info("Scheduled dead-letter replay: {} replayed, {} superseded, {} rescheduled",
                    s.replayed(), s.superseded(), s.rescheduled());
        }
        return s;
    }

    private Summary run(Supplier<List<Claimed>> claim) {
        return tx.execute(status -> {
            int replayed = 0;
            int superseded = 0;
            int rescheduled = 0;
            for (Claimed c : claim.get()) {
                switch (replay(c)) {
                    case REPLAYED -> replayed++;
                    case SUPERSEDED -> superseded++;
                    case RESCHEDULED -> rescheduled++;
                }
            }
            return new Summary(replayed, superseded, rescheduled);
        });
    }

    private Outcome replay(Claimed c) {
        if (outbox.superseded(c.eventId())) {
            deadLetters.markSuperseded(c.id());
            LOG.info("Dead letter {} (event {}) superseded by a newer completed event; not replayed", c.id(),
                    c.eventId());
            return Outcome.SUPERSEDED;
        }
        if (c.eventId() != null && outbox.requeue(c.eventId())) {
            deadLetters.markReplayed(c.id());
            LOG.info("Dead letter {} replayed: event {} back in the outbox", c.id(), c.eventId());
            return Outcome.REPLAYED;
        }
        deadLetters.reschedule(c.id(), c.replayCount());
        LOG.warn("Dead letter {}: event {} is not dead in the outbox; replay rescheduled", c.id(), c.eventId());
        return Outcome.RESCHEDULED;
    }
}
