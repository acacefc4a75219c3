package io.ghlsync.ghl.oauth;

import io.ghlsync.ghl.GhlException;
import io.ghlsync.ghl.GhlTokenProvider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * OAuth tokens per location of a GHL Marketplace app, kept encrypted in ghl_oauth_tokens.
 *
 * <p>A token is renewed {@code refreshBefore} ahead of its expiry, or when GHL refused it (401). Renewal runs
 * inside one database transaction that holds the token row's lock ({@code SELECT … FOR UPDATE}) across the call to
 * GHL and the write of the new pair, so two workers or two instances never spend the same single-use refresh token:
 * the second one waits for the lock, then finds the new token already there. Inside one instance a lock per owner
 * keeps the waiting threads off the connection pool. Location tokens of company-level installs have no refresh
 * token; they are minted again from the company token through /oauth/locationToken.
 */
public class OAuthTokenProvider implements GhlTokenProvider {

    private static final Logger LOG = LoggerFactory.getLogger(OAuthTokenProvider.class);

    private final OAuthTokenStore store;
    private final GhlLocations locations;
    private final GhlOAuthClient client;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Duration refreshBefore;
    private final Map<TokenOwner, TokenGrant> cache = new ConcurrentHashMap<>();
    private final Map<TokenOwner, String> rejected = new ConcurrentHashMap<>();
    private final Map<TokenOwner, ReentrantLock> locks = new ConcurrentHashMap<>();

    /** @param tx a template that opens a NEW transaction (a rollback elsewhere must never lose a refresh token) */
    public OAuthTokenProvider(OAuthTokenStore store, GhlLocations locations, GhlOAuthClient client,
            TransactionTemplate tx, Clock clock, Duration refreshBefore) {
        this.store = store;
        this.locations = locations;
        this.client = client;
        this.tx = tx;
        this.clock = clock;
        this.refreshBefore = refreshBefore;
    }

    @Override
    public String accessToken(String locationId) {
        if (locationId == null || locationId.isBlank()) {
            throw new GhlException("GHL call without a location: OAuth tokens are per location", 0, false,
                    "no_location", 0, null);
        }
        if (locations.isUninstalled(locationId)) {
            throw uninstalled(locationId);
        }
        return token(TokenOwner.location(locationId)).accessToken();
    }

    @Override
    public void invalidate(String locationId, String token) {
        TokenOwner owner = TokenOwner.location(locationId);
        rejected.put(owner, token);
        cache.computeIfPresent(owner, (k, g) -> g.accessToken().equals(token) ? null : g);
    }

    @Override
    public boolean renewable() {
        return true;
    }

    /** After an uninstall: nothing of the location stays in memory. */
    public void forget(TokenOwner owner) {
        cache.remove(owner);
        rejected.remove(owner);
    }

    /** Stores tokens GHL just issued (authorization code exchange) and drops what was cached for that owner. */
    public void store(TokenOwner owner, TokenGrant grant) {
        tx.executeWithoutResult(s -> store.save(owner, grant));
        forget(owner);
    }

    /** Uninstall: the owner's tokens are deleted from the database and from memory. */
    public void delete(TokenOwner owner) {
        tx.executeWithoutResult(s -> store.delete(owner));
        forget(owner);
    }

    /** When the location's token expires (cached or stored), if it has one. */
    public Optional<Instant> expiresAt(String locationId) {
        TokenOwner owner = TokenOwner.location(locationId);
        TokenGrant g = cache.get(owner);
        return g != null ? Optional.of(g.expiresAt()) : store.find(owner).map(TokenGrant::expiresAt);
    }

    /**
     * Renews the tokens of every active location that would expire within {@code refreshBefore}, so an idle
     * location's broken install shows up (and alerts) before its next booking. Failures are recorded, not thrown.
     *
     * @return how many renewals failed
     */
    public int renewDue() {
        int failed = 0;
        Instant due = clock.instant().plus(refreshBefore);
        List<GhlLocations.Location> all = locations.list();
        for (GhlLocations.Location l : all) {
            if (!GhlLocations.ACTIVE.equals(l.status()) || l.tokenExpiresAt() == null
                    || l.tokenExpiresAt().isAfter(due)) {
                continue;
            }
            try {
                token(TokenOwner.location(l.id()));
            } catch (RuntimeException e) {
                failed++; // already recorded on the location by token()
            }
        }
        return failed;
    }

