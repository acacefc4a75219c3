package io.ghlsync.security;

/** The service refuses its settings; the message says every reason and is all an operator needs to see. */
public class UnsafeConfigurationException extends IllegalStateException {

    public UnsafeConfigurationException(String message) {
        super(message);
    }
}
