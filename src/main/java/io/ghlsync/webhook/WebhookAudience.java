package io.ghlsync.webhook;

import io.ghlsync.ghl.ServedLocations;

/**
 * Whether a verified webhook is meant for this service. GHL signs the webhooks of every Marketplace app with the
 * same key, so a valid signature says only that GHL sent the event, not to whom: another app's owner can forward
 * theirs here. Such an event must change nothing: contact and appointment events count only for a served
 * location, INSTALL / UNINSTALL only for this app (and an UNINSTALL only for a served location or company).
 */
public class WebhookAudience {

    /** Why an event is not for this service. {@code label} is a fixed metric label, never an id. */
    public enum Stranger {
        LOCATION_NOT_SERVED("location_not_served", "location not served"),
        COMPANY_NOT_SERVED("company_not_served", "company not served"),
        OTHER_APP("other_app", "install event of another app"),
        APP_NOT_CONFIGURED("app_not_configured", "app not configured: no GHL_CLIENT_ID, install events are not used");

        private final String label;
        private final String reason;

        Stranger(String label, String reason) {
            this.label = label;
            this.reason = reason;
        }

        public String label() {
            return label;
        }

        public String reason() {
            return reason;
        }
    }

    private final ServedLocations served;
    private final String appId;

    /** @param clientId GHL_CLIENT_ID, or blank without the OAuth app */
    public WebhookAudience(ServedLocations served, String clientId) {
        this.served = served;
        this.appId = appIdOf(clientId);
    }

    /**
     * The app id GHL puts in INSTALL / UNINSTALL events: a client id reads {@code <appId>-<suffix>}.
     *
     * @return null without a client id
     */
    static String appIdOf(String clientId) {
        if (clientId == null || clientId.isBlank()) {
            return null;
        }
        String id = clientId.trim();
        int dash = id.indexOf('-');
        return dash < 0 ? id : id.substring(0, dash);
    }

    /** @return null when the event is for this service, else why not */
    public Stranger check(GhlEvent event) {
        if (AppInstallEvents.handles(event.type())) {
            if (appId == null) {
                return Stranger.APP_NOT_CONFIGURED;
            }
            if (!appId.equals(event.appId())) {
                return Stranger.OTHER_APP;
            }
            if ("INSTALL".equals(event.type())) {
                return null; // this app's install is how a location becomes served
            }
            if (!isBlank(event.locationId())) {
                return served.location(event.locationId()) ? null : Stranger.LOCATION_NOT_SERVED;
            }
            if (!isBlank(event.companyId())) {
                return served.company(event.companyId()) ? null : Stranger.COMPANY_NOT_SERVED;
            }
            return null; // names nothing to uninstall: AppInstallEvents ignores it with that reason
        }
        return served.location(event.locationId()) ? null : Stranger.LOCATION_NOT_SERVED;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
