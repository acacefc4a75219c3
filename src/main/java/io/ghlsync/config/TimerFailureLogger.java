package io.ghlsync.config;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failure path of the scheduled routes (route configuration timer-errors): a failed run is given up and the timer
 * runs again at its next tick, so there is nothing to redeliver. The failure is logged once, the log line naming the
 * route and the exception class, not its message (which can quote data). An unreachable database is one WARN line
 * without stack trace: expected while PostgreSQL restarts, and the readiness check already reports it. Anything
 * else is an ERROR with the stack trace, as {@link ApiErrorResponder} logs an unexpected failure of a request.
 */
public class TimerFailureLogger implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(TimerFailureLogger.class);

    @Override
    public void process(Exchange exchange) {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String route = exchange.getFromRouteId();
        String error = e == null ? "unknown" : e.getClass().getName();
        if (ApiErrorResponder.databaseUnavailable(e)) {
            LOG.warn("Scheduled route {} failed, database unavailable ({}); it runs again at its next tick", route,
                    error);
        } else {
            LOG.error("Scheduled route {} failed: {}; it runs again at its next tick", route, error, e);
        }
    }
}
