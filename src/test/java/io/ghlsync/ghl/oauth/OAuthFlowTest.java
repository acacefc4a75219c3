package io.ghlsync.ghl.oauth;

import static io.ghlsync.ghl.oauth.OAuthFixtures.finished;
import static io.ghlsync.ghl.oauth.OAuthFixtures.queuedCreate;
import static io.ghlsync.ghl.oauth.OAuthFixtures.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ghlsync.config.Json;
import io.ghlsync.ghl.GhlException;
import io.ghlsync.ghl.GhlTokenProvider;
import io.ghlsync.simulator.GhlSimulator;
import io.ghlsync.simulator.SimulatorOAuth;
import io.ghlsync.support.TestService;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The OAuth app against the GHL simulator playing GHL's OAuth server (single-use refresh tokens, short-lived access
 * tokens, every API request checked for a live token of its location): install through the callback and through
 * INSTALL webhooks, refresh in the middle of a backlog, a 401 renewed once, concurrent refreshes, uninstall.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OAuthFlowTest {

    // GHL client ids read <appId>-<suffix>; INSTALL / UNINSTALL webhooks name the appId.
    private static final String CLIENT_ID = "app1-test";
    private static final String CLIENT_SECRET = "secret-test";
    private final String key = OAuthFixtures.newKey();
    private GhlSimulator ghl;
    private SimulatorOAuth oauth;
    private TestService service;
    private NamedParameterJdbcTemplate jdbc;

    @BeforeAll
    void start() {
        ghl = GhlSimulator.start(GhlSimulator.Settings.defaults().withLatencyMs(20).withBurst(1000, 10_000));
        oauth = ghl.enableOAuth(CLIENT_ID, CLIENT_SECRET, Duration.ofHours(1));
        service = TestService.builder()
                .property("ghl.oauth.client-id", CLIENT_ID)
                .property("ghl.oauth.client-secret", CLIENT_SECRET)
                .property("ghl.oauth.token-encryption-key", key)
                .property("ghl.oauth.refresh-before-seconds", 1)
                .property("ghl.oauth.renewal-check-ms", 3_600_000)
                .property("ghl.base-url", ghl.baseUrl())
                .property("ghl.location-id", "loc-default")
                .property("ghl.rate.burst-max", 1000)
                .property("ghl.locations.status-cache-ms", 200)
                .property("webhook.skip-signature-validation", true)
                .property("webhook.inbox.poll-ms", 20)
                .property("webhook.handler.redelivery-delay-ms", 50)
                .start();
        jdbc = service.jdbc();
    }

    @AfterAll
    void stop() {
        service.close();
        ghl.close();
    }

    private JsonNode install(String location) {
        var r = service.get("/oauth/callback?code=" + oauth.authorizationCode(location, "company-of-" + location));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return read(r.body());
    }

    private static JsonNode read(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(json, e);
        }
    }

    private String awaitFinal(UUID event) {
        await().atMost(Duration.ofSeconds(30)).until(() -> finished(jdbc, event));
        return status(jdbc, event);
    }

    private long customFieldsOf(String location) {
        return ghl.state().customFields().stream().filter(f -> location.equals(f.path("locationId").asText()))
                .count();
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
    void theCallbackStoresEncryptedTokensAndProvisionsTheLocation() {
        JsonNode answer = install("loc-cb");
        assertThat(answer.path("locationId").asText()).isEqualTo("loc-cb");
        Map<String, Object> row = jdbc.queryForMap(
                "select access_token, refresh_token, expires_at from ghl_oauth_tokens"
                        + " where owner_type = 'Location' and owner_id = 'loc-cb'", Map.of());
        String stored = new String((byte[]) row.get("access_token"), StandardCharsets.ISO_8859_1)
                + new String((byte[]) row.get("refresh_token"), StandardCharsets.ISO_8859_1);
        assertThat(stored).as("tokens are not stored in clear").doesNotContain("at-").doesNotContain("rt-");
        assertThat(jdbc.queryForObject("select status from ghl_locations where location_id = 'loc-cb'", Map.of(),
                String.class)).isEqualTo("active");
        assertThat(customFieldsOf("loc-cb")).as("the sync's custom fields exist after the install").isEqualTo(3);
        assertThat(ghl.state().requestsByOperation()).containsKey("get-access-token");
    }

    @Test
    void aBadOrMissingCodeIsAClear400AndStoresNothing() {
        var missing = service.get("/oauth/callback");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("query.code");
        var used = service.get("/oauth/callback?code=never-issued");
        assertThat(used.statusCode()).isEqualTo(400);
        assertThat(used.body()).contains("refused");
        assertThat(used.body()).doesNotContain(CLIENT_SECRET);
    }

    @Test
    void aTokenExpiringInTheMiddleOfABacklogIsRefreshedAndNothingIsLost() {
        oauth.accessTokenLifetime(Duration.ofSeconds(3));
        try {
            install("loc-backlog");
            long refreshesBefore = oauth.refreshes();
            List<UUID> events = new ArrayList<>();
            // A steady backlog for ~5 s: longer than the usable life of two tokens (3 s, renewed 1 s early).
            long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (System.nanoTime() < until) {
                for (int i = 0; i < 8; i++) {
                    events.add(queuedCreate(jdbc, "loc-backlog"));
                }
                await().pollDelay(Duration.ofMillis(400)).until(() -> true);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> events.stream().allMatch(e -> finished(jdbc, e)));
            assertThat(events).allSatisfy(e -> assertThat(status(jdbc, e)).isEqualTo("DONE"));
            assertThat(oauth.refreshes() - refreshesBefore).as("refreshed during the backlog").isGreaterThanOrEqualTo(2);
            assertThat(oauth.refreshTokenReuses()).isZero();
            assertThat(jdbc.queryForObject("select count(*) from dead_letter where event_id in (:ids)",
                    Map.of("ids", events), Long.class)).isZero();
        } finally {
            oauth.accessTokenLifetime(Duration.ofHours(1));
        }
    }

    @Test
    void a401RenewsTheTokenOnceAndTheCallIsRetried() {
        install("loc-401");
        UUID first = queuedCreate(jdbc, "loc-401");
        assertThat(awaitFinal(first)).isEqualTo("DONE");
        long rejected = oauth.rejectedTokens();
        long refreshes = oauth.refreshes();
        oauth.expireAccessTokens("loc-401"); // GHL stops accepting the cached token before its time
        UUID second = queuedCreate(jdbc, "loc-401");
        assertThat(awaitFinal(second)).isEqualTo("DONE");
        assertThat(oauth.rejectedTokens() - rejected).as("one request was refused").isEqualTo(1);
        assertThat(oauth.refreshes() - refreshes).as("and one refresh fixed it").isEqualTo(1);
    }

    @Test
    void aRevokedInstallDeadLettersAsUnauthorizedAndShowsInTheMonitor() {
        install("loc-revoked");
        oauth.revoke("loc-revoked"); // uninstalled on GHL's side without a webhook reaching us
        UUID event = queuedCreate(jdbc, "loc-revoked");
        assertThat(awaitFinal(event)).isEqualTo("DEAD");
        Map<String, Object> dead = jdbc.queryForMap("select error_class, retryable from dead_letter"
                + " where event_id = :id", Map.of("id", event));
        assertThat(dead.get("error_class")).isEqualTo("token_refresh_failed");
        assertThat(dead.get("retryable")).isEqualTo(false);
        JsonNode data = read(service.get("/gohighlevel-sync-monitor?action=status").body()).path("data");
        JsonNode location = null;
        for (JsonNode l : data.path("locations")) {
            if (l.path("id").asText().equals("loc-revoked")) {
                location = l;
            }
        }
        assertThat(location).as(data.toString()).isNotNull();
        assertThat(location.path("lastRefreshError").asText()).contains("HTTP 401");
        assertThat(location.path("tokenExpiresAt").isNull()).isFalse();
        assertThat(location.path("budget").has("sentToday")).isTrue();
        assertThat(data.path("systemHealth").path("status").asText()).isEqualTo("degraded");
        assertThat(data.path("systemHealth").path("issues").toString())
                .contains("GHL location loc-revoked: token refresh failing").contains("Install the app again");
        assertThat(data.toString()).doesNotContain("at-").doesNotContain("rt-");
    }

    @Test
    void twoInstancesRefreshingAtOnceSpendTheRefreshTokenOnce() throws Exception {
        install("loc-race");
        OAuthTokenProvider one = service.bean("ghlTokenProvider", OAuthTokenProvider.class);
        OAuthTokenProvider two = secondInstance();
        String current = one.accessToken("loc-race");
        assertThat(two.accessToken("loc-race")).isEqualTo(current);
        long refreshes = oauth.refreshes();
        oauth.expireAccessTokens("loc-race");
        one.invalidate("loc-race", current);
        two.invalidate("loc-race", current);

        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            GhlTokenProvider p = i % 2 == 0 ? one : two;
            results.add(pool.submit(() -> {
                go.await();
                return p.accessToken("loc-race");
            }));
        }
        go.countDown();
        Set<String> tokens = ConcurrentHashMap.newKeySet();
        for (Future<String> f : results) {
            tokens.add(f.get(20, TimeUnit.SECONDS));
        }
        pool.shutdown();
        assertThat(oauth.refreshTokenReuses()).as("no refresh token was presented twice").isZero();
        assertThat(oauth.refreshes() - refreshes).as("one refresh served every thread of both instances")
                .isEqualTo(1);
        assertThat(tokens).hasSize(1).doesNotContain(current);
    }

    /** A second service instance's provider: same database and key, its own memory and locks. */
    private OAuthTokenProvider secondInstance() {
        DataSource ds = service.bean("dataSource", DataSource.class);
        TransactionTemplate own = new TransactionTemplate(new DataSourceTransactionManager(ds));
        own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        NamedParameterJdbcTemplate db = new NamedParameterJdbcTemplate(ds);
        return new OAuthTokenProvider(new OAuthTokenStore(db, TokenCipher.fromBase64(key)),
                new GhlLocations(db, Clock.systemUTC(), 200), service.bean("ghlOAuthClient", GhlOAuthClient.class),
                own, Clock.systemUTC(), Duration.ofSeconds(1));
    }

    @Test
    void afterAnUninstallNoCallIsMadeForTheLocationAndItsEventsAreDeadLettered() {
        install("loc-gone");
        UUID before = queuedCreate(jdbc, "loc-gone");
        assertThat(awaitFinal(before)).isEqualTo("DONE");

        webhook("{\"type\":\"UNINSTALL\",\"appId\":\"app1\",\"locationId\":\"loc-gone\"}");
        assertThat(jdbc.queryForObject("select status from ghl_locations where location_id = 'loc-gone'", Map.of(),
                String.class)).isEqualTo("uninstalled");
        assertThat(jdbc.queryForObject("select count(*) from ghl_oauth_tokens where owner_id = 'loc-gone'", Map.of(),
                Long.class)).as("tokens deleted").isZero();

        long requests = ghl.state().requestCount();
        UUID after = queuedCreate(jdbc, "loc-gone");
        assertThat(awaitFinal(after)).isEqualTo("DEAD");
        Map<String, Object> dead = jdbc.queryForMap("select error_class, retryable from dead_letter"
                + " where event_id = :id", Map.of("id", after));
        assertThat(dead.get("error_class")).isEqualTo("location_uninstalled");
        assertThat(dead.get("retryable")).isEqualTo(false);
        assertThat(ghl.state().requestCount()).as("no GHL request after the uninstall").isEqualTo(requests);
        assertThatThrownBy(() -> service.bean("ghlTokenProvider", GhlTokenProvider.class).accessToken("loc-gone"))
                .isInstanceOf(GhlException.class).hasMessageContaining("uninstalled");
    }

    @Test
    void aCompanyInstallMintsLocationTokensAndInstallWebhooksProvisionMoreLocations() {
        String code = oauth.companyAuthorizationCode("agency-1", List.of("loc-agency-a"));
        var r = service.get("/oauth/callback?code=" + code);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(read(r.body()).path("locations").toString()).contains("loc-agency-a");
        assertThat(oauth.locationTokensIssued()).isGreaterThanOrEqualTo(1);
        assertThat(customFieldsOf("loc-agency-a")).isEqualTo(3);

        webhook("{\"type\":\"INSTALL\",\"appId\":\"app1\",\"locationId\":\"loc-agency-b\","
                + "\"companyId\":\"agency-1\",\"userId\":\"u1\",\"planId\":\"p1\"}");
        assertThat(jdbc.queryForObject("select company_id from ghl_locations where location_id = 'loc-agency-b'",
                Map.of(), String.class)).isEqualTo("agency-1");
        assertThat(customFieldsOf("loc-agency-b")).isEqualTo(3);
        UUID event = queuedCreate(jdbc, "loc-agency-b");
        assertThat(awaitFinal(event)).isEqualTo("DONE");
        assertThat(oauth.refreshTokenReuses()).isZero();
    }

    private static org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable> assertThatThrownBy(
            org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        return org.assertj.core.api.Assertions.assertThatThrownBy(call);
    }
}
