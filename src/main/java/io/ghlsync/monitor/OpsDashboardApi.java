package io.ghlsync.monitor;

import io.ghlsync.config.QueryParameters;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ghlsync.config.ApiException;
import io.ghlsync.config.ApiException.FieldError;
import io.ghlsync.config.Json;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;

/**
 * The dashboard's own figures: {@code GET /api/ops/timeline?minutes=} (per-minute throughput and latency from the
 * outbox, plus the backlog now) and {@code GET /api/ops/ghl-budget} (GHL rate budget per location).
 */
public class OpsDashboardApi {

    private final OpsTimelineRepository timeline;
    private final GhlBudgetView budget;
    private final Clock clock;

    public OpsDashboardApi(OpsTimelineRepository timeline, GhlBudgetView budget, Clock clock) {
        this.timeline = timeline;
        this.budget = budget;
        this.clock = clock;
    }

    public void timeline(Exchange exchange) {
        TimelineWindow window = TimelineWindow.parse(QueryParameters.of(exchange), clock);
        List<TimelineBucket> buckets = TimelineBuckets.fill(window, timeline.minutes(window));
        OutboxBacklog backlog = timeline.backlog();
        ObjectNode data = Json.MAPPER.createObjectNode()
                .put("minutes", window.minutes())
                .put("from", window.from().toString())
                .put("to", window.to().toString());
        data.putObject("totals")
                .put("done", TimelineBuckets.totalDone(buckets))
                .put("dead", TimelineBuckets.totalDead(buckets));
        data.putObject("backlog")
                .put("pending", backlog.pending())
                .put("processing", backlog.processing())
                .put("oldestAgeSeconds", Math.round(backlog.oldestAgeSeconds()));
        ArrayNode list = data.putArray("buckets");
        for (TimelineBucket b : buckets) {
            ObjectNode o = list.addObject()
                    .put("minute", b.minute().toString())
                    .put("done", b.done())
                    .put("dead", b.dead());
            putMillis(o, "latencyP50Ms", b.latencyP50Ms());
            putMillis(o, "latencyP95Ms", b.latencyP95Ms());
        }
        respond(exchange, data);
    }

    public void ghlBudget(Exchange exchange) {
        Map<String, String> query = QueryParameters.of(exchange);
        if (!query.isEmpty()) {
            throw new ApiException(400, "This endpoint takes no parameters", query.keySet().stream()
                    .map(k -> new FieldError("query." + k, "unknown parameter")).toList());
        }
        respond(exchange, budget.toJson());
    }

    private static void putMillis(ObjectNode o, String field, Double value) {
        if (value == null) {
            o.putNull(field);
        } else {
            o.put(field, Math.round(value));
        }
    }

    private static void respond(Exchange exchange, ObjectNode data) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("success", true);
        body.set("data", data);
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(body.toString());
    }
}
