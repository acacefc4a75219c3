package io.ghlsync.monitor;

import io.ghlsync.config.QueryParameters;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ghlsync.config.ApiException;
import io.ghlsync.config.ApiException.FieldError;
import io.ghlsync.config.Json;
import io.ghlsync.deadletter.DeadLetterFilter;
import io.ghlsync.deadletter.DeadLetterReplayer;
import io.ghlsync.ghl.oauth.InstallRefusals;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.camel.Exchange;

/**
 * The original sync monitor ({@code GET /gohighlevel-sync-monitor?action=status|retry|health[&appointmentId=]}),
 * answering with the original JSON shape, computed from PostgreSQL.
 */
public class SyncMonitor {

    private final SyncStatsRepository stats;
    private final SyncHealthEvaluator evaluator;
    private final DeadLetterReplayer replayer;
    private final BooleanSupplier environmentReady;
    private final LocationStatus locations;
    private final Supplier<List<InstallRefusals.Refusal>> installRefusals;

    public SyncMonitor(SyncStatsRepository stats, SyncHealthEvaluator evaluator, DeadLetterReplayer replayer,
            BooleanSupplier environmentReady) {
        this(stats, evaluator, replayer, environmentReady, null);
    }

    /** @param locations per-location view added to the status as {@code data.locations}, or null */
    public SyncMonitor(SyncStatsRepository stats, SyncHealthEvaluator evaluator, DeadLetterReplayer replayer,
            BooleanSupplier environmentReady, LocationStatus locations) {
        this(stats, evaluator, replayer, environmentReady, locations, null);
    }

    /** @param installRefusals recent refused app installs, added to the status as {@code data.installRefusals} */
    public SyncMonitor(SyncStatsRepository stats, SyncHealthEvaluator evaluator, DeadLetterReplayer replayer,
            BooleanSupplier environmentReady, LocationStatus locations,
            Supplier<List<InstallRefusals.Refusal>> installRefusals) {
        this.installRefusals = installRefusals;
        this.locations = locations;
        this.stats = stats;
        this.evaluator = evaluator;
        this.replayer = replayer;
        this.environmentReady = environmentReady;
    }

    public void handle(Exchange exchange) {
        Map<String, String> query = QueryParameters.of(exchange);
        String action = query.getOrDefault("action", "status");
        if (action.isBlank()) {
            action = "status";
        }
        UUID appointmentId = appointmentId(query.get("appointmentId"));
        ObjectNode data = switch (action) {
            case "status" -> status(appointmentId);
            case "health" -> health(appointmentId);
            case "retry" -> retry(appointmentId);
            default -> throw new ApiException(400, "Unknown action '" + action + "'",
                    List.of(new FieldError("query.action", "must be one of status, retry, health")));
        };
        ObjectNode body = Json.MAPPER.createObjectNode().put("success", true).put("action", action);
        body.set("data", data);
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(body.toString());
    }

    ObjectNode status(UUID appointmentId) {
        SyncStats s = stats.load(appointmentId);
        SystemHealth h = evaluator.evaluate(s, environmentReady.getAsBoolean());
        ObjectNode data = Json.MAPPER.createObjectNode()
                .put("totalSyncs", s.totalSyncs())
                .put("successful", s.successful())
                .put("failed", s.failed())
                .put("successRate", s.successRate())
                .put("deadLetterQueueSize", s.deadLetterQueueSize());
        if (appointmentId != null) {
            data.put("appointmentId", appointmentId.toString());
        }
        ArrayNode recent = data.putArray("recentFailures");
        for (SyncStats.RecentFailure f : s.recentFailures()) {
            ObjectNode o = recent.addObject();
            o.put("appointmentId", f.appointmentId() == null ? null : f.appointmentId().toString());
            o.put("error", f.error());
            o.put("attempts", f.attempts());
            o.put("lastAttempt", f.lastAttempt() == null ? null : f.lastAttempt().toInstant().toString());
        }
        data.set("systemHealth", systemHealth(h));
        data.set("recommendations", Json.MAPPER.valueToTree(h.recommendations()));
        if (locations != null && appointmentId == null) {
            data.set("locations", locations.locations());
        }
        if (installRefusals != null && appointmentId == null) {
            ArrayNode refused = data.putArray("installRefusals");
            for (InstallRefusals.Refusal r : installRefusals.get()) {
                refused.addObject().put("refusedAt", r.refusedAt().toString()).put("companyId", r.companyId())
                        .put("locationId", r.locationId()).put("source", r.source()).put("reason", r.reason());
            }
        }
        return data;
    }

    ObjectNode health(UUID appointmentId) {
        SystemHealth h = evaluator.evaluate(stats.load(appointmentId), environmentReady.getAsBoolean());
        ObjectNode data = systemHealth(h);
        data.set("recommendations", Json.MAPPER.valueToTree(h.recommendations()));
        return data;
    }

    ObjectNode retry(UUID appointmentId) {
        DeadLetterFilter filter = new DeadLetterFilter(appointmentId, null, null, null, null,
                DeadLetterFilter.MAX_LIMIT);
        DeadLetterReplayer.Summary s = replayer.replayMatching(filter);
        ObjectNode data = Json.MAPPER.createObjectNode()
                .put("retried", s.replayed())
                .put("superseded", s.superseded())
                .put("rescheduled", s.rescheduled())
                .put("message", "Re-queued " + s.replayed() + " failed sync(s)"
                        + (s.superseded() > 0 ? ", skipped " + s.superseded() + " superseded by newer changes" : "")
                        + (s.rescheduled() > 0 ? ", " + s.rescheduled() + " could not be re-queued" : ""));
        if (appointmentId != null) {
            data.put("appointmentId", appointmentId.toString());
        }
        return data;
    }

    static ObjectNode systemHealth(SystemHealth h) {
        ObjectNode o = Json.MAPPER.createObjectNode().put("status", h.status());
        o.set("issues", Json.MAPPER.valueToTree(h.issues()));
        ObjectNode checks = o.putObject("checks");
        h.checks().forEach(checks::put);
        return o;
    }

    private static UUID appointmentId(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(raw.trim());
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "Invalid appointmentId",
                    List.of(new FieldError("query.appointmentId", "must be a UUID")));
        }
    }
}
