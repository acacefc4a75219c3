package io.ghlsync;

import static org.assertj.core.api.Assertions.assertThat;

import io.ghlsync.support.TestService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.camel.ServiceStatus;
import org.apache.camel.model.ModelCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoutesStartTest {

    private TestService service;

    @BeforeAll
    void start() {
        service = TestService.builder().start();
    }

    @AfterAll
    void stop() {
        service.close();
    }

    /** Every .yaml file under routes/, subfolders included: what camel.main.routes-include-pattern loads. */
    static List<Path> routeFiles() throws IOException {
        try (Stream<Path> s = Files.walk(Path.of("routes"))) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @Test
    void everyRouteFileStartsARouteNamedAfterIt() throws IOException {
        List<Path> files = routeFiles();
        assertThat(files).as("route files under routes/").isNotEmpty();
        ModelCamelContext model = (ModelCamelContext) service.context();
        for (Path file : files) {
            String id = file.getFileName().toString().replace(".yaml", "");
            String text = Files.readString(file);
            if (text.contains("routeConfiguration:")) {
                assertThat(model.getRouteConfigurationDefinitions())
                        .as("route configuration %s from %s", id, file)
                        .anySatisfy(c -> assertThat(c.getId()).isEqualTo(id));
            } else if (text.contains("- rest:")) {
                assertThat(model.getRestDefinitions())
                        .as("REST definition %s from %s", id, file)
                        .anySatisfy(r -> assertThat(r.getId()).isEqualTo(id));
            } else {
                assertThat(service.context().getRouteController().getRouteStatus(id))
                        .as("route %s from %s", id, file)
                        .isEqualTo(ServiceStatus.Started);
            }
        }
    }

    @Test
    void readinessProbeIsUpWhenStarted() {
        var response = service.get("/observe/health/ready");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("UP");
    }
}
