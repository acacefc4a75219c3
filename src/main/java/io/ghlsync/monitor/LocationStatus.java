package io.ghlsync.monitor;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ghlsync.config.Json;
import io.ghlsync.ghl.GhlBudget;
import io.ghlsync.ghl.oauth.GhlLocations;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every GHL location the service knows (installed or uninstalled, or just sent to) with its token expiry, last
 * refresh failure and rate budget, for the monitor's {@code data.locations[]}, and the problems that need a
 * person: a failing token refresh (often a revoked install) and a location close to its daily budget.
 */
public class LocationStatus {

    private final GhlLocations locations;
    private final GhlBudget budget;
    private final String defaultLocation;
    private final long dailyMax;
    private final double alertPercent;
    private final Clock clock;

    public LocationStatus(GhlLocations locations, GhlBudget budget, String defaultLocation,
            long dailyMax, double alertPercent, Clock clock) {
        this.locations = locations;
        this.budget = budget;
        this.defaultLocation = defaultLocation;
        this.dailyMax = dailyMax;
        this.alertPercent = alertPercent;
        this.clock = clock;
    }

    /** One object per location: id, status, tokenExpiresAt, lastRefreshError, budget figures. */
    public ArrayNode locations() {
        ArrayNode out = Json.MAPPER.createArrayNode();
        rows().values().forEach(out::add);
        return out;
    }

    /** Problems worth an alert; ids and figures only. Empty when the figures cannot be read. */
    public List<String> issues() {
        List<String> issues = new ArrayList<>();
        try {
            for (ObjectNode l : rows().values()) {
                String id = l.path("id").asText();
                if (GhlLocations.ACTIVE.equals(l.path("status").asText()) && l.hasNonNull("lastRefreshError")) {
                    String error = l.get("lastRefreshError").asText();
                    boolean revoked = error.contains("HTTP 401") || error.contains("HTTP 400")
                            || error.startsWith("not_installed");
                    issues.add("GHL location " + id + ": token refresh failing (" + error + ")"
                            + (revoked ? ", install revoked? Install the app again" : ""));
                }
                double used = l.path("budget").path("dailyUsedPercent").asDouble(0);
                if (used >= alertPercent) {
                    issues.add("GHL location " + id + " has used " + Math.round(used) + "% of its daily budget");
                }
            }
        } catch (RuntimeException unreadable) {
            return List.of();
        }
        return issues;
    }

    private Map<String, ObjectNode> rows() {
        Map<String, ObjectNode> rows = new LinkedHashMap<>();
        {
            for (GhlLocations.Location l : locations.list()) {
                ObjectNode o = Json.MAPPER.createObjectNode().put("id", l.id()).put("status", l.status());
                o.put("companyId", l.companyId());
                o.put("tokenExpiresAt", text(l.tokenExpiresAt()));
                o.put("lastRefreshError", l.lastRefreshError());
                o.put("lastRefreshErrorAt", text(l.lastRefreshErrorAt()));
                o.put("installedAt", text(l.installedAt()));
                o.put("uninstalledAt", text(l.uninstalledAt()));
                rows.put(l.id(), o);
            }
        }
        Map<String, GhlBudget.LocationBudget> budgets = budget.locations();
        if (defaultLocation != null && !defaultLocation.isBlank() && !rows.containsKey(defaultLocation)) {
            rows.put(defaultLocation, Json.MAPPER.createObjectNode().put("id", defaultLocation).put("status",
                    GhlLocations.ACTIVE).putNull("tokenExpiresAt").putNull("lastRefreshError"));
        }
        budgets.keySet().stream().filter(id -> !id.isEmpty() && !rows.containsKey(id)).sorted()
                .forEach(id -> rows.put(id, Json.MAPPER.createObjectNode().put("id", id).put("status",
                        GhlLocations.ACTIVE).putNull("tokenExpiresAt").putNull("lastRefreshError")));
        for (ObjectNode o : rows.values()) {
            GhlBudget.LocationBudget lb = budgets.get(o.path("id").asText());
            ObjectNode bj = o.putObject("budget");
            long sent = lb == null ? 0 : lb.sentToday();
            long remaining = lb == null ? -1 : lb.dailyRemaining();
            long used = remaining >= 0 ? Math.max(sent, dailyMax - remaining) : sent;
            bj.put("sentToday", sent);
            bj.put("dailyMax", dailyMax);
            bj.put("dailyRemaining", remaining);
            bj.put("dailyUsedPercent", dailyMax <= 0 ? 0 : Math.round(used * 1000.0 / dailyMax) / 10.0);
            bj.put("burstRemaining", lb == null ? -1 : lb.burstRemaining());
            bj.put("rateLimited", lb == null ? 0 : lb.rateLimited());
            long paused = lb == null ? 0 : lb.pausedUntilMillis();
            bj.put("pausedUntil", paused > clock.millis() ? Instant.ofEpochMilli(paused).toString() : null);
        }
        return rows;
    }

    private static String text(Instant i) {
        return i == null ? null : i.toString();
    }
}
