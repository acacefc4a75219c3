package io.ghlsync.monitor;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ghlsync.config.Json;
import io.ghlsync.ghl.GhlBudget;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;

/**
 * The GHL rate budget as the dashboard shows it: the configured limits and, per location, what GHL last reported
 * (X-RateLimit-* headers) and what this instance counted. Values GHL has not reported yet are null, a pause that
 * is over is null, and a count of an earlier day reads 0.
 */
public class GhlBudgetView {

    /** The limits ghl-sync keeps to (ghl.rate.*). */
    public record Limits(int burstMax, long burstPeriodMillis, int dailyMax) {}

    private final GhlBudget budget;
    private final Limits limits;
    private final Clock clock;

    public GhlBudgetView(GhlBudget budget, Limits limits, Clock clock) {
        this.budget = budget;
        this.limits = limits;
        this.clock = clock;
    }

    public ObjectNode toJson() {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        ObjectNode data = Json.MAPPER.createObjectNode();
        data.putObject("limits")
                .put("burstMax", limits.burstMax())
                .put("burstPeriodMs", limits.burstPeriodMillis())
                .put("dailyMax", limits.dailyMax());
        ArrayNode locations = data.putArray("locations");
        for (Map.Entry<String, GhlBudget.LocationBudget> e : new TreeMap<>(budget.locations()).entrySet()) {
            GhlBudget.LocationBudget b = e.getValue();
            ObjectNode o = locations.addObject().put("locationId", e.getKey());
            putReported(o, "burstRemaining", b.burstRemaining());
            putReported(o, "burstMax", b.burstMax());
            putReported(o, "dailyRemaining", b.dailyRemaining());
            o.put("sentToday", today.equals(b.day()) ? b.sentToday() : 0);
            o.put("sentTotal", b.sentTotal());
            o.put("rateLimited", b.rateLimited());
            long paused = b.pausedUntilMillis();
            o.put("pausedUntil", paused > now.toEpochMilli() ? Instant.ofEpochMilli(paused).toString() : null);
        }
        return data;
    }

    /** GhlBudget keeps -1 for "not reported by GHL yet". */
    private static void putReported(ObjectNode o, String field, long value) {
        if (value < 0) {
            o.putNull(field);
        } else {
            o.put(field, value);
        }
    }
}
