package io.ghlsync.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.ghlsync.support.TestDatabase;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class DatabaseHealthCheckTest {

    private static HealthCheck.Result call(String url) throws Exception {
        DatabaseHealthCheck check = new DatabaseHealthCheck(new DriverManagerDataSource(url), 1);
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            check.setCamelContext(context);
            return check.call();
        }
    }

    @Test
    void upWhenPostgresAnswers() throws Exception {
        assertThat(call(TestDatabase.adminUrl()).getState()).isEqualTo(HealthCheck.State.UP);
    }

    @Test
    void downWithoutLeakingTheUrlWhenPostgresIsUnreachable() throws Exception {
        HealthCheck.Result r = call("jdbc:postgresql://127.0.0.1:1/nowhere?user=secretuser&password=secretpw");
        assertThat(r.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(r.getMessage()).hasValueSatisfying(m -> assertThat(m).doesNotContain("secret", "127.0.0.1"));
    }

    @Test
    void onlyPartOfReadiness() {
        DatabaseHealthCheck check = new DatabaseHealthCheck(new DriverManagerDataSource("jdbc:postgresql:x"), 1);
        assertThat(check.isReadiness()).isTrue();
        assertThat(check.isLiveness()).isFalse();
    }
}
