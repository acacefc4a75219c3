package io.ghlsync;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import io.ghlsync.support.TestService;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The exact routes the service starts, and the route configuration (failure path) each one runs under. A route file
 * that is deleted, renamed or added, a REST verb that loses its id, or a route that changes its failure path fails
 * here until this list is changed with it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RouteIdsTest {

    /**
     * No route configuration: Camel's default error handler (log, no redelivery). REST verbs hand over to a direct:
     * route that has one; sync-failed, location-paused-handback, sync-dead-letter and webhook-dead are the ends of
     * failure paths themselves.
     */
    private static final String NONE = "-";

    /** Route id -> its route configuration, by folder of routes/. REST verbs are routes of their own. */
    private static final Map<String, String> ROUTES = Map.ofEntries(
            // routes/api: REST verbs (routeConfiguration of the direct: route behind them applies)
            entry("booking-api-create", NONE),
            entry("booking-api-status", NONE),
            entry("booking-api-edit", NONE),
            entry("booking-api-get", NONE),
            entry("rest-appointment-sync", NONE),
            entry("rest-appointment-sync-netlify", NONE),
            entry("dead-letters-list-get", NONE),
            entry("dead-letters-replay-post", NONE),
            entry("dead-letters-replay-one-post", NONE),
            entry("dead-letters-discard-post", NONE),
            entry("gohighlevel-sync-monitor-get", NONE),
            entry("gohighlevel-sync-monitor-netlify-get", NONE),
            entry("oauth-callback-get", NONE),
            entry("oauth-install-link-post", NONE),
            entry("ops-timeline-get", NONE),
            entry("ops-ghl-budget-get", NONE),
            // routes/api: the direct: routes behind them
            entry("booking-create-appointment", "api-errors"),
            entry("booking-change-status", "api-errors"),
            entry("booking-edit-appointment", "api-errors"),
            entry("booking-get-appointment", "api-errors"),
            entry("appointment-sync", "api-errors"),
            entry("dead-letters-list", "api-errors"),
            entry("dead-letters-replay", "api-errors"),
            entry("dead-letters-replay-one", "api-errors"),
            entry("dead-letters-discard", "api-errors"),
            entry("gohighlevel-sync-monitor", "api-errors"),
            entry("oauth-callback", "api-errors"),
            entry("oauth-install-link", "api-errors"),
            entry("ops-timeline", "api-errors"),
            entry("ops-ghl-budget", "api-errors"),
            // routes/pipeline
            entry("outbox-dispatcher", "timer-errors"),
            entry("sync-event", "sync-errors"),
            entry("sync-failed", NONE),
            entry("location-paused-handback", NONE),
            entry("sync-dead-letter", NONE),
            entry("ghl-call", "ghl-call-errors"),
            entry("ghl-oauth-call", "ghl-call-errors"),
            // routes/webhook
            entry("gohighlevel-webhook", NONE),
            entry("gohighlevel-webhook-netlify", NONE),
            entry("webhook-intake", "webhook-intake-errors"),
            entry("webhook-inbox-poller", "timer-errors"),
            entry("webhook-handle", "webhook-handling-errors"),
            entry("webhook-dead", NONE),
            // routes/timers
            entry("dead-letter-replay", "timer-errors"),
            entry("retention-prune", "timer-errors"),
            entry("sync-alerts", "timer-errors"),
            entry("ghl-token-renewal", "timer-errors"));

    /** routes/policies: the failure path of each group of routes. */
    private static final List<String> ROUTE_CONFIGURATIONS = List.of("api-errors", "ghl-call-errors", "sync-errors",
            "timer-errors", "webhook-handling-errors", "webhook-intake-errors");

    private TestService service;

    @BeforeAll
    void start() {
        service = TestService.builder().start();
    }

    @AfterAll
    void stop() {
        service.close();
    }

    /** Camel's own route for camel.rest.api-context-path (the OpenAPI document) has a generated id. */
    private static boolean isOpenApiDocument(Route route) {
        return route.getEndpoint().getEndpointUri().startsWith("rest-api:");
    }

    @Test
    void theServiceStartsExactlyTheListedRoutes() {
        List<String> started = service.context().getRoutes().stream()
                .filter(r -> !isOpenApiDocument(r))
                .map(Route::getRouteId)
                .sorted()
                .toList();
        assertThat(started).containsExactlyElementsOf(new TreeMap<>(ROUTES).keySet());
        for (String id : started) {
            assertThat(service.context().getRouteController().getRouteStatus(id)).as(id)
                    .isEqualTo(ServiceStatus.Started);
        }
    }

    @Test
    void theOpenApiDocumentHasOneRouteOfCamelsOwn() {
        assertThat(service.context().getRoutes().stream().filter(RouteIdsTest::isOpenApiDocument).toList())
                .singleElement()
                .satisfies(r -> assertThat(r.getEndpoint().getEndpointUri()).contains("/api/openapi.json"));
    }

    @Test
    void theFailurePathsAreExactlyTheseRouteConfigurations() {
        assertThat(((ModelCamelContext) service.context()).getRouteConfigurationDefinitions().stream()
                .map(RouteConfigurationDefinition::getId).sorted().toList())
                .containsExactlyElementsOf(ROUTE_CONFIGURATIONS);
    }

    @Test
    void eachRouteRunsUnderTheFailurePathOfItsGroup() {
        Map<String, String> actual = new TreeMap<>();
        for (Route route : service.context().getRoutes()) {
            if (!isOpenApiDocument(route)) {
                String configuration = route.getConfigurationId();
                actual.put(route.getRouteId(), configuration == null ? NONE : configuration);
            }
        }
        assertThat(actual).containsExactlyInAnyOrderEntriesOf(ROUTES);
    }
}
