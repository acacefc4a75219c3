package io.ghlsync.ghl.oauth;

import io.ghlsync.ghl.CustomFieldRepository;
import io.ghlsync.ghl.CustomFieldResolver;
import io.ghlsync.ghl.GhlApi;
import io.ghlsync.ghl.GhlOperations;
import io.ghlsync.ghl.GhlTokenProvider;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** Installs, uninstalls and the OAuth callback; bound after the GHL client beans it uses. */
public class OAuthBeans implements CamelConfiguration {

    private LocationInstalls installs;
    private TokenRenewal renewal;

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
            installs = new LocationInstalls(locations, tokens,
                    tokens instanceof OAuthTokenProvider oauth ? oauth : null, client, resolver);
        }
        return installs;
    }

    /** Route ghl-token-renewal: renews tokens that are about to expire, also of idle locations. */
    @BindToRegistry("ghlTokenRenewal")
    public synchronized TokenRenewal ghlTokenRenewal(@BeanInject("ghlTokenProvider") GhlTokenProvider tokens) {
        if (renewal == null) {
            renewal = new TokenRenewal(tokens instanceof OAuthTokenProvider oauth ? oauth : null);
        }
        return renewal;
    }
}
