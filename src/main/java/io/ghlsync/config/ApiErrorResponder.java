package io.ghlsync.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the JSON error answer for a failed HTTP request: {@code {"success":false,"error":..,"details":[{field,message}]}}.
 * Unexpected exceptions become a 500 without internals (the log has the exception class, never the request body).
 */
public class ApiErrorResponder implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(ApiErrorResponder.class);

    @Override
    public void process(Exchange exchange) {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        int status;
        ObjectNode body;
        if (e instanceof ApiException api) {
            status = api.status();
            body = ApiException.body(api.getMessage(), api.details());
        } else if (databaseUnavailable(e)) {
            // Nothing was written; the caller should try again shortly (the pool or the server is away).
            status = 503;
            body = ApiException.body("Database unavailable; nothing was written, retry shortly", List.of());
            exchange.getMessage().removeHeaders("*");
            exchange.getMessage().setHeader("Retry-After", "5");
            LOG.warn("Request on {} refused: database unavailable ({})", exchange.getFromRouteId(),
                    e.getClass().getSimpleName());
            finish(exchange, status, body);
            return;
        } else {
            status = 500;
            body = Json.MAPPER.createObjectNode().put("success", false).put("error", "Internal error");
            LOG.error("Unhandled error on {}: {}", exchange.getFromRouteId(),
                    e == null ? "unknown" : e.getClass().getName(), e);
        }
        exchange.getMessage().removeHeaders("*");
        finish(exchange, status, body);
    }

    private static void finish(Exchange exchange, int status, ObjectNode body) {
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(body.toString());
    }

    /** No connection could be had (server down, pool exhausted): a 503, not a 500. */
    static boolean databaseUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.springframework.dao.DataAccessResourceFailureException
                    || t instanceof java.sql.SQLTransientConnectionException
                    || t instanceof java.net.ConnectException) {
                return true;
            }
        }
        return false;
    }
}
