package io.ghlsync.ghl.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.ghlsync.config.ApiException;
import io.ghlsync.config.Json;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class InstallLinksTest {

    private static final String AUTHORIZE = "https://marketplace.gohighlevel.com/v2/oauth/chooselocation";
    private final OAuthStateTokens states = new OAuthStateTokens(OAuthStateTokens.deriveKey("jwt", "client"),
            Duration.ofMinutes(15), Clock.systemUTC());

    private static Map<String, String> query(String url) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            out.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static Exchange exchange() {
        return new DefaultExchange(new DefaultCamelContext());
    }

    @Test
    void theLinkIsGhlsAuthorizationPageWithEveryParameterAndAStateThatVerifies() throws Exception {
        InstallLinks links = new InstallLinks(states, AUTHORIZE, "client-1", "https://sync.example.com/oauth/callback",
                "contacts.readonly  contacts.write,locations/customFields.readonly");
        Exchange exchange = exchange();
        links.create(exchange);
        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(200);
        assertThat(exchange.getMessage().getHeader("Cache-Control")).isEqualTo("no-store");
        JsonNode body = Json.MAPPER.readTree(exchange.getMessage().getBody(String.class));
        String url = body.path("url").asText();
        assertThat(url).startsWith(AUTHORIZE + "?response_type=code&redirect_uri=");
        Map<String, String> q = query(url);
        assertThat(q).containsEntry("response_type", "code")
                .containsEntry("redirect_uri", "https://sync.example.com/oauth/callback")
                .containsEntry("client_id", "client-1")
                .containsEntry("scope", "contacts.readonly contacts.write locations/customFields.readonly");
        OAuthStateTokens.Verified state = states.verify(q.get("state"));
        assertThat(Instant.parse(body.path("expiresAt").asText())).isEqualTo(state.expiresAt());
        assertThat(state.expiresAt()).isBetween(Instant.now().plusSeconds(14 * 60), Instant.now().plusSeconds(901));
    }

    @Test
    void withoutAnOAuthAppOrARedirectUrlThereIsNoLink() {
        assertThatThrownBy(() -> new InstallLinks(null, AUTHORIZE, "", "https://x/oauth/callback", "s")
                .create(exchange())).isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> new InstallLinks(states, AUTHORIZE, "client-1", " ", "s").create(exchange()))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.getMessage()).contains("GHL_OAUTH_REDIRECT_URI");
                });
    }
}
