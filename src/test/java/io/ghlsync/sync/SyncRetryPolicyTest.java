package io.ghlsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.ghlsync.ghl.GhlErrorClassifier;
import io.ghlsync.ghl.GhlException;
import io.ghlsync.ghl.GhlPausedException;
import java.net.SocketTimeoutException;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class SyncRetryPolicyTest {

    private final SyncRetryPolicy policy = new SyncRetryPolicy(true, 3, 2);

    private static Exchange failedWith(Exception e) {
        Exchange ex = new DefaultExchange(new DefaultCamelContext());
        ex.setException(e);
        return ex;
    }

    @Test
    void retriesServerErrorsThreeTimesThenGivesUp() {
        Exchange ex = failedWith(GhlErrorClassifier.httpFailure("op", 503, 0));
        assertThat(policy.matches(ex)).isTrue();
        assertThat(policy.matches(ex)).isTrue();
        assertThat(policy.matches(ex)).isTrue();
        assertThat(policy.matches(ex)).isFalse();
        assertThat(SyncRetryPolicy.attempts(ex)).isEqualTo(4);
    }

    @Test
    void aPausedLocationIsNotRedeliveredInMemory() {
        Exchange ex = failedWith(new GhlPausedException("loc", 30_000));
        assertThat(policy.matches(ex)).as("handed back to the outbox by route location-paused-handback instead")
                .isFalse();
        assertThat(SyncRetryPolicy.attempts(ex)).isEqualTo(1);
    }

    @Test
    void aPausedLocationGoesBackToTheOutboxAlsoWhenWrapped() {
        assertThat(policy.locationPaused(failedWith(new GhlPausedException("loc", 30_000)))).isTrue();
        assertThat(policy.locationPaused(failedWith(new RuntimeException("wrapped",
                new GhlPausedException("loc", 1_000))))).isTrue();
    }

    @Test
    void everyOtherFailureThatIsNotRedeliveredIsADeadLetter() {
        Exchange exhausted = failedWith(GhlErrorClassifier.httpFailure("op", 503, 0));
        while (policy.matches(exhausted)) {
            // use up the retries
        }
        assertThat(policy.locationPaused(exhausted)).as("retries used up").isFalse();
        assertThat(policy.locationPaused(failedWith(GhlErrorClassifier.httpFailure("op", 422, 0)))).isFalse();
        assertThat(policy.locationPaused(failedWith(GhlErrorClassifier.httpFailure("op", 429, 5_000))))
                .as("a 429 that used up its waits").isFalse();
        assertThat(policy.locationPaused(failedWith(new IllegalStateException("bug")))).isFalse();
    }

    @Test
    void theDeadLetterChannelSeesTheFailureAsCaughtNotAsThrown() {
        // Inside the failure route the exception has moved to the EXCEPTION_CAUGHT property.
        Exchange ex = new DefaultExchange(new DefaultCamelContext());
        ex.setProperty(Exchange.EXCEPTION_CAUGHT, new GhlPausedException("loc", 2_000));
        assertThat(policy.locationPaused(ex)).isTrue();
    }

    @Test
    void networkErrorsAreRetried() {
        Exchange ex = failedWith(GhlErrorClassifier.transportFailure("op", new SocketTimeoutException()));
        assertThat(policy.matches(ex)).isTrue();
    }

    @Test
    void permanentErrorsGoStraightToTheDeadLetter() {
        for (int status : new int[] {400, 401, 403, 404, 422}) {
            assertThat(policy.matches(failedWith(GhlErrorClassifier.httpFailure("op", status, 0))))
                    .as("status %d", status).isFalse();
        }
        assertThat(policy.matches(failedWith(new IllegalStateException("bug")))).isFalse();
    }

    @Test
    void rateLimitsWaitRetryAfterWithoutSpendingRetries() {
        Exchange ex = failedWith(GhlErrorClassifier.httpFailure("op", 429, 4_000));
        policy.process(ex);
        assertThat(ex.getIn().getHeader(Exchange.REDELIVERY_DELAY, Long.class)).isEqualTo(4_000L);
        assertThat(policy.matches(ex)).isTrue();
        assertThat(policy.matches(ex)).isTrue();
        assertThat(policy.matches(ex)).as("max 2 waits in this policy").isFalse();

        ex.setException(GhlErrorClassifier.httpFailure("op", 500, 0));
        policy.process(ex);
        assertThat(ex.getIn().getHeader(Exchange.REDELIVERY_DELAY)).as("backoff applies again").isNull();
        assertThat(policy.matches(ex)).as("the 3 ordinary retries are untouched").isTrue();
    }

    @Test
    void retriesCanBeSwitchedOff() {
        SyncRetryPolicy off = new SyncRetryPolicy(false, 3, 2);
        assertThat(off.matches(failedWith(GhlErrorClassifier.httpFailure("op", 503, 0)))).isFalse();
        assertThat(off.matches(failedWith(GhlErrorClassifier.httpFailure("op", 429, 10)))).isTrue();
    }

    @Test
    void findsTheGhlFailureInsideWrappers() {
        GhlException inner = GhlErrorClassifier.httpFailure("op", 502, 0);
        Exchange ex = failedWith(new RuntimeException("wrapped", inner));
        assertThat(SyncRetryPolicy.ghlFailure(ex)).isSameAs(inner);
    }
}
