package io.ghlsync.ghl;

/**
 * The bearer token for GHL calls of one location. A static Private Integration token serves every location; an OAuth
 * app has a token per location, refreshed before it expires.
 */
public interface GhlTokenProvider {

    /**
     * A token that should be accepted now.
     *
     * @throws GhlException when the location has no usable token (not installed, uninstalled, refresh refused)
     */
    String accessToken(String locationId);

    /** GHL refused {@code token} (401): the next {@link #accessToken} must not return it again. */
    void invalidate(String locationId, String token);

    /** Whether {@link #invalidate} can lead to a different token, i.e. whether a 401 is worth one more try. */
    default boolean renewable() {
        return false;
    }

    /** One token for every location: GHL_API_KEY, or the simulator's. A 401 cannot be fixed by asking again. */
    static GhlTokenProvider fixed(String token) {
        return new GhlTokenProvider() {
            @Override
            public String accessToken(String locationId) {
                return token;
            }

            @Override
            public void invalidate(String locationId, String rejected) {
                // nothing to renew
            }
        };
    }
}
