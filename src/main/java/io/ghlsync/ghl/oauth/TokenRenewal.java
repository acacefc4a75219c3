package io.ghlsync.ghl.oauth;

/** Timer step of route ghl-token-renewal; does nothing with a static token. */
public class TokenRenewal {

    private final OAuthTokenProvider oauth;

    public TokenRenewal(OAuthTokenProvider oauth) {
        this.oauth = oauth;
    }

    /** @return renewals that failed (each recorded on its location, alerted by the monitor) */
    public int renewDue() {
        return oauth == null ? 0 : oauth.renewDue();
    }
}
