package io.ghlsync.ghl.oauth;

import io.ghlsync.config.QueryParameters;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ghlsync.config.ApiException;
import io.ghlsync.config.ApiException.FieldError;
import io.ghlsync.config.Json;
import io.ghlsync.ghl.CustomFieldResolver;
import io.ghlsync.ghl.GhlException;
import io.ghlsync.ghl.GhlTokenProvider;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's life on a location: the OAuth callback after a user installs it, and GHL's INSTALL / UNINSTALL
 * webhooks. Installing makes the location active, makes sure it has a token (minted from the company token for
 * agency installs) and resolves the custom fields the sync writes; a failure of those GHL calls does not undo the
 * install (the sync resolves both again when it first needs them). Uninstalling stops every GHL call for the
 * location and deletes its tokens. Every install passes the {@link InstallGuard} first: a company outside
 * GHL_ALLOWED_COMPANY_IDS gets no stored token and no location.
 */
public class LocationInstalls {

    private static final Logger LOG = LoggerFactory.getLogger(LocationInstalls.class);

    private final GhlLocations locations;
    private final GhlTokenProvider tokens;
    private final OAuthTokenProvider oauth;
    private final GhlOAuthClient client;
    private final CustomFieldResolver customFields;
    private final InstallGuard guard;

    /** @param oauth null when the service uses a static token (then there is no callback and no stored token) */
    public LocationInstalls(GhlLocations locations, GhlTokenProvider tokens, OAuthTokenProvider oauth,
            GhlOAuthClient client, CustomFieldResolver customFields, InstallGuard guard) {
        this.locations = locations;
        this.tokens = tokens;
        this.oauth = oauth;
        this.client = client;
        this.customFields = customFields;
        this.guard = guard;
    }

    /**
     * GET /oauth/callback?code=…[&state=…]: GHL's redirect after the install; the code becomes stored tokens. A
     * state (install link) must be valid and unused; the company must be allowed, else nothing is stored.
     */
    public void callback(Exchange exchange) {
        if (oauth == null) {
            throw new ApiException(404, "OAuth is not configured: set GHL_CLIENT_ID and GHL_CLIENT_SECRET");
        }
        String code = QueryParameters.of(exchange).get("code");
        if (code == null || code.isBlank()) {
            throw new ApiException(400, "Missing authorization code",
                    List.of(new FieldError("query.code", "GHL's redirect carries ?code=…; open the install link again")));
        }
        String state = QueryParameters.of(exchange).get("state");
        if (state != null && !state.isBlank()) {
            try {
                guard.spendState(state.trim());
            } catch (OAuthStateTokens.InvalidStateException e) {
                LOG.warn("OAuth callback refused, install link state invalid: {}", e.getMessage());
                throw new ApiException(400, "Invalid install link state; nothing was installed",
                        List.of(new FieldError("query.state", e.getMessage())));
            }
        }
        TokenGrant grant;
        try {
            grant = client.exchangeCode(code.trim());
        } catch (GhlException e) {
            LOG.warn("GHL refused the authorization code: {}", e.errorClass());
            if (e.retryable()) {
                throw new ApiException(502, "GHL could not be reached to exchange the authorization code; try again");
            }
            throw new ApiException(400, "GHL refused the authorization code",
                    List.of(new FieldError("query.code", "expired, already used, or issued for another app")));
        }
        CompanyAllowlist.Decision decision = guard.admit(grant.companyId(), grant.locationId(), InstallGuard.CALLBACK);
        if (!decision.allowed()) {
            // The tokens are dropped here, unstored: GHL's install stays, but ghl-sync cannot act on it.
            throw new ApiException(403, "This GHL company may not install the app; nothing was installed",
                    List.of(new FieldError("companyId", decision.reason())));
        }
        ObjectNode body = Json.MAPPER.createObjectNode().put("success", true);
        if (TokenOwner.COMPANY.equalsIgnoreCase(grant.userType()) && grant.companyId() != null) {
            oauth.store(TokenOwner.company(grant.companyId()), grant);
            body.put("userType", TokenOwner.COMPANY).put("companyId", grant.companyId());
            ArrayNode installed = body.putArray("locations");
            for (String location : grant.approvedLocations()) {
                provision(location, grant.companyId());
                installed.add(location);
            }
            LOG.info("GHL app installed for company {} ({} location(s))", grant.companyId(), installed.size());
        } else if (grant.locationId() != null) {
            oauth.store(TokenOwner.location(grant.locationId()), grant);
            String outcome = provision(grant.locationId(), grant.companyId());
            body.put("userType", TokenOwner.LOCATION).put("locationId", grant.locationId()).put("outcome", outcome);
        } else {
            throw new ApiException(502, "GHL's token answer names neither a location nor a company");
        }
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(body.toString());
    }

    /**
     * An INSTALL webhook: the location is provisioned when its company is allowed.
     *
     * @return what happened, for the webhook inbox's outcome
     */
    public String install(String locationId, String companyId) {
        CompanyAllowlist.Decision decision = guard.admit(companyId, locationId, InstallGuard.WEBHOOK);
        if (!decision.allowed()) {
            return "install of location " + locationId + " (company " + companyId + ") refused: "
                    + decision.reason() + "; nothing provisioned";
        }
        return provision(locationId, companyId);
    }

    /** The location is active; it gets a token and its custom fields when GHL answers. */
    private String provision(String locationId, String companyId) {
        locations.installed(locationId, companyId);
        List<String> notes = new ArrayList<>();
        try {
            tokens.accessToken(locationId);
            customFields.resolveAll(locationId, CustomFieldResolver.SYNC_KEYS);
            notes.add("custom fields ready");
        } catch (GhlException e) {
            notes.add("custom fields deferred to the first sync (" + e.errorClass() + ")");
        }
        LOG.info("GHL location {} installed (company {}): {}", locationId, companyId, notes);
        return "location " + locationId + " installed; " + String.join("; ", notes);
    }

    /** @return what happened, for the webhook inbox's outcome */
    public String uninstall(String locationId, String companyId) {
        List<String> gone = new ArrayList<>();
        if (locationId != null) {
            locations.uninstalled(locationId);
            gone.add(locationId);
        } else if (companyId != null) {
            gone.addAll(locations.uninstalledCompany(companyId));
            if (oauth != null) {
                oauth.delete(TokenOwner.company(companyId));
            }
        }
        if (oauth != null) {
            gone.forEach(id -> oauth.delete(TokenOwner.location(id)));
        }
        LOG.info("GHL app uninstalled from location(s) {} (company {}): syncing stopped, tokens deleted", gone,
                companyId);
        return gone.isEmpty() ? "no known location to uninstall" : "uninstalled " + String.join(", ", gone);
    }
}
