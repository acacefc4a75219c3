package io.ghlsync;

import static org.assertj.core.api.Assertions.assertThat;

import io.ghlsync.support.TestService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.camel.ServiceStatus;
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

    @Test
    void everyRouteFileStartsARouteNamedAfterIt() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of("routes"))) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        for (Path file : files) {
            String id = file.getFileName().toString().replace(".yaml", "");
            String text = Files.readString(file);
            if (text.contains("routeConfiguration:") || text.contains("- rest:")) {
                continue; // error policies and REST verbs are not routes of their own
            }
            assertThat(service.context().getRouteController().getRouteStatus(id))
                    .as("route %s from %s", id, file)
                    .isEqualTo(ServiceStatus.Started);
        }
    }

    @Test
    void readinessProbeIsUpWhenStarted() {
        var response = service.get("/observe/health/ready");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("UP");
    }
}
