package io.ghlsync.ghl.oauth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ghlsync.config.ApiException;
import io.ghlsync.config.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POST /api/oauth/install-link: GHL's authorization page for this app, with a signed single-use {@code state}
 * that the callback checks. Who may ask for a link is decided by the HTTP access gate in front of the route.
 */
public class InstallLinks {

    private static final Logger LOG = LoggerFactory.getLogger(InstallLinks.class);

    private final OAuthStateTokens states;
    private final String authorizeUrl;
    private final String clientId;
    private final String redirectUri;
    private final String scopes;

    /** @param states null when OAuth is not configured */
    public InstallLinks(OAuthStateTokens states, String authorizeUrl, String clientId, String redirectUri,
            String scopes) {
        this.states = states;
        this.authorizeUrl = authorizeUrl;
        this.clientId = clientId;
        this.redirectUri = redirectUri;
        this.scopes = scopes;
    }

    public void create(Exchange exchange) {
        if (states == null || blank(clientId)) {
            throw new ApiException(404, "OAuth is not configured: set GHL_CLIENT_ID and GHL_CLIENT_SECRET");
        }
        if (blank(redirectUri)) {
            throw new ApiException(404, "OAuth is not configured: set GHL_OAUTH_REDIRECT_URI to the app's redirect URL");
        }
        OAuthStateTokens.Issued state = states.issue();
        ObjectNode body = Json.MAPPER.createObjectNode()
                .put("url", url(state.token()))
                .put("expiresAt", state.expiresAt().toString());
        LOG.info("GHL install link issued, valid until {}", state.expiresAt());
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        // The link is a one-time credential for an install: no cache should keep it.
        exchange.getMessage().setHeader("Cache-Control", "no-store");
        exchange.getMessage().setBody(body.toString());
    }

    /** GHL's documented parameters, in its order, encoded as the official SDK does (URLSearchParams). */
    String url(String state) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("redirect_uri", redirectUri);
        query.put("client_id", clientId);
        query.put("scope", scopes.trim().replaceAll("[\\s,]+", " "));
        query.put("state", state);
        return authorizeUrl + (authorizeUrl.contains("?") ? "&" : "?") + query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
