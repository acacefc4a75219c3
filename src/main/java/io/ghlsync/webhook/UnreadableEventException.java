package io.ghlsync.webhook;

/** A stored event whose field values cannot be read; retrying would not help, so it is IGNORED with the reason. */
public class UnreadableEventException extends RuntimeException {

    public UnreadableEventException(String message) {
        super(message);
    }
}
