package io.ghlsync.config;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.PropertyInject;

/** Shared pieces of every HTTP API: authentication and JSON errors. */
public class ApiBeans implements CamelConfiguration {

    private JwtAuthenticator auth;

    @BindToRegistry("apiAuth")
    public synchronized JwtAuthenticator apiAuth(
            @PropertyInject(value = "auth.jwt-secret", defaultValue = "") String secret) {
        if (auth == null) {
            auth = new JwtAuthenticator(secret);
        }
        return auth;
    }

    @BindToRegistry("apiErrorResponder")
    public ApiErrorResponder apiErrorResponder() {
        return new ApiErrorResponder();
    }
}
