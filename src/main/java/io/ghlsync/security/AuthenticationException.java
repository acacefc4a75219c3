package io.ghlsync.security;

/** Credentials were given but are not valid: a 401 whose message says why, never echoing the credential. */
public class AuthenticationException extends RuntimeException {

    public AuthenticationException(String message) {
        super(message, null, false, false);
    }
}
