package io.ghlsync.ghl.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ghlsync.config.Json;
import io.ghlsync.simulator.GhlSimulator;
import io.ghlsync.simulator.SimulatorOAuth;
import io.ghlsync.support.TestService;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Who may install the app, through real HTTP against the GHL simulator playing GHL's OAuth server: the company
 * allowlist on the callback and on INSTALL webhooks, and install links whose signed state the callback honours once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OAuthInstallGuardFlowTest {

    private static final String CLIENT_ID = "app1-guard";
    private static final String CLIENT_SECRET = "secret-guard";
    private static final String JWT_SECRET = "jwt-secret-of-the-api-at-least-32-bytes-long";
    private static final String REDIRECT = "https://sync.example.test/oauth/callback";
    private GhlSimulator ghl;
    private SimulatorOAuth oauth;
    private TestService service;
    private NamedParameterJdbcTemplate jdbc;

    @BeforeAll
    void start() {
        ghl = GhlSimulator.start(GhlSimulator.Settings.defaults().withBurst(1000, 10_000));
        oauth = ghl.enableOAuth(CLIENT_ID, CLIENT_SECRET, Duration.ofHours(1));
        service = TestService.builder()
                .property("ghl.oauth.client-id", CLIENT_ID)
                .property("ghl.oauth.client-secret", CLIENT_SECRET)
                .property("ghl.oauth.token-encryption-key", OAuthFixtures.newKey())
                .property("ghl.oauth.redirect-uri", REDIRECT)
                .property("ghl.oauth.allowed-company-ids", "agency-ok, agency-ok-2")
                .property("ghl.oauth.renewal-check-ms", 3_600_000)
                .property("auth.jwt-secret", JWT_SECRET)
                .property("ghl.base-url", ghl.baseUrl())
                .property("ghl.location-id", "loc-default")
                .property("ghl.rate.burst-max", 1000)
                .property("webhook.skip-signature-validation", true)
                .property("webhook.inbox.poll-ms", 20)
                .start();
        jdbc = service.jdbc();
    }

    @AfterAll
    void stop() {
        service.close();
        ghl.close();
    }

    private static JsonNode read(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(json, e);
        }
    }

    private HttpResponse<String> callback(String code, String state) {
        return service.get("/oauth/callback?code=" + code
                + (state == null ? "" : "&state=" + URLEncoder.encode(state, StandardCharsets.UTF_8)));
    }

    private long tokenRows(String ownerId) {
        return jdbc.queryForObject("select count(*) from ghl_oauth_tokens where owner_id = :id", Map.of("id", ownerId),
                Long.class);
    }

    private long locationRows(String locationId) {
        return jdbc.queryForObject("select count(*) from ghl_locations where location_id = :id",
                Map.of("id", locationId), Long.class);
    }

    private long codeExchanges() {
        return ghl.state().requestsByOperation().getOrDefault("get-access-token", 0L);
    }

    private JsonNode refusals() {
        var r = service.get("/gohighlevel-sync-monitor?action=status", TestService.bearer(JWT_SECRET));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return read(r.body()).path("data").path("installRefusals");
    }

    private JsonNode refusalOf(String companyId) {
        for (JsonNode r : refusals()) {
            if (companyId.equals(r.path("companyId").asText())) {
                return r;
            }
        }
        return null;
    }

    private JsonNode installLink() {
        var r = service.post("/api/oauth/install-link", "", TestService.bearer(JWT_SECRET));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return read(r.body());
    }

    private static String stateOf(String url) {
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            if (pair.startsWith("state=")) {
                return URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no state in " + url);
    }

    private void webhook(String json) {
        var r = service.post("/gohighlevel-webhook", json);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        String id = read(r.body()).path("webhookId").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> !List.of("PENDING", "PROCESSING").contains(
                jdbc.queryForObject("select status from webhook_inbox where webhook_id = :id", Map.of("id", id),
                        String.class)));
    }

    @Test
    void anAllowedCompanyInstallsThroughTheCallback() {
        var r = callback(oauth.authorizationCode("loc-ok", "agency-ok"), null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(tokenRows("loc-ok")).isEqualTo(1);
        assertThat(jdbc.queryForObject("select status from ghl_locations where location_id = 'loc-ok'", Map.of(),
                String.class)).isEqualTo("active");
    }

    @Test
    void anotherCompanysCodeIsRefusedWithA403AndNothingIsStoredButTheMonitorShowsIt() {
        var r = callback(oauth.authorizationCode("loc-intruder", "agency-intruder"), null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("json"));
        JsonNode body = read(r.body());
        assertThat(body.path("success").asBoolean(true)).isFalse();
        assertThat(body.path("error").asText()).contains("may not install");
        assertThat(body.path("details").get(0).path("field").asText()).isEqualTo("companyId");
        assertThat(r.body()).doesNotContain("at-").doesNotContain("rt-");

        assertThat(tokenRows("loc-intruder")).as("no token stored").isZero();
        assertThat(tokenRows("agency-intruder")).isZero();
        assertThat(locationRows("loc-intruder")).as("nothing installed").isZero();

        JsonNode refusal = refusalOf("agency-intruder");
        assertThat(refusal).as(refusals().toString()).isNotNull();
        assertThat(refusal.path("locationId").asText()).isEqualTo("loc-intruder");
        assertThat(refusal.path("source").asText()).isEqualTo("oauth-callback");
        assertThat(refusal.path("reason").asText()).contains("GHL_ALLOWED_COMPANY_IDS");
        assertThat(refusal.path("refusedAt").asText()).isNotBlank();
        assertThat(refusals().toString()).doesNotContain("at-").doesNotContain("rt-");
    }

    @Test
    void anAgencyInstallOfAnotherCompanyStoresNoCompanyTokenAndMintsNoLocationToken() {
        long minted = oauth.locationTokensIssued();
        var r = callback(oauth.companyAuthorizationCode("agency-other", List.of("loc-other-a")), null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
        assertThat(tokenRows("agency-other")).isZero();
        assertThat(locationRows("loc-other-a")).isZero();
        assertThat(oauth.locationTokensIssued()).isEqualTo(minted);
        assertThat(refusalOf("agency-other")).isNotNull();
    }

    @Test
    void anInstallWebhookOfAnotherCompanyProvisionsNothingWhileAnAllowedOneDoes() {
        webhook("{\"type\":\"INSTALL\",\"appId\":\"app1\",\"locationId\":\"loc-hook-bad\","
                + "\"companyId\":\"agency-hook-bad\",\"userId\":\"u1\",\"planId\":\"p1\"}");
        assertThat(locationRows("loc-hook-bad")).isZero();
        assertThat(ghl.state().customFields().stream()
                .filter(f -> "loc-hook-bad".equals(f.path("locationId").asText()))).isEmpty();
        JsonNode refusal = refusalOf("agency-hook-bad");
        assertThat(refusal).isNotNull();
        assertThat(refusal.path("source").asText()).isEqualTo("install-webhook");
        assertThat(refusal.path("locationId").asText()).isEqualTo("loc-hook-bad");

        webhook("{\"type\":\"INSTALL\",\"appId\":\"app1\",\"locationId\":\"loc-hook-ok\","
                + "\"companyId\":\"agency-ok-2\",\"userId\":\"u1\",\"planId\":\"p1\"}");
        assertThat(locationRows("loc-hook-ok")).isEqualTo(1);
    }

    @Test
    void anInstallLinksStateLetsTheCallbackInstallOnce() {
        JsonNode link = installLink();
        String url = link.path("url").asText();
        assertThat(url).startsWith("https://marketplace.gohighlevel.com/v2/oauth/chooselocation?response_type=code&")
                .contains("client_id=" + CLIENT_ID)
                .contains("redirect_uri=" + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8))
                .contains("scope=contacts.readonly+contacts.write+");
        assertThat(link.path("expiresAt").asText()).isNotBlank();
        String state = stateOf(url);

        var first = callback(oauth.authorizationCode("loc-link", "agency-ok"), state);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(tokenRows("loc-link")).isEqualTo(1);

        long exchanges = codeExchanges();
        String code = oauth.authorizationCode("loc-link-again", "agency-ok");
        var again = callback(code, state);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(400);
        assertThat(read(again.body()).path("details").get(0).path("field").asText()).isEqualTo("query.state");
        assertThat(again.body()).contains("already used");
        assertThat(codeExchanges()).as("the code was not exchanged").isEqualTo(exchanges);
        assertThat(tokenRows("loc-link-again")).isZero();
        // The code is still unspent: GHL never saw it.
        assertThat(callback(code, null).statusCode()).isEqualTo(200);
    }

    @Test
    void aTamperedStateIsA400AndTheCodeIsNotExchanged() {
        String state = stateOf(installLink().path("url").asText());
        String[] parts = state.split("\\.");
        String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"jti\":\"", "\"jti\":\"x");
        String tampered = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        long exchanges = codeExchanges();
        String code = oauth.authorizationCode("loc-tampered", "agency-ok");
        for (String bad : List.of(tampered, state + "x", "garbage")) {
            var r = callback(code, bad);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
            JsonNode body = read(r.body());
            assertThat(body.path("success").asBoolean(true)).isFalse();
            assertThat(body.path("details").get(0).path("field").asText()).isEqualTo("query.state");
        }
        assertThat(codeExchanges()).isEqualTo(exchanges);
        assertThat(tokenRows("loc-tampered")).isZero();
        assertThat(locationRows("loc-tampered")).isZero();
    }

    @Test
    void aValidStateDoesNotLetAnotherCompanyIn() {
        String state = stateOf(installLink().path("url").asText());
        var r = callback(oauth.authorizationCode("loc-linked-intruder", "agency-linked-intruder"), state);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
        assertThat(tokenRows("loc-linked-intruder")).isZero();
        assertThat(refusalOf("agency-linked-intruder")).isNotNull();
    }
}
