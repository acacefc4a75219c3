package io.ghlsync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ServiceStatus;
import org.apache.camel.api.management.ManagedCamelContext;
import org.apache.camel.api.management.mbean.ManagedRouteMBean;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Route configuration timer-errors (routes/policies/timer-errors.yaml) and its logger. */
class TimerErrorsTest {

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private Logger logger;

    @BeforeEach
    void captureLogs() {
        logger = (Logger) LoggerFactory.getLogger(TimerFailureLogger.class);
        logs.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
        logs.start();
        logger.addAppender(logs);
    }

    @AfterEach
    void detach() {
        logger.detachAppender(logs);
    }

    private static Exchange failedRunOf(String routeId, Exception e, CamelContext context) {
        Exchange exchange = new DefaultExchange(context);
        exchange.getExchangeExtension().setFromRouteId(routeId);
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, e);
        return exchange;
    }

    @Test
    void aFailedScheduledRunIsHandledAndTheTimerRunsAgainAtItsNextTick() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        try (CamelContext context = new DefaultCamelContext()) {
            context.getRegistry().bind("timerFailureLogger", new TimerFailureLogger());
            PluginHelper.getRoutesLoader(context).loadRoutes(
                    ResourceHelper.resolveMandatoryResource(context, "file:routes/policies/timer-errors.yaml"));
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("timer:timer-errors-probe?period=20").routeId("timer-errors-probe")
                            .routeConfigurationId("timer-errors")
                            .process(e -> {
                                runs.incrementAndGet();
                                throw new IllegalStateException("customer ana@example.com");
                            });
                }
            });
            context.start();

            await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() >= 3);
            ManagedRouteMBean route = context.getCamelContextExtension().getContextPlugin(ManagedCamelContext.class)
                    .getManagedRoute("timer-errors-probe");
            assertThat(route.getExchangesFailed()).as("failures are handled by timer-errors").isZero();
            assertThat(route.getFailuresHandled()).isGreaterThanOrEqualTo(2);
            assertThat(context.getRouteController().getRouteStatus("timer-errors-probe"))
                    .isEqualTo(ServiceStatus.Started);
            assertThat(logs.list).isNotEmpty().allSatisfy(e -> {
                assertThat(e.getFormattedMessage())
                        .contains("timer-errors-probe", "java.lang.IllegalStateException")
                        .doesNotContain("ana@example.com");
            });
        }
    }

    @Test
    void anUnreachableDatabaseIsOneWarningLineWithoutStackTrace() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            new TimerFailureLogger().process(failedRunOf("outbox-dispatcher",
                    new RuntimeException(new SQLTransientConnectionException("pool timed out")), context));
        }
        List<ILoggingEvent> events = logs.list;
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.WARN);
            assertThat(e.getThrowableProxy()).isNull();
            assertThat(e.getFormattedMessage()).contains("outbox-dispatcher", "database unavailable");
        });
    }

    @Test
    void anyOtherFailureIsAnErrorWithTheRouteTheClassAndTheStackTraceButNotTheMessage() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            new TimerFailureLogger().process(failedRunOf("retention-prune",
                    new IllegalArgumentException("lead jan@example.com"), context));
        }
        assertThat(logs.list).singleElement().satisfies(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.ERROR);
            assertThat(e.getFormattedMessage()).contains("retention-prune", "java.lang.IllegalArgumentException")
                    .doesNotContain("jan@example.com");
            assertThat(e.getThrowableProxy()).isNotNull();
        });
    }
}
