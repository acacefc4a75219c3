package io.ghlsync.config;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;

/**
 * Shared failure paths: JSON errors of every HTTP API (route configuration api-errors) and the log of a failed
 * scheduled run (timer-errors). Authentication happens before any route (io.ghlsync.security).
 */
public class ApiBeans implements CamelConfiguration {

    @BindToRegistry("apiErrorResponder")
    public ApiErrorResponder apiErrorResponder() {
        return new ApiErrorResponder();
    }

    @BindToRegistry("timerFailureLogger")
    public TimerFailureLogger timerFailureLogger() {
        return new TimerFailureLogger();
    }
}
