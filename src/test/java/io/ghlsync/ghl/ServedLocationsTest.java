package io.ghlsync.ghl;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ServedLocationsTest {

    /** ghl_locations and ghl_oauth_tokens as a test sets them, counting the questions asked. */
    static final class FakeInstalls implements ServedLocations.Installs {
        final Set<String> active = new HashSet<>();
        final Set<String> companies = new HashSet<>();
        final List<String> asked = new ArrayList<>();

        @Override
        public boolean locationActive(String locationId) {
            asked.add(locationId);
            return active.contains(locationId);
        }

        @Override
        public boolean companyInstalled(String companyId) {
            asked.add(companyId);
            return companies.contains(companyId);
        }
    }

    private final FakeInstalls db = new FakeInstalls();
    private final AtomicLong nanos = new AtomicLong();
    private final Ticker ticker = nanos::get;

    private ServedLocations oauth() {
        return ServedLocations.installed(db, Duration.ofSeconds(5), 100, ticker);
    }

    @Test
    void withATokenTheDefaultLocationAndTheListAreServedAndNothingElse() {
        ServedLocations served = ServedLocations.configured("loc-default", " loc-a, ,loc-b ,loc-default");
        assertThat(served.location("loc-default")).isTrue();
        assertThat(served.location("loc-a")).isTrue();
        assertThat(served.location("loc-b")).isTrue();
        assertThat(served.location("loc-c")).isFalse();
        assertThat(served.location("LOC-A")).as("ids are compared exactly").isFalse();
        assertThat(served.configured()).containsExactlyInAnyOrder("loc-default", "loc-a", "loc-b");
    }

    @Test
    void withATokenTheDefaultLocationIsServedEvenWhenTheListLeavesItOut() {
        assertThat(ServedLocations.configured("loc-default", "loc-a").location("loc-default")).isTrue();
        assertThat(ServedLocations.configured("loc-default", "").configured()).containsExactly("loc-default");
    }

    @Test
    void noIdBlankIdOrCompanyIsServedWithAToken() {
        ServedLocations served = ServedLocations.configured("loc-default", "");
        assertThat(served.location(null)).isFalse();
        assertThat(served.location("")).isFalse();
        assertThat(served.location(" ")).isFalse();
        assertThat(served.company("loc-default")).as("company-level events need the OAuth app").isFalse();
        assertThat(ServedLocations.configured("", "").location("")).isFalse();
    }

    @Test
    void withTheAppTheActiveInstallsAreServedAndTheConfiguredListIsNot() {
        db.active.add("loc-installed");
        db.companies.add("agency-1");
        ServedLocations served = oauth();
        assertThat(served.location("loc-installed")).isTrue();
        assertThat(served.location("loc-stranger")).isFalse();
        assertThat(served.company("agency-1")).isTrue();
        assertThat(served.company("agency-stranger")).isFalse();
        assertThat(served.company(null)).isFalse();
        assertThat(served.location(null)).isFalse();
        assertThat(db.asked).as("no question for a missing id").doesNotContainNull();
    }

    @Test
    void aServedAnswerIsCachedForTheCacheTimeThenAskedAgain() {
        db.active.add("loc-1");
        ServedLocations served = oauth();
        assertThat(served.location("loc-1")).isTrue();
        assertThat(served.location("loc-1")).isTrue();
        assertThat(db.asked).containsExactly("loc-1");
        db.active.remove("loc-1"); // uninstalled through another instance
        nanos.addAndGet(Duration.ofSeconds(4).toNanos());
        assertThat(served.location("loc-1")).as("still cached").isTrue();
        nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThat(served.location("loc-1")).isFalse();
    }

    @Test
    void aNotServedAnswerIsNotCachedSoAFreshInstallCountsAtOnce() {
        ServedLocations served = oauth();
        assertThat(served.location("loc-new")).isFalse();
        db.active.add("loc-new"); // the INSTALL webhook or the OAuth callback
        assertThat(served.location("loc-new")).isTrue();
    }

    @Test
    void anUninstallOnThisInstanceDropsTheCachedAnswersAtOnce() {
        db.active.add("loc-1");
        db.companies.add("agency-1");
        ServedLocations served = oauth();
        assertThat(served.location("loc-1")).isTrue();
        assertThat(served.company("agency-1")).isTrue();
        db.active.remove("loc-1");
        db.companies.remove("agency-1");
        served.uninstalled();
        assertThat(served.location("loc-1")).isFalse();
        assertThat(served.company("agency-1")).isFalse();
    }

    @Test
    void strangerIdsAreNeverCachedAndServedOnesOnlyUpToTheBound() {
        ServedLocations served = ServedLocations.installed(db, Duration.ofMinutes(5), 3, ticker);
        for (int i = 0; i < 1000; i++) {
            assertThat(served.location("stranger-" + i)).isFalse();
            assertThat(served.company("stranger-" + i)).isFalse();
        }
        assertThat(served.cached()).isZero();
        for (int i = 0; i < 50; i++) {
            db.active.add("loc-" + i);
            assertThat(served.location("loc-" + i)).isTrue();
        }
        assertThat(served.cached()).isLessThanOrEqualTo(3);
    }

    @Test
    void listsAreSplitOnCommasAndTrimmed() {
        assertThat(ServedLocations.parseList(" a,b , ,c,a")).containsExactly("a", "b", "c");
        assertThat(ServedLocations.parseList(null)).isEmpty();
        assertThat(ServedLocations.parseList("")).isEmpty();
    }
}
