package io.ghlsync.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ghlsync.config.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * GHL's OAuth server as the simulator plays it (see docs/ghl-simulator.md): authorization codes handed out by the
 * test, {@code POST /oauth/token} (authorization_code, refresh_token), {@code POST /oauth/locationToken}, and the
 * check that an API request carries a live access token of the location it touches.
 *
 * <p>Stricter than GHL on purpose: a refresh token is single-use with no grace period, so a second use is refused
 * (401) and counted in {@link #refreshTokenReuses()}; tests assert it stays 0.
 */
public final class SimulatorOAuth {

    /** What a token or code stands for. */
    public record Grant(String userType, String locationId, String companyId, List<String> approvedLocations,
            Instant expiresAt) {}

    private final String clientId;
    private final String clientSecret;
    private volatile Duration accessTokenLifetime;
    private final Clock clock;
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private final Map<String, Grant> accessTokens = new ConcurrentHashMap<>();
    private final Map<String, Grant> refreshTokens = new ConcurrentHashMap<>();
    private final Map<String, Boolean> spentRefreshTokens = new ConcurrentHashMap<>();
    private final AtomicLong refreshes = new AtomicLong();
    private final AtomicLong reuses = new AtomicLong();
    private final AtomicLong locationTokens = new AtomicLong();
    private final AtomicLong rejectedTokens = new AtomicLong();

    SimulatorOAuth(String clientId, String clientSecret, Duration accessTokenLifetime, Clock clock) {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.accessTokenLifetime = accessTokenLifetime;
        this.clock = clock;
    }

    /** The code GHL would append to the redirect URL after a user installs the app on {@code locationId}. */
    public String authorizationCode(String locationId, String companyId) {
        String code = "code-" + Ids.newId();
        codes.put(code, new Grant("Location", locationId, companyId, List.of(), null));
        return code;
    }

    /** The code of an agency (company-level) install that approved {@code locations}. */
    public String companyAuthorizationCode(String companyId, List<String> locations) {
        String code = "code-" + Ids.newId();
        codes.put(code, new Grant("Company", null, companyId, List.copyOf(locations), null));
        return code;
    }

    /** Tokens issued from now on live this long. */
    public void accessTokenLifetime(Duration lifetime) {
        this.accessTokenLifetime = lifetime;
    }

    /** The app is uninstalled from the location in GHL: every token of it stops working. */
    public void revoke(String locationId) {
        accessTokens.values().removeIf(g -> locationId.equals(g.locationId()));
        refreshTokens.values().removeIf(g -> locationId.equals(g.locationId()));
    }

    /** GHL stops accepting the location's current access tokens (refresh tokens still work): the next call gets 401. */
    public void expireAccessTokens(String locationId) {
        accessTokens.values().removeIf(g -> locationId.equals(g.locationId()));
    }

    /** Refresh-token grants answered. */
    public long refreshes() {
        return refreshes.get();
    }

    /** Refresh tokens presented a second time (a client bug: the first use already replaced it). */
    public long refreshTokenReuses() {
        return reuses.get();
    }

    public long locationTokensIssued() {
        return locationTokens.get();
    }

    /** API requests refused because the bearer token was unknown, expired or revoked. */
    public long rejectedTokens() {
        return rejectedTokens.get();
    }

    /** The live grant behind an access token, if any. */
    Optional<Grant> live(String accessToken) {
        Grant g = accessTokens.get(accessToken);
        if (g == null || !g.expiresAt().isAfter(clock.instant())) {
            rejectedTokens.incrementAndGet();
            return Optional.empty();
        }
        return Optional.of(g);
    }

    /** POST /oauth/token, form fields as oauth.json's GetAccessCodebodyDto. */
    SimResponse token(String contentType, Map<String, String> form) {
        if (contentType == null || !contentType.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
            return SimResponse.error(422, "body must be application/x-www-form-urlencoded", "Unprocessable Entity");
        }
        if (!clientId.equals(form.get("client_id")) || !clientSecret.equals(form.get("client_secret"))) {
            return SimResponse.error(401, "Invalid client credentials", "Unauthorized");
        }
        String grantType = form.getOrDefault("grant_type", "");
        Grant source;
        switch (grantType) {
            case "authorization_code" -> {
                source = codes.remove(form.getOrDefault("code", ""));
                if (source == null) {
                    return SimResponse.error(400, "Invalid grant: authorization code is invalid or used",
                            "Bad Request");
                }
            }
            case "refresh_token" -> {
                String presented = form.getOrDefault("refresh_token", "");
                source = refreshTokens.remove(presented);
                if (source == null) {
                    if (spentRefreshTokens.containsKey(presented)) {
                        reuses.incrementAndGet();
                    }
                    return SimResponse.error(401, "Invalid grant: refresh token is invalid", "Unauthorized");
                }
                spentRefreshTokens.put(presented, Boolean.TRUE);
                String userType = form.get("user_type");
                if (userType != null && !userType.equals(source.userType())) {
                    return SimResponse.error(400, "user_type does not match the refresh token", "Bad Request");
                }
                refreshes.incrementAndGet();
            }
            default -> {
                return SimResponse.unprocessable(List.of("grant_type must be one of the following values: "
                        + "authorization_code, refresh_token, client_credentials"));
            }
        }
        Grant grant = new Grant(source.userType(), source.locationId(), source.companyId(),
                source.approvedLocations(), clock.instant().plus(accessTokenLifetime));
        String access = "at-" + Ids.newId() + Ids.newId();
        String refresh = "rt-" + Ids.newId() + Ids.newId();
        accessTokens.put(access, grant);
        refreshTokens.put(refresh, grant);
        ObjectNode body = tokenBody(access, grant).put("refresh_token", refresh);
        if (!grant.approvedLocations().isEmpty()) {
            grant.approvedLocations().forEach(body.putArray("approvedLocations")::add);
        }
        return SimResponse.of(200, body);
    }

    /** POST /oauth/locationToken with a company's bearer token; no refresh token in the answer. */
    SimResponse locationToken(String bearer, String version, String contentType, Map<String, String> form) {
        Optional<Grant> company = bearer == null ? Optional.empty() : live(bearer);
        if (company.isEmpty()) {
            return SimResponse.error(401, "Invalid token: access token is invalid", "Unauthorized");
        }
        if (version == null || !version.trim().equals("2021-07-28")) {
            return SimResponse.error(401, version == null ? "version header was not found."
                    : "version header is invalid");
        }
        if (contentType == null || !contentType.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
            return SimResponse.error(422, "body must be application/x-www-form-urlencoded", "Unprocessable Entity");
        }
        if (!"Company".equals(company.get().userType())) {
            return SimResponse.error(401, "This route requires an agency (Company) access token", "Unauthorized");
        }
        String companyId = form.get("companyId");
        String locationId = form.get("locationId");
        if (companyId == null || locationId == null) {
            return SimResponse.unprocessable(List.of("companyId should not be empty", "locationId should not be empty"));
        }
        if (!companyId.equals(company.get().companyId())) {
            return SimResponse.error(403, "The token does not have access to this company.", "Forbidden");
        }
        Grant grant = new Grant("Location", locationId, companyId, List.of(),
                clock.instant().plus(accessTokenLifetime));
        String access = "at-" + Ids.newId() + Ids.newId();
        accessTokens.put(access, grant);
        locationTokens.incrementAndGet();
        return SimResponse.of(200, tokenBody(access, grant));
    }

    private ObjectNode tokenBody(String access, Grant grant) {
        ObjectNode body = Json.MAPPER.createObjectNode()
                .put("access_token", access)
                .put("token_type", "Bearer")
                .put("expires_in", Math.max(1, accessTokenLifetime.toSeconds()))
                .put("scope", "contacts.readonly contacts.write locations/customFields.readonly "
                        + "locations/customFields.write calendars/events.readonly calendars/events.write")
                .put("userType", grant.userType())
                .put("companyId", grant.companyId() == null ? "company-" + grant.locationId() : grant.companyId())
                .put("userId", "user-sim");
        if (grant.locationId() != null) {
            body.put("locationId", grant.locationId());
        }
        return body;
    }
}
