package io.ghlsync.ghl.oauth;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.ghlsync.ghl.GhlException;
import io.ghlsync.support.GhlOpenApi;
import java.time.Clock;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** What the OAuth client sends GHL matches oauth.json, and what GHL answers becomes a grant or a clear failure. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GhlOAuthClientTest {

    private final WireMockServer ghl = new WireMockServer(options().dynamicPort());
    private CamelContext camel;
    private GhlOAuthClient client;

    @BeforeAll
    void start() throws Exception {
        ghl.start();
        camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // the same endpoint as routes/ghl-oauth-call.yaml
                from(GhlOAuthClient.ENDPOINT).to("http://ghl-oauth?throwExceptionOnFailure=false");
            }
        });
        camel.start();
        client = new GhlOAuthClient(camel, "http://127.0.0.1:" + ghl.port(), "cid", "csecret",
                "https://sync.example.com/oauth/callback", "2021-07-28", Clock.systemUTC());
    }

    @AfterAll
    void stop() {
        camel.stop();
        ghl.stop();
    }

    @Test
    void codeExchangeRefreshAndLocationTokenRequestsMatchGhlsOpenApi() {
        ghl.stubFor(post(urlPathEqualTo("/oauth/token")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"access_token\":\"a1\",\"token_type\":\"Bearer\",\"expires_in\":86399,"
                        + "\"refresh_token\":\"r1\",\"userType\":\"Company\",\"companyId\":\"co\","
                        + "\"approvedLocations\":[\"l1\",\"l2\"],\"userId\":\"u\"}")));
        ghl.stubFor(post(urlPathEqualTo("/oauth/locationToken")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"access_token\":\"a2\",\"token_type\":\"Bearer\",\"expires_in\":86399,"
                        + "\"locationId\":\"l1\",\"userId\":\"u\"}")));
        TokenGrant company = client.exchangeCode("the-code");
        assertThat(company.userType()).isEqualTo("Company");
        assertThat(company.approvedLocations()).containsExactly("l1", "l2");
        client.refresh("r1", "Company");
        TokenGrant location = client.locationToken("a1", "co", "l1");
        assertThat(location.refreshToken()).isNull();
        assertThat(location.companyId()).isEqualTo("co");

        List<LoggedRequest> sent = ghl.findAll(anyRequestedFor(anyUrl()));
        assertThat(sent).hasSize(3);
        GhlOpenApi.get().assertValid(sent);
        assertThat(sent.get(0).getBodyAsString()).contains("grant_type=authorization_code").contains("code=the-code")
                .contains("redirect_uri=https%3A%2F%2Fsync.example.com%2Foauth%2Fcallback");
        assertThat(sent.get(1).getBodyAsString()).contains("grant_type=refresh_token").contains("user_type=Company");
        assertThat(sent.get(2).getHeader("Authorization")).isEqualTo("Bearer a1");
        assertThat(sent.get(2).getHeader("Version")).isEqualTo("2021-07-28");
    }

    @Test
    void theOpenApiCheckWouldCatchABadFormBody() throws Exception {
        ghl.resetAll();
        ghl.stubFor(post(urlPathEqualTo("/oauth/token")).willReturn(aResponse().withStatus(400)));
        java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + ghl.port() + "/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=x"))
                .build(), java.net.http.HttpResponse.BodyHandlers.discarding());
        LoggedRequest bad = ghl.findAll(anyRequestedFor(anyUrl())).get(0);
        assertThat(GhlOpenApi.get().validate(bad).hasErrors())
                .as("missing client_secret, unknown grant_type").isTrue();
    }

    @Test
    void aRefusedGrantIsNotRetryableAndAServerErrorIs() {
        ghl.resetAll();
        ghl.stubFor(post(urlPathEqualTo("/oauth/token")).willReturn(aResponse().withStatus(401)
                .withBody("{\"statusCode\":401,\"message\":\"Invalid grant\",\"error\":\"Unauthorized\"}")));
        assertThatThrownBy(() -> client.refresh("spent", "Location"))
                .isInstanceOfSatisfying(GhlException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.httpStatus()).isEqualTo(401);
                    assertThat(e.getMessage()).doesNotContain("spent").doesNotContain("csecret");
                });
        ghl.resetAll();
        ghl.stubFor(post(urlPathEqualTo("/oauth/token")).willReturn(aResponse().withStatus(503)));
        assertThatThrownBy(() -> client.refresh("r", "Location"))
                .isInstanceOfSatisfying(GhlException.class, e -> assertThat(e.retryable()).isTrue());
    }
}
