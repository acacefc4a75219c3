package io.ghlsync.config;

import java.util.List;

/** Every feature's bean configuration, in start order. */
final class Beans {

    private Beans() {}

    static List<Object> all() {
        return List.of(
                new CoreBeans(),
                new ApiBeans(),
                new io.ghlsync.ghl.GhlClientBeans(),
                new io.ghlsync.ghl.GhlBeans(),
                new io.ghlsync.ghl.oauth.OAuthBeans(),
                // before PipelineBeans: the pipeline injects deadLetterRepository and syncMetrics
                new io.ghlsync.deadletter.DeadLetterBeans(),
                new io.ghlsync.monitor.MonitorBeans(),
                new io.ghlsync.sync.PipelineBeans(),
                new io.ghlsync.sync.SyncBeans(),
                new io.ghlsync.booking.BookingBeans(),
                new io.ghlsync.retention.RetentionBeans(),
                new io.ghlsync.webhook.WebhookBeans());
    }
}
