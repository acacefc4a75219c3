package io.ghlsync.ghl.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.ghlsync.ghl.oauth.OAuthStateTokens.InvalidStateException;
import io.ghlsync.support.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** The install guard over real PostgreSQL: single-use states across instances, bounded refusals. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InstallGuardTest {

    private HikariDataSource dataSource;
    private NamedParameterJdbcTemplate jdbc;
    private final OAuthStateTokens states = new OAuthStateTokens(OAuthStateTokens.deriveKey("jwt", "client"),
            Duration.ofMinutes(15), Clock.systemUTC());

    @BeforeAll
    void start() {
        dataSource = TestDatabase.newMigratedDataSource(2);
        jdbc = new NamedParameterJdbcTemplate(dataSource);
    }

    @AfterAll
    void stop() {
        dataSource.close();
    }

    @BeforeEach
    void clean() {
        jdbc.update("delete from ghl_install_refusals", Map.of());
        jdbc.update("delete from oauth_state_nonces", Map.of());
    }

    private InstallGuard guard(String allowed, int keep) {
        return new InstallGuard(CompanyAllowlist.parse(allowed), new InstallRefusals(jdbc, Clock.systemUTC(), keep),
                states, new OAuthStateNonces(jdbc, Clock.systemUTC()));
    }

    @Test
    void aStateIsHonouredOnceAlsoByAnotherInstance() {
        String state = states.issue().token();
        guard("", 20).spendState(state);
        InstallGuard otherInstance = guard("", 20);
        assertThatThrownBy(() -> otherInstance.spendState(state)).isInstanceOf(InvalidStateException.class)
                .hasMessageContaining("already used");
        otherInstance.spendState(states.issue().token());
    }

    @Test
    void noncesOfStatesThatCanNoLongerVerifyAreDeleted() {
        jdbc.update("insert into oauth_state_nonces (nonce, keep_until) values ('old', now() - interval '1 minute')",
                Map.of());
        guard("", 20).spendState(states.issue().token());
        assertThat(jdbc.queryForList("select nonce from oauth_state_nonces", Map.of(), String.class))
                .hasSize(1).doesNotContain("old");
    }

    @Test
    void withoutASigningKeyEveryStateIsRefused() {
        InstallGuard noLinks = new InstallGuard(CompanyAllowlist.parse(""),
                new InstallRefusals(jdbc, Clock.systemUTC(), 20), null, new OAuthStateNonces(jdbc, Clock.systemUTC()));
        assertThatThrownBy(() -> noLinks.spendState(states.issue().token())).isInstanceOf(InvalidStateException.class);
    }

    @Test
    void aRefusedCompanyIsRecordedAndAnAllowedOneIsNot() {
        InstallGuard guard = guard("agency-ok", 20);
        assertThat(guard.admit("agency-ok", "loc-1", InstallGuard.CALLBACK).allowed()).isTrue();
        assertThat(guard.admit("agency-x", "loc-2", InstallGuard.WEBHOOK).allowed()).isFalse();
        InstallRefusals.Refusal only = new InstallRefusals(jdbc, Clock.systemUTC(), 20).recent().get(0);
        assertThat(new InstallRefusals(jdbc, Clock.systemUTC(), 20).recent()).hasSize(1);
        assertThat(only.companyId()).isEqualTo("agency-x");
        assertThat(only.locationId()).isEqualTo("loc-2");
        assertThat(only.source()).isEqualTo(InstallGuard.WEBHOOK);
        assertThat(only.reason()).contains("GHL_ALLOWED_COMPANY_IDS");
        assertThat(only.refusedAt()).isNotNull();
    }

    @Test
    void onlyTheNewestRefusalsAreKept() {
        InstallGuard guard = guard("agency-ok", 3);
        for (int i = 1; i <= 7; i++) {
            guard.admit("agency-" + i, null, InstallGuard.CALLBACK);
        }
        assertThat(jdbc.queryForObject("select count(*) from ghl_install_refusals", Map.of(), Long.class))
                .isEqualTo(3);
        assertThat(new InstallRefusals(jdbc, Clock.systemUTC(), 3).recent())
                .extracting(InstallRefusals.Refusal::companyId).containsExactly("agency-7", "agency-6", "agency-5");
    }
}
