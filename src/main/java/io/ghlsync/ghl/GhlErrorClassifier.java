package io.ghlsync.ghl;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

/**
 * Decides which GHL failures are worth retrying, as the original design: network errors, 408, 429 and 5xx are;
 * 400/401/403/404/422 (and other 4xx) go straight to the dead letter because a retry cannot change the answer.
 */
public final class GhlErrorClassifier {

    private GhlErrorClassifier() {}

    public static boolean retryable(int status) {
        return status == 408 || status == 429 || status >= 500;
    }

    /** Short, stable label for metrics and the dead-letter table. */
    public static String errorClass(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 408 -> "timeout";
            case 422 -> "validation";
            case 429 -> "rate_limited";
            default -> status >= 500 ? "server_error" : "client_error";
        };
    }

    /** A failure with no HTTP answer (connection refused, timeout, DNS, reset): always retryable. */
    public static GhlException transportFailure(String operation, Throwable cause) {
        String errorClass;
        if (cause instanceof SocketTimeoutException || cause instanceof InterruptedIOException) {
            errorClass = "timeout";
        } else if (cause instanceof ConnectException) {
            errorClass = "connection_refused";
        } else if (cause instanceof UnknownHostException) {
            errorClass = "dns";
        } else {
            errorClass = "network";
        }
        return new GhlException("GHL " + operation + " failed: " + cause.getClass().getSimpleName(), 0, true,
                errorClass, 0, cause);
    }

    /**
     * GHL's own error text is not kept: it can quote the contact's data (an email "already exists"), and the message
     * travels into dead letters, the monitor and the original endpoint's answer. Operation, status and class say
     * what to do.
     */
    public static GhlException httpFailure(String operation, int status, long retryAfterMillis) {
        String message = "GHL " + operation + " answered " + status + " (" + errorClass(status) + ")";
        return new GhlException(message, status, retryable(status), errorClass(status), retryAfterMillis, null);
    }
}