    TokenGrant token(TokenOwner owner) {
        TokenGrant g = cache.get(owner);
        if (usable(owner, g)) {
            return g;
        }
        ReentrantLock lock = locks.computeIfAbsent(owner, k -> new ReentrantLock());
        lock.lock();
        try {
            g = cache.get(owner);
            if (usable(owner, g)) {
                return g;
            }
            Optional<TokenGrant> stored = store.find(owner);
            if (stored.isPresent() && usable(owner, stored.get())) {
                cache.put(owner, stored.get());
                return stored.get();
            }
            TokenGrant fresh = renewRecorded(owner, stored.orElse(null));
            cache.put(owner, fresh);
            rejected.remove(owner);
            return fresh;
        } finally {
            lock.unlock();
        }
    }

    private TokenGrant renewRecorded(TokenOwner owner, TokenGrant stored) {
        try {
            TokenGrant fresh = renew(owner, stored);
            if (TokenOwner.LOCATION.equals(owner.type())) {
                locations.refreshError(owner.id(), null);
            }
            return fresh;
        } catch (GhlException e) {
            String error = e.errorClass() + (e.httpStatus() > 0 ? " (HTTP " + e.httpStatus() + ")" : "");
            LOG.warn("GHL token of {} could not be renewed: {}", owner, error);
            if (TokenOwner.LOCATION.equals(owner.type())) {
                locations.refreshError(owner.id(), error);
            }
            throw new GhlException("GHL token of " + owner + " could not be renewed: " + error, e.httpStatus(),
                    e.retryable(), "token_refresh_failed", 0, e);
        }
    }

    /** One renewal: refresh, or mint from the company token; the new pair is committed before the lock is freed. */
    private TokenGrant renew(TokenOwner owner, TokenGrant stored) {
        boolean mint = TokenOwner.LOCATION.equals(owner.type()) && (stored == null || stored.refreshToken() == null);
        TokenGrant company = null;
        String companyId = stored == null ? null : stored.companyId();
        if (mint) {
            if (companyId == null) {
                companyId = companyOf(owner.id());
            }
            if (companyId == null) {
                throw new GhlException("no OAuth token for location " + owner.id()
                        + ": install the app on it (or through its agency)", 401, false, "not_installed", 0, null);
            }
            // Before the location's transaction: never hold two pooled connections at once.
            company = token(TokenOwner.company(companyId));
        }
        TokenGrant companyToken = company;
        String company_ = companyId;
        return tx.execute(s -> {
            Optional<TokenGrant> locked = store.lock(owner);
            if (locked.isPresent() && usable(owner, locked.get())) {
                return locked.get(); // another worker or instance renewed it while we waited for the lock
            }
            TokenGrant fresh;
            if (locked.isPresent() && locked.get().refreshToken() != null) {
                fresh = client.refresh(locked.get().refreshToken(), owner.type());
                if (fresh.refreshToken() == null) {
                    throw new GhlException("GHL refresh answer without a refresh_token", 200, true,
                            "unexpected_response", 0, null);
                }
                LOG.info("GHL token of {} refreshed; valid until {}", owner, fresh.expiresAt());
            } else if (companyToken != null) {
                fresh = client.locationToken(companyToken.accessToken(), company_, owner.id());
                fresh = new TokenGrant(fresh.accessToken(), null, fresh.expiresAt(), fresh.scope(), fresh.userType(),
                        owner.id(), company_);
                LOG.info("GHL token of {} minted from company {}; valid until {}", owner, company_,
                        fresh.expiresAt());
            } else {
                throw new GhlException("no OAuth token for " + owner + ": install the app again", 401, false,
                        "not_installed", 0, null);
            }
            store.save(owner, fresh);
            return fresh;
        });
    }

    private String companyOf(String locationId) {
        return locations.list().stream().filter(l -> l.id().equals(locationId)).map(GhlLocations.Location::companyId)
                .filter(c -> c != null && store.find(TokenOwner.company(c)).isPresent()).findFirst().orElse(null);
    }

    private boolean usable(TokenOwner owner, TokenGrant g) {
        return g != null && g.expiresAt().isAfter(clock.instant().plus(refreshBefore))
                && !g.accessToken().equals(rejected.get(owner));
    }

    static GhlException uninstalled(String locationId) {
        return new GhlException("GHL location " + locationId + " is uninstalled: nothing is sent to it", 0, false,
                "location_uninstalled", 0, null);
    }
}
