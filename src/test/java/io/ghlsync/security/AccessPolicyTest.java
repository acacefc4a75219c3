package io.ghlsync.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {

    private static final AccessPolicy POLICY = AccessPolicy.fromSettings(Map.of(
            "http.access.webhook", "POST /gohighlevel-webhook anonymous",
            "http.access.get", "GET /api/appointments/{id} booking",
            "http.access.edit", "PATCH /api/appointments/{id} booking",
            "http.access.replay", "POST /api/dead-letters/{id}/replay ops:write",
            "http.access.monitor", "GET /gohighlevel-sync-monitor ops:read",
            "http.access.monitor-retry", "GET /gohighlevel-sync-monitor?action=retry ops:write",
            "http.access.jolokia", "GET,POST /observe/jolokia/** ops:read",
            "http.access.ready", "GET /observe/health/ready anonymous",
            "http.access.stack", "GET /observe/health/**?stackTrace nobody",
            "http.access.openapi", "GET /api/openapi.json booking ops:read"), "http.access.");

    private static final Principal BOOKING = Principal.fromScopeClaim("app", null);
    private static final Principal READER = Principal.fromScopeClaim("r", "ops:read");
    private static final Principal OPERATOR = Principal.fromScopeClaim("w", "ops:write");

    private static AccessPolicy.Decision decide(String method, String path) {
        return POLICY.decide(method, path, Map.of());
    }

    private static AccessPolicy.Allowed allowed(String method, String path, Map<String, List<String>> query) {
        AccessPolicy.Decision d = POLICY.decide(method, path, query);
        assertThat(d).isInstanceOf(AccessPolicy.Allowed.class);
        return (AccessPolicy.Allowed) d;
    }

    @Test
    void aPathNoRuleNamesIsNotFoundWhateverItLooksLike() {
        assertThat(decide("GET", "/application.properties")).isInstanceOf(AccessPolicy.NotFound.class);
        assertThat(decide("GET", "/data/postgres/pg_wal/000000010000000000000001"))
                .isInstanceOf(AccessPolicy.NotFound.class);
        assertThat(decide("GET", "/API/appointments/1")).isInstanceOf(AccessPolicy.NotFound.class);
        assertThat(decide("GET", "/api/appointments")).isInstanceOf(AccessPolicy.NotFound.class);
        assertThat(decide("GET", "/api/appointments/1/2")).isInstanceOf(AccessPolicy.NotFound.class);
    }

    @Test
    void aKnownPathWithAnotherMethodIsMethodNotAllowedNamingTheAllowedOnes() {
        AccessPolicy.Decision d = decide("DELETE", "/api/appointments/1");
        assertThat(d).isInstanceOf(AccessPolicy.MethodNotAllowed.class);
        assertThat(((AccessPolicy.MethodNotAllowed) d).allowed()).isEqualTo(Set.of("GET", "PATCH"));
    }

    @Test
    void aTrailingSlashIsTheSamePath() {
        assertThat(decide("POST", "/gohighlevel-webhook/")).isInstanceOf(AccessPolicy.Allowed.class);
    }

    @Test
    void ownersAreCheckedAgainstTheCallersScopes() {
        AccessPolicy.Allowed get = allowed("GET", "/api/appointments/abc", Map.of());
        assertThat(get.permits(BOOKING)).isTrue();
        assertThat(get.permits(READER)).isFalse();
        assertThat(get.anonymous()).isFalse();

        AccessPolicy.Allowed replay = allowed("POST", "/api/dead-letters/7/replay", Map.of());
        assertThat(replay.permits(BOOKING)).isFalse();
        assertThat(replay.permits(READER)).isFalse();
        assertThat(replay.permits(OPERATOR)).isTrue();
        assertThat(replay.required()).isEqualTo("ops:write");

        assertThat(allowed("POST", "/gohighlevel-webhook", Map.of()).anonymous()).isTrue();
        AccessPolicy.Allowed openapi = allowed("GET", "/api/openapi.json", Map.of());
        assertThat(openapi.permits(BOOKING)).isTrue();
        assertThat(openapi.permits(READER)).isTrue();
        assertThat(openapi.required()).isEqualTo("booking or ops:read");
    }

    @Test
    void aQueryConditionRefinesThePlainRuleOfThePath() {
        AccessPolicy.Allowed status = allowed("GET", "/gohighlevel-sync-monitor", Map.of("action", List.of("status")));
        assertThat(status.permits(READER)).isTrue();

        AccessPolicy.Allowed retry = allowed("GET", "/gohighlevel-sync-monitor", Map.of("action", List.of("retry")));
        assertThat(retry.permits(READER)).isFalse();
        assertThat(retry.permits(OPERATOR)).isTrue();
        // a repeated parameter cannot hide the retry behind another value
        assertThat(allowed("GET", "/gohighlevel-sync-monitor", Map.of("action", List.of("status", "retry")))
                .permits(READER)).isFalse();
    }

    @Test
    void aQueryConditionAloneOpensNothing() {
        assertThat(POLICY.decide("GET", "/observe/health/anything", Map.of("stackTrace", List.of("true"))))
                .isInstanceOf(AccessPolicy.NotFound.class);
    }

    @Test
    void nobodyMayAskHealthForStackTraces() {
        AccessPolicy.Allowed ready = allowed("GET", "/observe/health/ready", Map.of("stackTrace", List.of("true")));
        assertThat(ready.permits(Principal.localDeveloper())).isFalse();
        assertThat(allowed("GET", "/observe/health/ready", Map.of()).anonymous()).isTrue();
    }

    @Test
    void aTrailingWildcardMatchesTheFolderAndEverythingBelow() {
        assertThat(decide("POST", "/observe/jolokia")).isInstanceOf(AccessPolicy.Allowed.class);
        assertThat(decide("GET", "/observe/jolokia/read/java.lang:type=Memory")).isInstanceOf(AccessPolicy.Allowed.class);
        assertThat(decide("GET", "/observe/jolokiax")).isInstanceOf(AccessPolicy.NotFound.class);
    }

    @Test
    void malformedRulesAreRefusedAtStart() {
        assertThatThrownBy(() -> AccessRule.parse("x", "GET /a")).hasMessageContaining("METHODS PATH OWNER");
        assertThatThrownBy(() -> AccessRule.parse("x", "GET a anonymous")).hasMessageContaining("start with /");
        assertThatThrownBy(() -> AccessRule.parse("x", "GET /a/**/b anonymous")).hasMessageContaining("** only");
        assertThatThrownBy(() -> AccessRule.parse("x", "GET /a admin")).hasMessageContaining("unknown owner");
        assertThatThrownBy(() -> AccessPolicy.fromSettings(Map.of(), "http.access."))
                .hasMessageContaining("every request would be refused");
    }
}
