package io.ghlsync.sync;

import io.ghlsync.ghl.CustomFieldRepository;
import io.ghlsync.ghl.CustomFieldResolver;
import io.ghlsync.ghl.GhlApi;
import io.ghlsync.ghl.GhlOperations;
import java.time.ZoneId;
import java.util.concurrent.ExecutorService;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** Beans of the sync feature, bound into the Camel registry. */
public class SyncBeans implements CamelConfiguration {

    /** The thread pool of AppointmentSyncer's steps: its id in JMX (type=threadpools) and its threads' name. */
    static final String STEP_POOL = "sync-steps";

    @PropertyInject("sync.step-threads")
    private int stepThreads;

    private ExecutorService stepPool;
    private AppointmentSyncer syncer;

    /**
     * The step pool is made by Camel's ExecutorServiceManager before the context starts: JMX lists it, and Camel
     * shuts it down when the context stops.
     */
    @Override
    public synchronized void configure(CamelContext camelContext) {
        if (stepPool == null) {
            stepPool = camelContext.getExecutorServiceManager().newFixedThreadPool(STEP_POOL, STEP_POOL, stepThreads);
        }
    }

    /** The step pool, once {@link #configure} made it. */
    synchronized ExecutorService stepPool() {
        return stepPool;
    }

    /** Lazy: ghlApi may be bound by a configuration that camel-main processes later. */
    @BindToRegistry(value = "appointmentSyncer", lazy = true)
    public synchronized AppointmentSyncer appointmentSyncer(
            @BeanInject("ghlApi") GhlApi ghl,
            @BeanInject("ghlOperations") GhlOperations operations,
            @BeanInject("jdbc") NamedParameterJdbcTemplate jdbc,
            @BeanInject("transactionTemplate") TransactionTemplate tx,
            @PropertyInject(value = "ghl.calendar-id", defaultValue = "") String calendarId,
            @PropertyInject(value = "ghl.location-id", defaultValue = "") String locationId,
            @PropertyInject(value = "sync.time-zone", defaultValue = "UTC") String timeZone,
            @PropertyInject(value = "booking.base-url", defaultValue = "") String bookingBaseUrl) {
        if (syncer == null) {
            boolean calendar = calendarId != null && !calendarId.isBlank();
            CustomFieldResolver resolver = new CustomFieldResolver(ghl, operations, new CustomFieldRepository(jdbc));
            SyncPlanner planner = new SyncPlanner(ZoneId.of(timeZone), calendar, bookingBaseUrl);
            syncer = new AppointmentSyncer(ghl, operations, resolver, planner, SyncStores.on(jdbc), tx,
                    calendar ? calendarId.trim() : null, locationId, stepPool);
        }
        return syncer;
    }
}
