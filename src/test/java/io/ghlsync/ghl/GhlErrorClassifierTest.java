package io.ghlsync.ghl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class GhlErrorClassifierTest {

    @ParameterizedTest
    @CsvSource({
        "408, true, timeout", "429, true, rate_limited", "500, true, server_error", "502, true, server_error",
        "503, true, server_error", "504, true, server_error",
        "400, false, bad_request", "401, false, unauthorized", "403, false, forbidden", "404, false, not_found",
        "422, false, validation", "409, false, client_error"
    })
    void classifiesStatusesAsTheOriginalRetryPolicy(int status, boolean retryable, String errorClass) {
        assertThat(GhlErrorClassifier.retryable(status)).isEqualTo(retryable);
        assertThat(GhlErrorClassifier.errorClass(status)).isEqualTo(errorClass);
        GhlException e = GhlErrorClassifier.httpFailure("contacts.addNote", status, 0);
        assertThat(e.retryable()).isEqualTo(retryable);
        assertThat(e.httpStatus()).isEqualTo(status);
        assertThat(e.getMessage()).contains("contacts.addNote").contains(String.valueOf(status)).contains(errorClass);
    }

    @Test
    void transportFailuresAreRetryableAndNamed() {
        assertThat(GhlErrorClassifier.transportFailure("op", new SocketTimeoutException()).errorClass())
                .isEqualTo("timeout");
        assertThat(GhlErrorClassifier.transportFailure("op", new ConnectException()).errorClass())
                .isEqualTo("connection_refused");
        GhlException other = GhlErrorClassifier.transportFailure("op", new IOException("reset"));
        assertThat(other.retryable()).isTrue();
        assertThat(other.errorClass()).isEqualTo("network");
        assertThat(other.httpStatus()).isZero();
    }

    @Test
    void ghlsOwnErrorTextIsNeverKept() {
        GhlException e = GhlErrorClassifier.httpFailure("contacts.upsert", 422, 0);
        assertThat(e.getMessage()).isEqualTo("GHL contacts.upsert answered 422 (validation)");
    }
}
