package io.ghlsync.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PrincipalTest {

    @Test
    void aTokenWithoutScopeIsTheBookingAppsAndNothingMore() {
        Principal p = Principal.fromScopeClaim("app", null);
        assertThat(p.satisfies(Owner.BOOKING)).isTrue();
        assertThat(p.satisfies(Owner.OPS_READ)).isFalse();
        assertThat(p.satisfies(Owner.OPS_WRITE)).isFalse();
    }

    @Test
    void opsWriteImpliesOpsReadButNotBooking() {
        Principal p = Principal.fromScopeClaim("op", "ops:write");
        assertThat(p.satisfies(Owner.OPS_READ)).isTrue();
        assertThat(p.satisfies(Owner.OPS_WRITE)).isTrue();
        assertThat(p.satisfies(Owner.BOOKING)).isFalse();
        assertThat(p.scopeText()).isEqualTo("ops:read ops:write");
    }

    @Test
    void anEmptyScopeGrantsNothingAndUnknownScopesAreInert() {
        assertThat(Principal.fromScopeClaim("x", "  ").scopes()).isEmpty();
        Principal p = Principal.fromScopes("x", List.of("admin", "ops:reader"));
        assertThat(p.satisfiesAny(List.of(Owner.BOOKING, Owner.OPS_READ, Owner.OPS_WRITE))).isFalse();
    }

    @Test
    void nobodyIsSatisfiedByNoOne() {
        assertThat(Principal.localDeveloper().satisfies(Owner.NOBODY)).isFalse();
        assertThat(Principal.ANONYMOUS.satisfies(Owner.ANONYMOUS)).isTrue();
    }
}
