package io.ghlsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ghlsync.ghl.GhlOperations;
import io.ghlsync.outbox.OutboxRepository;
import io.ghlsync.support.TestService;
import io.ghlsync.sync.AppointmentSyncer;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** The wiring binds each object once, with the settings of application.properties, before the routes start. */
class WiringTest {

    @Test
    void objectsAreBoundOnceAndStepsRunOnACamelThreadPoolSizedBySettingShownInJmxAndStoppedWithTheContext()
            throws Exception {
        TestService service = TestService.builder().property("sync.step-threads", 3).start();
        ExecutorService steps;
        try {
            var registry = service.context().getRegistry();
            AppointmentSyncer syncer = registry.lookupByNameAndType("appointmentSyncer", AppointmentSyncer.class);
            assertThat(syncer).isNotNull();
            assertThat(registry.lookupByNameAndType("appointmentSyncer", AppointmentSyncer.class)).isSameAs(syncer);
            assertThat(registry.findByType(OutboxRepository.class)).hasSize(1);
            assertThat(registry.lookupByNameAndType("ghlOperations", GhlOperations.class).listCustomFields("l")
                    .version()).isEqualTo("2021-07-28");
            // the wiring records into the one registry camel-micrometer-prometheus serves
            assertThat(registry.findByType(MeterRegistry.class)).hasSize(1);

            steps = registry.lookupByNameAndType("syncStepPool", ExecutorService.class);
            MBeanServer jmx = service.context().getManagementStrategy().getManagementAgent().getMBeanServer();
            ObjectName pool = jmx.queryNames(new ObjectName("org.apache.camel:type=threadpools,*"), null).stream()
                    .filter(n -> n.getKeyProperty("name").contains(AppointmentSyncer.STEP_POOL))
                    .findFirst().orElseThrow(() -> new AssertionError("no sync-steps pool in JMX"));
            assertThat(jmx.getAttribute(pool, "CorePoolSize")).isEqualTo(3);
            assertThat(jmx.getAttribute(pool, "MaximumPoolSize")).isEqualTo(3);
            String thread = CompletableFuture.supplyAsync(() -> Thread.currentThread().getName(), steps).get();
            assertThat(thread).contains(AppointmentSyncer.STEP_POOL);
        } finally {
            service.close();
        }
        assertThat(steps.isShutdown()).as("shut down with the context").isTrue();
        await().atMost(Duration.ofSeconds(10)).until(steps::isTerminated);
    }
}
