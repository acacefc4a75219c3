package io.ghlsync.webhook;

import io.ghlsync.ghl.ServedLocations;
import io.ghlsync.ghl.oauth.LocationInstalls;

/**
 * GHL's INSTALL and UNINSTALL webhooks: a location (or every location of a company) starts or stops syncing.
 * They call GHL (tokens, custom fields), so they run outside the inbox transaction.
 */
public class AppInstallEvents {

    private final LocationInstalls installs;
    private final ServedLocations served;

    public AppInstallEvents(LocationInstalls installs, ServedLocations served) {
        this.installs = installs;
        this.served = served;
    }

    static boolean handles(String type) {
        return "INSTALL".equals(type) || "UNINSTALL".equals(type);
    }

    Outcome apply(GhlEvent event) {
        String location = blankToNull(event.locationId());
        String company = blankToNull(event.companyId());
        if ("UNINSTALL".equals(event.type())) {
            if (location == null && company == null) {
                return Outcome.ignored("UNINSTALL without locationId or companyId");
            }
            String outcome = installs.uninstall(location, company);
            served.uninstalled(); // events of those locations stop counting here at once
            return Outcome.done(outcome);
        }
        if (location == null) {
            // A company-level install: its locations arrive with the OAuth callback or their own INSTALL events.
            return Outcome.ignored("company-level INSTALL" + (company == null ? "" : " of company " + company)
                    + ": locations are provisioned as they are approved");
        }
        return Outcome.done(installs.install(location, company));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
