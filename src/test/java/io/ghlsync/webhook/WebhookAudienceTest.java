package io.ghlsync.webhook;

import static io.ghlsync.webhook.WebhookAudience.Stranger.APP_NOT_CONFIGURED;
import static io.ghlsync.webhook.WebhookAudience.Stranger.COMPANY_NOT_SERVED;
import static io.ghlsync.webhook.WebhookAudience.Stranger.LOCATION_NOT_SERVED;
import static io.ghlsync.webhook.WebhookAudience.Stranger.OTHER_APP;
import static org.assertj.core.api.Assertions.assertThat;

import io.ghlsync.config.Json;
import io.ghlsync.ghl.ServedLocations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WebhookAudienceTest {

    /** One of GHL's published samples (as WebhookIntakeTest finds them): the ids sit where GHL sends them. */
    private static GhlEvent sample(String file) throws IOException {
        Path path = WebhookIntakeTest.samplesDir().resolve(file + ".json");
        return GhlEvent.of(Json.MAPPER.readTree(Files.readString(path)));
    }

    private static GhlEvent event(String json) throws IOException {
        return GhlEvent.of(Json.MAPPER.readTree(json));
    }

    /** The OAuth app installed on these locations and companies. */
    private static ServedLocations installed(Set<String> locations, Set<String> companies) {
        return ServedLocations.installed(new ServedLocations.Installs() {
            @Override
            public boolean locationActive(String locationId) {
                return locations.contains(locationId);
            }

            @Override
            public boolean companyInstalled(String companyId) {
                return companies.contains(companyId);
            }
        }, Duration.ofSeconds(5), 100, System::nanoTime);
    }

    @Test
    void theAppIdIsTheClientIdBeforeItsFirstDash() {
        assertThat(WebhookAudience.appIdOf("66a0419a0dffa47fb5f8b22f-lz2gf0ut")).isEqualTo("66a0419a0dffa47fb5f8b22f");
        assertThat(WebhookAudience.appIdOf("app1-a-b")).isEqualTo("app1");
        assertThat(WebhookAudience.appIdOf(" nodash ")).isEqualTo("nodash");
        assertThat(WebhookAudience.appIdOf("")).isNull();
        assertThat(WebhookAudience.appIdOf(null)).isNull();
    }

    @Test
    void contactAndAppointmentEventsCountOnlyForAServedLocation() throws IOException {
        // The samples' locationIds: ve9EPM428h8vShlRW1KT (contacts), 0007BWpSzSwfiuSl0tR2 (appointments).
        WebhookAudience ours = new WebhookAudience(
                ServedLocations.configured("ve9EPM428h8vShlRW1KT", "0007BWpSzSwfiuSl0tR2"), "");
        WebhookAudience strangers = new WebhookAudience(ServedLocations.configured("loc-mine", ""), "");
        for (String type : new String[] {"ContactCreate", "ContactUpdate", "ContactDelete", "ContactTagUpdate",
                "AppointmentCreate", "AppointmentUpdate", "AppointmentDelete"}) {
            assertThat(ours.check(sample(type + ".example"))).as(type).isNull();
            assertThat(strangers.check(sample(type + ".example"))).as(type).isEqualTo(LOCATION_NOT_SERVED);
        }
    }

    @Test
    void wrappedEventsAreJudgedByTheLocationInsideData() throws IOException {
        WebhookAudience audience = new WebhookAudience(ServedLocations.configured("loc-mine", ""), "");
        assertThat(audience.check(event("{\"type\":\"ContactCreate\",\"data\":{\"locationId\":\"loc-mine\"}}")))
                .isNull();
        assertThat(audience.check(event("{\"type\":\"ContactCreate\",\"data\":{\"locationId\":\"loc-x\"}}")))
                .isEqualTo(LOCATION_NOT_SERVED);
    }

    @Test
    void anEventWithoutALocationIsNotServed() throws IOException {
        WebhookAudience audience = new WebhookAudience(ServedLocations.configured("loc-mine", ""), "");
        assertThat(audience.check(event("{\"type\":\"ContactCreate\",\"id\":\"c1\"}"))).isEqualTo(LOCATION_NOT_SERVED);
        assertThat(audience.check(event("{\"type\":\"ContactCreate\",\"locationId\":\"\"}")))
                .isEqualTo(LOCATION_NOT_SERVED);
    }

    @Test
    void installEventsAreIgnoredWithoutAClientId() throws IOException {
        WebhookAudience audience = new WebhookAudience(
                ServedLocations.configured("otg8dTQqGLh3Q6iQI55w", ""), "");
        assertThat(audience.check(sample("AppInstall.example"))).isEqualTo(APP_NOT_CONFIGURED);
        assertThat(audience.check(sample("AppUninstall.example"))).isEqualTo(APP_NOT_CONFIGURED);
    }

    @Test
    void installEventsOfAnotherAppAreIgnoredEvenForAServedLocation() throws IOException {
        WebhookAudience audience = new WebhookAudience(
                installed(Set.of("otg8dTQqGLh3Q6iQI55w"), Set.of("otg8dTQqGLh3Q6iQI55w")), "myApp-suffix");
        assertThat(audience.check(sample("AppInstall.example"))).isEqualTo(OTHER_APP);
        assertThat(audience.check(sample("AppInstall.example3"))).isEqualTo(OTHER_APP);
        assertThat(audience.check(sample("AppUninstall.example"))).isEqualTo(OTHER_APP);
        assertThat(audience.check(event("{\"type\":\"UNINSTALL\",\"locationId\":\"otg8dTQqGLh3Q6iQI55w\"}")))
                .as("no appId at all").isEqualTo(OTHER_APP);
    }

    @Test
    void thisAppsInstallIsAcceptedForANewLocationAndItsUninstallOnlyForAServedOne() throws IOException {
        // The samples' appId is ve9EPM428h8vShlRW1KT.
        WebhookAudience audience = new WebhookAudience(installed(Set.of("otg8dTQqGLh3Q6iQI55w"), Set.of()),
                "ve9EPM428h8vShlRW1KT-clientsuffix");
        assertThat(audience.check(sample("AppInstall.example"))).isNull();
        assertThat(audience.check(sample("AppUninstall.example"))).isNull();
        assertThat(audience.check(event("{\"type\":\"INSTALL\",\"appId\":\"ve9EPM428h8vShlRW1KT\","
                + "\"locationId\":\"loc-new\"}"))).as("installing is how a location becomes served").isNull();
        assertThat(audience.check(event("{\"type\":\"UNINSTALL\",\"appId\":\"ve9EPM428h8vShlRW1KT\","
                + "\"locationId\":\"loc-never-installed\"}"))).isEqualTo(LOCATION_NOT_SERVED);
    }

    @Test
    void aCompanyLevelUninstallCountsOnlyForACompanyThatInstalledTheApp() throws IOException {
        String app = "ve9EPM428h8vShlRW1KT-x";
        GhlEvent companyUninstall = sample("AppUninstall.example2");
        assertThat(new WebhookAudience(installed(Set.of(), Set.of("otg8dTQqGLh3Q6iQI55w")), app)
                .check(companyUninstall)).isNull();
        assertThat(new WebhookAudience(installed(Set.of(), Set.of("agency-mine")), app).check(companyUninstall))
                .isEqualTo(COMPANY_NOT_SERVED);
    }

    @Test
    void labelsAreFixedAndCarryNoId() {
        for (WebhookAudience.Stranger s : WebhookAudience.Stranger.values()) {
            assertThat(s.label()).matches("[a-z_]+");
        }
        assertThat(LOCATION_NOT_SERVED.reason()).isEqualTo("location not served");
    }
}
