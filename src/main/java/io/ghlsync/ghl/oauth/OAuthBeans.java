package io.ghlsync.ghl.oauth;

import io.ghlsync.ghl.CustomFieldRepository;
import io.ghlsync.ghl.CustomFieldResolver;
import io.ghlsync.ghl.GhlApi;
import io.ghlsync.ghl.GhlOperations;
import io.ghlsync.ghl.GhlTokenProvider;
import java.time.Clock;
import java.time.Duration;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.PropertyInject;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** Installs, uninstalls, install links and the OAuth callback; bound after the GHL client beans it uses. */
public class OAuthBeans implements CamelConfiguration {

    @PropertyInject(value = "ghl.oauth.client-id", defaultValue = "")
    String clientId;

    @PropertyInject(value = "ghl.oauth.client-secret", defaultValue = "")
    String clientSecret;

    @PropertyInject(value = "ghl.oauth.redirect-uri", defaultValue = "")
    String redirectUri;

    @PropertyInject(value = "ghl.oauth.allowed-company-ids", defaultValue = "")
    String allowedCompanyIds;

    @PropertyInject(value = "ghl.oauth.authorize-url",
            defaultValue = "https://marketplace.gohighlevel.com/v2/oauth/chooselocation")
    String authorizeUrl;

    @PropertyInject(value = "ghl.oauth.scopes", defaultValue = "contacts.readonly contacts.write"
            + " locations/customFields.readonly locations/customFields.write calendars/events.readonly"
            + " calendars/events.write")
    String scopes;

    @PropertyInject(value = "ghl.oauth.state-ttl-seconds", defaultValue = "900")
    long stateTtlSeconds;

    @PropertyInject(value = "ghl.oauth.install-refusals-kept", defaultValue = "20")
    int refusalsKept;

    @PropertyInject(value = "auth.jwt-secret", defaultValue = "")
    String jwtSecret;

    private LocationInstalls installs;
    private TokenRenewal renewal;
    private InstallRefusals refusals;
    private OAuthStateTokens states;
    private boolean statesBuilt;
    private InstallLinks links;

    @BindToRegistry("locationInstalls")
    public synchronized LocationInstalls locationInstalls(
            @BeanInject("ghlLocations") GhlLocations locations,
            @BeanInject("ghlTokenProvider") GhlTokenProvider tokens,
            @BeanInject("ghlOAuthClient") GhlOAuthClient client,
            @BeanInject("ghlApi") GhlApi ghl,
            @BeanInject("ghlOperations") GhlOperations operations,
            @BeanInject("jdbc") NamedParameterJdbcTemplate jdbc) {
        if (installs == null) {
            CustomFieldResolver resolver = new CustomFieldResolver(ghl, operations, new CustomFieldRepository(jdbc));
            InstallGuard guard = new InstallGuard(CompanyAllowlist.parse(allowedCompanyIds),
                    ghlInstallRefusals(jdbc), stateTokens(), new OAuthStateNonces(jdbc, Clock.systemUTC()));
            installs = new LocationInstalls(locations, tokens,
                    tokens instanceof OAuthTokenProvider oauth ? oauth : null, client, resolver, guard);
        }
        return installs;
    }

    /** Refused installs, for the monitor (data.installRefusals). */
    @BindToRegistry("ghlInstallRefusals")
    public synchronized InstallRefusals ghlInstallRefusals(@BeanInject("jdbc") NamedParameterJdbcTemplate jdbc) {
        if (refusals == null) {
            refusals = new InstallRefusals(jdbc, Clock.systemUTC(), refusalsKept);
        }
        return refusals;
    }

    /** Route oauth-install-link: GHL's authorization URL with a signed state. */
    @BindToRegistry("oauthInstallLinks")
    public synchronized InstallLinks oauthInstallLinks() {
        if (links == null) {
            links = new InstallLinks(stateTokens(), authorizeUrl, clientId, redirectUri, scopes);
        }
        return links;
    }

    /** Route ghl-token-renewal: renews tokens that are about to expire, also of idle locations. */
    @BindToRegistry("ghlTokenRenewal")
    public synchronized TokenRenewal ghlTokenRenewal(@BeanInject("ghlTokenProvider") GhlTokenProvider tokens) {
        if (renewal == null) {
            renewal = new TokenRenewal(tokens instanceof OAuthTokenProvider oauth ? oauth : null);
        }
        return renewal;
    }

    /** Null without an OAuth app: then there are no links and no state is honoured. */
    private synchronized OAuthStateTokens stateTokens() {
        if (!statesBuilt) {
            statesBuilt = true;
            if (clientId != null && !clientId.isBlank()) {
                states = new OAuthStateTokens(OAuthStateTokens.deriveKey(jwtSecret, clientSecret),
                        Duration.ofSeconds(stateTtlSeconds), Clock.systemUTC());
            }
        }
        return states;
    }
}
