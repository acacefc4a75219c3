package io.ghlsync.deadletter;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One dead_letter row as shown by the API (the payload stays in the database: it may hold personal data). */
public record DeadLetterEntry(
        long id,
        UUID eventId,
        UUID appointmentId,
        String action,
        String error,
        String errorClass,
        Integer httpStatus,
        boolean retryable,
        int attempts,
        String status,
        int replayCount,
        OffsetDateTime nextReplayAt,
        String discardReason,
        OffsetDateTime createdAt,
        OffsetDateTime lastAttemptAt) {}
