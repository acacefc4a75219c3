package io.ghlsync.monitor;

import io.ghlsync.config.ApiException;
import io.ghlsync.config.ApiException.FieldError;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The minutes a timeline covers: the last {@code minutes} whole minutes up to and including the current one, so the
 * newest bucket is the minute still in progress.
 *
 * @param from start of the oldest bucket (inclusive)
 * @param to end of the current minute (exclusive)
 */
public record TimelineWindow(int minutes, Instant from, Instant to) {

    public static final int DEFAULT_MINUTES = 60;
    public static final int MAX_MINUTES = 1440;

    public static TimelineWindow lastMinutes(int minutes, Instant now) {
        Instant to = now.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
        return new TimelineWindow(minutes, to.minus(Duration.ofMinutes(minutes)), to);
    }

    /** Reads {@code ?minutes=} (1..1440, default 60); any other parameter or a bad value is a 400 naming it. */
    public static TimelineWindow parse(Map<String, String> query, Clock clock) {
        List<FieldError> errors = new ArrayList<>();
        for (String key : query.keySet()) {
            if (!"minutes".equals(key)) {
                errors.add(new FieldError("query." + key, "unknown parameter; allowed: minutes"));
            }
        }
        int minutes = DEFAULT_MINUTES;
        String raw = query.get("minutes");
        if (raw != null && !raw.isBlank()) {
            try {
                minutes = Integer.parseInt(raw.trim());
            } catch (NumberFormatException e) {
                minutes = -1;
            }
            if (minutes < 1 || minutes > MAX_MINUTES) {
                errors.add(new FieldError("query.minutes", "must be a whole number from 1 to " + MAX_MINUTES));
            }
        }
        if (!errors.isEmpty()) {
            throw new ApiException(400, "Invalid timeline request", errors);
        }
        return lastMinutes(minutes, clock.instant());
    }

    /** Start of the i-th bucket, 0 = oldest. */
    public Instant bucketStart(int i) {
        return from.plus(Duration.ofMinutes(i));
    }
}
