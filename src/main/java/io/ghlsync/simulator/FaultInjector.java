package io.ghlsync.simulator;

import java.time.Duration;
import java.util.OptionalInt;

/** Failures the tests ask for: the next N API requests, or every API request until a deadline. */
final class FaultInjector {

    private int nextStatus;
    private int nextRemaining;
    private int outageStatus;
    private long outageUntilNanos;

    synchronized void failNext(int status, int count) {
        checkStatus(status);
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative");
        }
        nextStatus = status;
        nextRemaining = count;
    }

    synchronized void failFor(int status, Duration duration) {
        checkStatus(status);
        outageStatus = status;
        outageUntilNanos = System.nanoTime() + duration.toNanos();
    }

    synchronized void clear() {
        nextRemaining = 0;
        outageStatus = 0;
    }

    /** The status to fail this request with, spending one of the "next N" faults first. */
    synchronized OptionalInt take(long receivedNanos) {
        if (nextRemaining > 0) {
            nextRemaining--;
            return OptionalInt.of(nextStatus);
        }
        if (outageStatus != 0 && receivedNanos - outageUntilNanos < 0) {
            return OptionalInt.of(outageStatus);
        }
        return OptionalInt.empty();
    }

    private static void checkStatus(int status) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("fault status must be 4xx or 5xx, was " + status);
        }
    }
}
