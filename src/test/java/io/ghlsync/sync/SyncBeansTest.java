package io.ghlsync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ghlsync.config.CoreBeans;
import io.ghlsync.ghl.GhlApi;
import io.ghlsync.ghl.GhlBeans;
import io.ghlsync.ghl.GhlOperations;
import io.ghlsync.ghl.GhlResponse;
import io.ghlsync.support.TestDatabase;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;

/** The sync beans bind in camel-main with the settings of application.properties, and are built once. */
class SyncBeansTest {

    /** Stands in for the real ghlApi binding; no call is made here. */
    public static class FakeGhlApiBeans implements CamelConfiguration {
        @BindToRegistry("ghlApi")
        public GhlApi ghlApi() {
            return request -> new GhlResponse(200, null);
        }
    }

    private static Main main(SyncBeans syncBeans, int stepThreads) {
        Main main = new Main();
        main.configure().addConfiguration(new CoreBeans());
        main.configure().addConfiguration(new FakeGhlApiBeans());
        main.configure().addConfiguration(new GhlBeans());
        main.configure().addConfiguration(syncBeans);
        main.addOverrideProperty("database.url", TestDatabase.newDatabase());
        main.addOverrideProperty("ghl.calendar-id", "");
        main.addOverrideProperty("ghl.location-id", "loc");
        main.addOverrideProperty("sync.time-zone", "Europe/Amsterdam");
        main.addOverrideProperty("booking.base-url", "http://localhost:3000");
        main.addOverrideProperty("sync.step-threads", String.valueOf(stepThreads));
        return main;
    }

    @Test
    void appointmentSyncerAndGhlOperationsAreBoundOnce() throws Exception {
        Main main = main(new SyncBeans(), 16);
        main.start();
        try {
            var registry = main.getCamelContext().getRegistry();
            AppointmentSyncer syncer = registry.lookupByNameAndType("appointmentSyncer", AppointmentSyncer.class);
            assertThat(syncer).isNotNull();
            assertThat(registry.lookupByNameAndType("appointmentSyncer", AppointmentSyncer.class)).isSameAs(syncer);
            assertThat(registry.lookupByNameAndType("ghlOperations", GhlOperations.class).listCustomFields("l")
                    .version()).isEqualTo("2021-07-28");
        } finally {
            main.stop();
        }
    }

    @Test
    void syncStepsRunOnACamelThreadPoolSizedBySettingShownInJmxAndStoppedWithTheContext() throws Exception {
        SyncBeans beans = new SyncBeans();
        Main main = main(beans, 3);
        main.start();
        ExecutorService steps = beans.stepPool();
        try {
            MBeanServer jmx = main.getCamelContext().getManagementStrategy().getManagementAgent().getMBeanServer();
            ObjectName pool = jmx.queryNames(new ObjectName("org.apache.camel:type=threadpools,*"), null).stream()
                    .filter(n -> n.getKeyProperty("name").contains(SyncBeans.STEP_POOL))
                    .findFirst().orElseThrow(() -> new AssertionError("no sync-steps pool in JMX"));
            assertThat(jmx.getAttribute(pool, "CorePoolSize")).isEqualTo(3);
            assertThat(jmx.getAttribute(pool, "MaximumPoolSize")).isEqualTo(3);
            String thread = CompletableFuture.supplyAsync(() -> Thread.currentThread().getName(), steps).get();
            assertThat(thread).contains(SyncBeans.STEP_POOL);
        } finally {
            main.stop();
        }
        assertThat(steps.isShutdown()).as("shut down with the context").isTrue();
        await().atMost(Duration.ofSeconds(10)).until(steps::isTerminated);
    }
}
