package io.ghlsync.webhook;

import io.ghlsync.config.ApiException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores verified webhooks with group commit: requests that arrive while a write is running are written together by
 * the next one (one multi-row INSERT ... ON CONFLICT DO NOTHING, one commit). A request returns only after its row
 * is committed. If it cannot be stored in time (database down, pool exhausted, queue full) the answer is 429, the
 * one status GHL retries. Sets exchange property {@value #DUPLICATE}.
 */
public class WebhookInboxWriter implements Processor, AutoCloseable {

    public static final String DUPLICATE = "webhookDuplicate";

    private static final Logger LOG = LoggerFactory.getLogger(WebhookInboxWriter.class);

    private record Pending(WebhookInboxRepository.Entry entry, CompletableFuture<Boolean> stored) {}

    private final WebhookInboxRepository repository;
    private final BlockingQueue<Pending> queue;
    private final int batchMax;
    private final long timeoutMillis;
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean running = true;

    /**
     * @param writers       concurrent writers: while one commits, the next gathers its batch
     * @param batchMax      most rows per INSERT
     * @param queueCapacity waiting webhooks before new ones get 429
     * @param timeoutMillis longest a request waits for its commit before it gets 429
     */
    public WebhookInboxWriter(WebhookInboxRepository repository, int writers, int batchMax, int queueCapacity,
            long timeoutMillis) {
        this.repository = repository;
        this.batchMax = batchMax;
        this.timeoutMillis = timeoutMillis;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        for (int i = 0; i < writers; i++) {
            Thread t = new Thread(this::writeLoop, "webhook-inbox-writer-" + i);
            t.setDaemon(true);
            t.start();
            this.writers.add(t);
        }
    }

    @Override
    public void process(Exchange exchange) {
        WebhookEnvelope envelope = exchange.getProperty(WebhookEnvelopeReader.ENVELOPE, WebhookEnvelope.class);
        String signature = exchange.getProperty(WebhookSignatureVerifier.SCHEME, String.class);
        boolean isNew = store(new WebhookInboxRepository.Entry(envelope, signature));
        exchange.setProperty(DUPLICATE, !isNew);
    }

    /** @return true when stored now, false when this webhook id was stored before */
    public boolean store(WebhookInboxRepository.Entry entry) {
        Pending pending = new Pending(entry, new CompletableFuture<>());
        if (!running || !queue.offer(pending)) {
            throw retryLater("intake queue is full");
        }
        try {
            return pending.stored().get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw retryLater("the database did not confirm in time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw retryLater("interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ApiException api) {
                throw api;
            }
            throw retryLater("the database is unavailable");
        }
    }

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>(batchMax);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, batchMax - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                LOG.error("Webhook inbox writer failed: {}", e.getClass().getName(), e);
                batch.forEach(p -> p.stored().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Pending> batch) {
        // A webhook id twice in one batch: only the first is written; the later ones are duplicates of it.
        List<Pending> unique = new ArrayList<>(batch.size());
        List<Pending> repeats = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Pending p : batch) {
            (seen.add(p.entry().envelope().webhookId()) ? unique : repeats).add(p);
        }
        try {
            Set<String> inserted = repository.insert(unique.stream().map(Pending::entry).toList());
            unique.forEach(p -> p.stored().complete(inserted.contains(p.entry().envelope().webhookId())));
            repeats.forEach(p -> p.stored().complete(false));
        } catch (SQLException e) {
            if (isDataError(e) && unique.size() > 1) {
                // One unstorable event must not fail its neighbours: write them one by one.
                unique.forEach(p -> write(List.of(p)));
                repeats.forEach(p -> p.stored().complete(false));
                return;
            }
            if (isDataError(e)) {
                LOG.warn("Webhook {} could not be stored: SQLState {}", batch.get(0).entry().envelope().webhookId(),
                        e.getSQLState());
                batch.forEach(p -> p.stored().completeExceptionally(new ApiException(400, "Event cannot be stored",
                        List.of(new ApiException.FieldError("body", "rejected by the database as text")))));
                return;
            }
            LOG.warn("Storing {} webhook(s) failed: SQLState {} ({})", batch.size(), e.getSQLState(),
                    e.getClass().getSimpleName());
            batch.forEach(p -> p.stored().completeExceptionally(e));
        }
    }

    /** SQLState class 22: the data itself was refused (e.g. an invalid byte sequence); retrying the same bytes cannot help. */
    private static boolean isDataError(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("22");
    }

    private static ApiException retryLater(String why) {
        return new ApiException(429, "Webhook not stored, retry later",
                List.of(new ApiException.FieldError("inbox", why)));
    }

    @Override
    public void close() {
        running = false;
        for (Thread t : writers) {
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        queue.forEach(p -> p.stored().completeExceptionally(new IllegalStateException("shutting down")));
    }
}
