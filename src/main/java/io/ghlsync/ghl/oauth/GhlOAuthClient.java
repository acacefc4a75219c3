package io.ghlsync.ghl.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import io.ghlsync.config.Json;
import io.ghlsync.ghl.GhlErrorClassifier;
import io.ghlsync.ghl.GhlException;
import io.ghlsync.ghl.GhlResponseInspector;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;

/**
 * GHL's OAuth endpoints, through route {@code direct:ghl-oauth-call}: code exchange and refresh at
 * {@code POST /oauth/token}, location tokens from a company token at {@code POST /oauth/locationToken}. Bodies are
 * form-encoded as oauth.json declares. Tokens and secrets never reach logs or exception messages.
 */
public class GhlOAuthClient {

    static final String ENDPOINT = "direct:ghl-oauth-call";

    private final CamelContext context;
    private final ProducerTemplate template;
    private final String baseUrl;
    private final String clientId;
    private final String clientSecret;
    private final String redirectUri;
    private final String locationTokenVersion;
    private final Clock clock;

    public GhlOAuthClient(CamelContext context, String baseUrl, String clientId, String clientSecret,
            String redirectUri, String locationTokenVersion, Clock clock) {
        this.context = context;
        this.template = context.createProducerTemplate();
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.redirectUri = redirectUri;
        this.locationTokenVersion = locationTokenVersion;
        this.clock = clock;
    }

    /** The {@code code} GHL passed to the redirect URL, exchanged for the installing user's tokens. */
    public TokenGrant exchangeCode(String code) {
        Map<String, String> form = credentials();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        if (redirectUri != null && !redirectUri.isBlank()) {
            form.put("redirect_uri", redirectUri);
        }
        return grant(post("/oauth/token", "oauth.exchange-code", form, Map.of()), null);
    }

    /** Spends {@code refreshToken} (single use) for a new pair. */
    public TokenGrant refresh(String refreshToken, String userType) {
        Map<String, String> form = credentials();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken);
        form.put("user_type", userType);
        return grant(post("/oauth/token", "oauth.refresh", form, Map.of()), null);
    }

    /** A location token minted with the company's access token (company-level installs). No refresh token. */
    public TokenGrant locationToken(String companyAccessToken, String companyId, String locationId) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("companyId", companyId);
        form.put("locationId", locationId);
        JsonNode body = post("/oauth/locationToken", "oauth.location-token", form,
                Map.of("Authorization", "Bearer " + companyAccessToken, "Version", locationTokenVersion));
        return grant(body, companyId);
    }

    private Map<String, String> credentials() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_id", clientId);
        form.put("client_secret", clientSecret);
        return form;
    }

    private JsonNode post(String path, String operation, Map<String, String> form, Map<String, String> headers) {
        Exchange exchange = new DefaultExchange(context);
        var in = exchange.getIn();
        in.setHeader(Exchange.HTTP_METHOD, "POST");
        in.setHeader(Exchange.HTTP_URI, baseUrl + path);
        in.setHeader(Exchange.CONTENT_TYPE, "application/x-www-form-urlencoded");
        in.setHeader("Accept", "application/json");
        headers.forEach(in::setHeader);
        in.setBody(form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue() == null ? "" : e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&")));
        Exchange out = template.send(ENDPOINT, exchange);
        if (out.getException() != null) {
            throw GhlErrorClassifier.transportFailure(operation, rootIo(out.getException()));
        }
        int status = out.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        String text = out.getMessage().getBody(String.class);
        if (status < 200 || status >= 300) {
            throw GhlErrorClassifier.httpFailure(operation, status, 0);
        }
        try {
            return Json.MAPPER.readTree(text == null ? "" : text);
        } catch (Exception e) {
            throw new GhlException("GHL " + operation + " answered no JSON", status, true, "unexpected_response", 0,
                    null);
        }
    }

    private TokenGrant grant(JsonNode body, String companyFallback) {
        String access = text(body, "access_token");
        if (access == null || !body.path("expires_in").isNumber()) {
            throw new GhlException("GHL token answer without access_token or expires_in", 200, true,
                    "unexpected_response", 0, null);
        }
        String company = text(body, "companyId");
        java.util.List<String> approved = new java.util.ArrayList<>();
        body.path("approvedLocations").forEach(l -> approved.add(l.asText()));
        return new TokenGrant(access, text(body, "refresh_token"),
                clock.instant().plusSeconds(body.get("expires_in").asLong()), text(body, "scope"),
                text(body, "userType"), text(body, "locationId"), company == null ? companyFallback : company,
                approved);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() || v.asText().isEmpty() ? null : v.asText();
    }

    private static Throwable rootIo(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof java.io.IOException) {
                return c;
            }
        }
        return t;
    }
}
