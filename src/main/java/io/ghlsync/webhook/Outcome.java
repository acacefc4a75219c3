package io.ghlsync.webhook;

/** How a stored webhook ended: DONE (applied or already equal) or IGNORED (nothing applicable), with why. */
public record Outcome(String status, String reason) {

    public static Outcome done(String reason) {
        return new Outcome("DONE", reason);
    }

    public static Outcome ignored(String reason) {
        return new Outcome("IGNORED", reason);
    }
}
