package io.ghlsync.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.ghlsync.support.TestService;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardServedTest {

    private TestService service;

    @BeforeAll
    void start() {
        service = TestService.builder().property("deadletter.replay.enabled", "false").start();
    }

    @AfterAll
    void stop() {
        service.close();
    }

    @Test
    void dashboardIsServedAtTheRootNextToTheApis() {
        HttpResponse<String> page = service.get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("html"));
        assertThat(page.body()).contains("ghl-sync operations", "dashboard.js");
        assertThat(service.get("/dashboard.js").body()).contains("/api/dead-letters", "action=status",
                "/api/ops/timeline", "/api/ops/ghl-budget");

        assertThat(service.get("/gohighlevel-sync-monitor").statusCode()).isEqualTo(200);
        assertThat(service.get("/observe/health/ready").statusCode()).isEqualTo(200);
    }
}
