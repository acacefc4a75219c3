package io.ghlsync.ghl;

/**
 * A failed GHL call. {@link #retryable()} decides between redelivery and the dead-letter table;
 * {@link #errorClass()} is a short stable label for metrics, the monitor and the dead-letter table.
 */
public class GhlException extends RuntimeException {

    private final int httpStatus;
    private final boolean retryable;
    private final String errorClass;
    private final long retryAfterMillis;

    public GhlException(String message, int httpStatus, boolean retryable, String errorClass, long retryAfterMillis,
            Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.retryable = retryable;
        this.errorClass = errorClass;
        this.retryAfterMillis = retryAfterMillis;
    }

    /** HTTP status, or 0 when no response was received. */
    public int httpStatus() {
        return httpStatus;
    }

    public boolean retryable() {
        return retryable;
    }

    public String errorClass() {
        return errorClass;
    }

    /** Delay GHL asked for (429 Retry-After), or 0. */
    public long retryAfterMillis() {
        return retryAfterMillis;
    }
}
