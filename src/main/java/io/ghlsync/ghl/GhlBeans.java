package io.ghlsync.ghl;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.PropertyInject;

/** Beans of the ghl feature, bound into the Camel registry. */
public class GhlBeans implements CamelConfiguration {

    private GhlOperations operations;

    @BindToRegistry("ghlOperations")
    public synchronized GhlOperations ghlOperations(
            @PropertyInject(value = "ghl.version.contacts", defaultValue = "2021-07-28") String contacts,
            @PropertyInject(value = "ghl.version.calendars", defaultValue = "2021-04-15") String calendars,
            @PropertyInject(value = "ghl.version.locations", defaultValue = "2021-07-28") String locations) {
        if (operations == null) {
            operations = new GhlOperations(contacts, calendars, locations);
        }
        return operations;
    }
}
