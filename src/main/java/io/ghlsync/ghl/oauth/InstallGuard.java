package io.ghlsync.ghl.oauth;

import io.ghlsync.ghl.oauth.OAuthStateTokens.InvalidStateException;

/**
 * Who may install the app: the company allowlist (every install, however it started) and, for installs started
 * from an install link, its signed single-use {@code state}. A state does not widen the allowlist; it proves the
 * install started from a link this service issued recently.
 */
public class InstallGuard {

    public static final String CALLBACK = "oauth-callback";
    public static final String WEBHOOK = "install-webhook";

    private final CompanyAllowlist allowlist;
    private final InstallRefusals refusals;
    private final OAuthStateTokens states;
    private final OAuthStateNonces nonces;

    /** @param states null when no secret is configured to sign states (then every state is refused) */
    public InstallGuard(CompanyAllowlist allowlist, InstallRefusals refusals, OAuthStateTokens states,
            OAuthStateNonces nonces) {
        this.allowlist = allowlist;
        this.refusals = refusals;
        this.states = states;
        this.nonces = nonces;
    }

    /**
     * Checks and spends an install link's state. It is spent before the code is exchanged, so two requests with
     * one state cannot both get through; a failed exchange therefore needs a new link.
     *
     * @throws InvalidStateException when it is forged, altered, expired, or used before
     */
    public void spendState(String state) {
        if (states == null) {
            throw new InvalidStateException("this service issues no install links (no secret to sign them)");
        }
        OAuthStateTokens.Verified verified = states.verify(state);
        if (!nonces.spend(verified.nonce(), verified.expiresAt())) {
            throw new InvalidStateException("already used: open a new install link");
        }
    }

    /** Decides, and records a refusal for the monitor and the log. */
    public CompanyAllowlist.Decision admit(String companyId, String locationId, String source) {
        CompanyAllowlist.Decision decision = allowlist.decide(companyId);
        if (!decision.allowed()) {
            refusals.record(companyId, locationId, source, decision.reason());
        }
        return decision;
    }
}
