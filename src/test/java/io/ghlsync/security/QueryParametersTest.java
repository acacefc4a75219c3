package io.ghlsync.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The gate decides on every parameter any reader behind it could see (the monitor splits the raw query itself). */
class QueryParametersTest {

    private static final AccessPolicy MONITOR = new AccessPolicy(List.of(
            AccessRule.parse("monitor", "GET /gohighlevel-sync-monitor ops:read"),
            AccessRule.parse("monitor-retry", "GET /gohighlevel-sync-monitor?action=retry ops:write")));

    private static String required(String rawQuery) {
        AccessPolicy.Decision d = MONITOR.decide("GET", "/gohighlevel-sync-monitor", QueryParameters.parse(rawQuery));
        return ((AccessPolicy.Allowed) d).required();
    }

    @Test
    void aRetryAfterMoreThan1024ParametersStillNeedsOpsWrite() {
        // Vert.x's decoder keeps the first 1,024 parameters only: this retry once passed with ops:read.
        assertThat(required("a&".repeat(1_100) + "action=retry&appointmentId=x")).isEqualTo("ops:write");
        assertThat(QueryParameters.parse("a&".repeat(1_100) + "action=retry").get("action")).containsExactly("retry");
    }

    @Test
    void aHashDoesNotHideTheParametersAfterIt() {
        // Vert.x stops at '#', the monitor's own parser does not: this retry once passed with ops:read.
        assertThat(required("x=1#&action=retry")).isEqualTo("ops:write");
        assertThat(required("action=status&appointmentId=a#&action=retry")).isEqualTo("ops:write");
    }

    @Test
    void semicolonsAndEncodedNamesCountAsSeparatorsAndNames() {
        assertThat(required("x=1;action=retry")).isEqualTo("ops:write");
        assertThat(required("%61ction=re%74ry")).isEqualTo("ops:write");
        assertThat(required("action=status&action=retry")).isEqualTo("ops:write");
        assertThat(required("action=status")).isEqualTo("ops:read");
        assertThat(required("action=RETRY")).isEqualTo("ops:read"); // the monitor answers it 400: unknown action
    }

    @Test
    void namesWithoutValuesAndPlusSignsAreReadAsTheRoutesReadThem() {
        assertThat(QueryParameters.parse("data&x=a+b").get("data")).containsExactly("");
        assertThat(QueryParameters.parse("data&x=a+b").get("x")).containsExactly("a b");
        assertThat(QueryParameters.parse(null)).isEmpty();
        assertThat(QueryParameters.parse("")).isEmpty();
    }

    @Test
    void invalidPercentEncodingIsRefused() {
        assertThatThrownBy(() -> QueryParameters.parse("a=%zz")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> QueryParameters.parse("a=%")).isInstanceOf(IllegalArgumentException.class);
    }
}
