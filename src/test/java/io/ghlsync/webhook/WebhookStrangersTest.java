package io.ghlsync.webhook;

import static io.ghlsync.webhook.WebhookHandlingTest.ignoredTotal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ghlsync.config.Json;
import io.ghlsync.simulator.GhlSimulator;
import io.ghlsync.simulator.SimulatorOAuth;
import io.ghlsync.support.TestService;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * GHL signs the webhooks of every Marketplace app with the same key. With the OAuth app, events of locations it is
 * not installed on and INSTALL / UNINSTALL events of other apps arrive validly signed; they are acknowledged (so GHL
 * stops retrying) and change nothing. GHL is the simulator playing GHL's OAuth server; webhooks are really signed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookStrangersTest {

    private static final String APP_ID = "appMine";
    private static final String CLIENT_ID = APP_ID + "-clientsuffix";
    private static final String OURS = "loc-ours";
    private static final String OUR_COMPANY = "agency-ours";

    private final WebhookKeys keys = new WebhookKeys();
    private GhlSimulator ghl;
    private SimulatorOAuth oauth;
    private TestService service;
    private NamedParameterJdbcTemplate jdbc;

    @BeforeAll
    void start() {
        ghl = GhlSimulator.start(GhlSimulator.Settings.defaults().withBurst(1000, 10_000));
        oauth = ghl.enableOAuth(CLIENT_ID, "secret", Duration.ofHours(1));
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        service = TestService.builder()
                .property("ghl.oauth.client-id", CLIENT_ID)
                .property("ghl.oauth.client-secret", "secret")
                .property("ghl.oauth.token-encryption-key", Base64.getEncoder().encodeToString(key))
                .property("ghl.oauth.renewal-check-ms", 3_600_000)
                .property("ghl.base-url", ghl.baseUrl())
                .property("ghl.location-id", OURS)
                .property("webhook.ed25519-public-key", keys.ed25519PublicBase64())
                .property("webhook.rsa-public-key", keys.rsaPublicPem())
                .property("webhook.inbox.poll-ms", 20)
                .property("webhook.handler.redelivery-delay-ms", 10)
                .start();
        jdbc = service.jdbc();
        var r = service.get("/oauth/callback?code=" + oauth.authorizationCode(OURS, OUR_COMPANY));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    @AfterAll
    void stop() {
        service.close();
        ghl.close();
    }

    /** Sends a signed webhook (it must get 200) and waits until the handler finished it; returns the inbox row. */
    private Map<String, Object> deliver(ObjectNode event) {
        String id = UUID.randomUUID().toString();
        event.put("webhookId", id).put("timestamp", Instant.now().toString());
        byte[] body = event.toString().getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> r = service.send(HttpRequest.newBuilder(URI.create(service.url("/gohighlevel-webhook")))
                .header("Content-Type", "application/json")
                .header("X-GHL-Signature", keys.signEd25519(body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return await().atMost(Duration.ofSeconds(20)).until(
                () -> jdbc.queryForMap("select status, outcome from webhook_inbox where webhook_id = :id",
                        Map.of("id", id)),
                row -> !"PENDING".equals(row.get("status")) && !"PROCESSING".equals(row.get("status")));
    }

    private static ObjectNode event(String type, String locationId) {
        ObjectNode e = Json.MAPPER.createObjectNode().put("type", type);
        return locationId == null ? e : e.put("locationId", locationId);
    }

    private String locationStatus(String location) {
        return jdbc.queryForList("select status from ghl_locations where location_id = :l", Map.of("l", location),
                String.class).stream().findFirst().orElse(null);
    }

    private long tokens(String ownerId) {
        return jdbc.queryForObject("select count(*) from ghl_oauth_tokens where owner_id = :o", Map.of("o", ownerId),
                Long.class);
    }

    private long leads(String contactId) {
        return jdbc.queryForObject("select count(*) from leads where ghl_contact_id = :c", Map.of("c", contactId),
                Long.class);
    }

    @Test
    void aContactEventCountsForALocationTheAppIsInstalledOnAndForNoOther() {
        String mine = "c-" + UUID.randomUUID();
        assertThat(deliver(event("ContactCreate", OURS).put("id", mine)).get("status")).isEqualTo("DONE");
        assertThat(leads(mine)).isOne();

        // The attack: another app's contact event, forwarded, whose email matches one of our unlinked leads.
        String email = UUID.randomUUID() + "@example.com";
        UUID booked = jdbc.queryForObject("insert into leads (name, email, location_id) values ('Booked', :e, :l) "
                + "returning id", Map.of("e", email, "l", OURS), UUID.class);
        double before = ignoredTotal(service, "location_not_served");
        String theirs = "c-" + UUID.randomUUID();
        Map<String, Object> row = deliver(event("ContactUpdate", "loc-other-apps-customer").put("id", theirs)
                .put("email", email).put("name", "Overwritten"));
        assertThat(row.get("status")).isEqualTo("IGNORED");
        assertThat(row.get("outcome")).isEqualTo("location not served");
        assertThat(leads(theirs)).isZero();
        assertThat(jdbc.queryForMap("select name, ghl_contact_id from leads where id = :id", Map.of("id", booked)))
                .containsEntry("name", "Booked").containsEntry("ghl_contact_id", null);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(ignoredTotal(service, "location_not_served")).isGreaterThanOrEqualTo(before + 1));
    }

    @Test
    void anUninstallOfAnotherAppIsIgnoredAndDeletesNothing() {
        double before = ignoredTotal(service, "other_app");
        Map<String, Object> row = deliver(event("UNINSTALL", OURS).put("appId", "someoneElsesApp"));
        assertThat(row.get("status")).isEqualTo("IGNORED");
        assertThat((String) row.get("outcome")).contains("another app");
        Map<String, Object> company = deliver(Json.MAPPER.createObjectNode().put("type", "UNINSTALL")
                .put("appId", "someoneElsesApp").put("companyId", OUR_COMPANY));
        assertThat(company.get("status")).isEqualTo("IGNORED");
        assertThat(locationStatus(OURS)).isEqualTo("active");
        assertThat(tokens(OURS)).as("our location's tokens are kept").isOne();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(ignoredTotal(service, "other_app")).isGreaterThanOrEqualTo(before + 2));
    }

    @Test
    void anInstallOfAnotherAppIsIgnoredAndCreatesNothing() {
        Map<String, Object> row = deliver(event("INSTALL", "loc-their-install").put("appId", "someoneElsesApp")
                .put("companyId", "agency-theirs"));
        assertThat(row.get("status")).isEqualTo("IGNORED");
        assertThat((String) row.get("outcome")).contains("another app");
        assertThat(locationStatus("loc-their-install")).isNull();
        assertThat(tokens("loc-their-install")).isZero();
        assertThat(ghl.state().customFields()).as("no custom fields provisioned for it")
                .noneMatch(f -> "loc-their-install".equals(f.path("locationId").asText()));
    }

    @Test
    void thisAppsInstallServesTheLocationAtOnceAndItsUninstallOfAStrangerChangesNothing() {
        String fresh = "loc-fresh-" + UUID.randomUUID();
        String before = "c-" + UUID.randomUUID();
        assertThat(deliver(event("ContactCreate", fresh).put("id", before)).get("status"))
                .as("not installed yet").isEqualTo("IGNORED");
        assertThat(deliver(event("INSTALL", fresh).put("appId", APP_ID).put("companyId", OUR_COMPANY))
                .get("status")).isEqualTo("DONE");
        String after = "c-" + UUID.randomUUID();
        assertThat(deliver(event("ContactCreate", fresh).put("id", after)).get("status")).isEqualTo("DONE");
        assertThat(leads(after)).isOne();

        Map<String, Object> stranger = deliver(event("UNINSTALL", "loc-never-installed").put("appId", APP_ID));
        assertThat(stranger.get("status")).isEqualTo("IGNORED");
        assertThat(stranger.get("outcome")).isEqualTo("location not served");
        assertThat(locationStatus("loc-never-installed")).as("no row for an id nobody installed").isNull();
        Map<String, Object> company = deliver(Json.MAPPER.createObjectNode().put("type", "UNINSTALL")
                .put("appId", APP_ID).put("companyId", "agency-never-installed"));
        assertThat(company.get("status")).isEqualTo("IGNORED");
        assertThat(company.get("outcome")).isEqualTo("company not served");
        assertThat(locationStatus(fresh)).isEqualTo("active");
    }

    @Test
    void aBookingNamesOnlyALocationTheAppIsInstalledOn() {
        String body = """
                {"customer":{"name":"Jan de Vries","email":"%s@example.com","address":"Kerkstraat 1"},
                 "serviceType":"Airco onderhoud",
                 "startTime":"2031-03-0%dT09:00:00+01:00","locationId":"%s"}""";
        HttpResponse<String> ours = service.post("/api/appointments/create-with-sync",
                body.formatted(UUID.randomUUID(), 1, OURS));
        assertThat(ours.statusCode()).as(ours.body()).isEqualTo(201);
        HttpResponse<String> stranger = service.post("/api/appointments/create-with-sync",
                body.formatted(UUID.randomUUID(), 2, "loc-not-installed"));
        assertThat(stranger.statusCode()).as(stranger.body()).isEqualTo(422);
        assertThat(stranger.body()).contains("\"field\":\"locationId\"");
        assertThat(jdbc.queryForObject("select count(*) from appointments where location_id = 'loc-not-installed'",
                Map.of(), Long.class)).isZero();
    }
}
