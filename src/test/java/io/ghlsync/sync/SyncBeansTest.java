package io.ghlsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.ghlsync.config.CoreBeans;
import io.ghlsync.ghl.GhlApi;
import io.ghlsync.ghl.GhlBeans;
import io.ghlsync.ghl.GhlOperations;
import io.ghlsync.ghl.GhlResponse;
import io.ghlsync.support.TestDatabase;
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

    @Test
    void appointmentSyncerAndGhlOperationsAreBoundOnce() throws Exception {
        Main main = new Main();
        main.configure().addConfiguration(new CoreBeans());
        main.configure().addConfiguration(new FakeGhlApiBeans());
        main.configure().addConfiguration(new GhlBeans());
        main.configure().addConfiguration(new SyncBeans());
        main.addOverrideProperty("database.url", TestDatabase.newDatabase());
        main.addOverrideProperty("ghl.calendar-id", "");
        main.addOverrideProperty("ghl.location-id", "loc");
        main.addOverrideProperty("sync.time-zone", "Europe/Amsterdam");
        main.addOverrideProperty("booking.base-url", "http://localhost:3000");
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
}
