package io.ghlsync.config;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;

/** Shared pieces of every HTTP API: JSON errors. Authentication happens before any route (io.ghlsync.security). */
public class ApiBeans implements CamelConfiguration {

    @BindToRegistry("apiErrorResponder")
    public ApiErrorResponder apiErrorResponder() {
        return new ApiErrorResponder();
    }
}
