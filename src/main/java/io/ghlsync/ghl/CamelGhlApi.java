package io.ghlsync.ghl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.ghlsync.config.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;

/**
 * {@link GhlApi} over the Camel route {@code direct:ghl-call} (budget gate, throttle, camel-http). Each call is a
 * fresh exchange carrying only the HTTP headers GHL should see; routing data travels in exchange properties.
 */
public class CamelGhlApi implements GhlApi {

    static final String ENDPOINT = "direct:ghl-call";

    private final CamelContext context;
    private final ProducerTemplate template;
    private final GhlConnection connection;
    private final GhlTokenProvider tokens;
    private final java.util.function.Predicate<String> uninstalled;
    private final GhlCallMetrics metrics;

    /**
     * @param uninstalled true for a location whose app was uninstalled: its calls are refused before sending
     */
    public CamelGhlApi(CamelContext context, GhlConnection connection, GhlTokenProvider tokens,
            java.util.function.Predicate<String> uninstalled, GhlCallMetrics metrics) {
        this.context = context;
        this.template = context.createProducerTemplate();
        this.connection = connection;
        this.tokens = tokens;
        this.uninstalled = uninstalled;
        this.metrics = metrics;
    }

    /**
     * Sends with the location's token. A 401 with a renewable token (OAuth) renews it and retries once; a second
     * 401 stands (unauthorized, not retryable).
     */
    @Override
    public GhlResponse call(GhlRequest request) {
        String location = request.locationId();
        if (uninstalled.test(location)) {
            throw new GhlException("GHL location " + location + " is uninstalled: nothing is sent to it", 0, false,
                    "location_uninstalled", 0, null);
        }
        String token = tokens.accessToken(location);
        try {
            return send(request, token);
        } catch (GhlException e) {
            if (e.httpStatus() != 401 || !tokens.renewable()) {
                throw e;
            }
            tokens.invalidate(location, token);
            return send(request, tokens.accessToken(location));
        }
    }

    private GhlResponse send(GhlRequest request, String token) {
        Exchange exchange = new DefaultExchange(context);
        exchange.setProperty(GhlBudgetGate.LOCATION_PROPERTY, request.locationId());
        exchange.setProperty(GhlBudgetGate.OPERATION_PROPERTY, request.operation());
        var in = exchange.getIn();
        in.setHeader(Exchange.HTTP_METHOD, request.method());
        in.setHeader(Exchange.HTTP_URI, connection.baseUrl() + request.path());
        if (!request.query().isEmpty()) {
            in.setHeader(Exchange.HTTP_QUERY, encode(request.query()));
        }
        in.setHeader("Authorization", "Bearer " + token);
        in.setHeader("Version", request.version());
        in.setHeader("Accept", "application/json");
        if (request.body() != null) {
            in.setHeader(Exchange.CONTENT_TYPE, "application/json");
            in.setBody(toJson(request.body()));
        }
        long started = System.nanoTime();
        Exchange out = template.send(ENDPOINT, exchange);
        Exception failure = out.getException();
        if (failure != null) {
            RuntimeException translated = translate(request.operation(), failure);
            boolean notSent = translated instanceof GhlPausedException;
            if (!notSent && (!(translated instanceof GhlException ghl) || ghl.httpStatus() == 0)) {
                // no HTTP answer: the response step never ran, so the call is counted here
                metrics.record(request.operation(), 0, java.time.Duration.ofNanos(System.nanoTime() - started));
            }
            throw translated;
        }
        int status = out.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 200, Integer.class);
        return new GhlResponse(status, parse(out.getMessage().getBody(String.class)));
    }

    static RuntimeException translate(String operation, Exception failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof GhlException ghl) {
                return ghl;
            }
            if (t instanceof java.io.IOException io) {
                return GhlErrorClassifier.transportFailure(operation, io);
            }
        }
        return GhlErrorClassifier.transportFailure(operation, failure);
    }

    private static String encode(Map<String, String> query) {
        return query.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String toJson(Object body) {
        try {
            return body instanceof String s ? s : Json.MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("GHL request body is not serialisable", e);
        }
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
