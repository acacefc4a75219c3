package io.ghlsync.sync;

import io.ghlsync.ghl.GhlException;

/**
 * The booking data cannot be synced as it is (appointment gone, no way to find a contact). Retrying cannot help,
 * so it is never retryable and goes straight to the dead letters.
 */
public class SyncDataException extends GhlException {

    public SyncDataException(String message, String errorClass) {
        super(message, 0, false, errorClass, 0, null);
    }
}
