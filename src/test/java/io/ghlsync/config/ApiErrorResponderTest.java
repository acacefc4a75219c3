package io.ghlsync.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLTransientConnectionException;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

class ApiErrorResponderTest {

    private static Exchange failed(Exception e) {
        Exchange ex = new DefaultExchange(new DefaultCamelContext());
        ex.setProperty(Exchange.EXCEPTION_CAUGHT, e);
        ex.getMessage().setHeader("Authorization", "Bearer secret");
        new ApiErrorResponder().process(ex);
        return ex;
    }

    @Test
    void aKnownProblemKeepsItsStatusAndNamesTheFields() {
        Exchange ex = failed(new ApiException(400, "Request validation failed",
                java.util.List.of(new ApiException.FieldError("customer.email", "must be an email address"))));
        assertThat(ex.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(400);
        assertThat(ex.getMessage().getBody(String.class)).contains("customer.email").contains("\"success\":false");
        assertThat(ex.getMessage().getHeader("Authorization")).isNull();
    }

    @Test
    void anUnavailableDatabaseIsA503WithRetryAfterNotA500() {
        Exchange ex = failed(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                new SQLTransientConnectionException("ghl-sync - Connection is not available")));
        assertThat(ex.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(503);
        assertThat(ex.getMessage().getHeader("Retry-After")).isEqualTo("5");
        assertThat(ex.getMessage().getBody(String.class)).contains("Database unavailable");
    }

    @Test
    void anythingElseIsA500WithoutInternals() {
        Exchange ex = failed(new IllegalStateException("select * from customers where email = 'x@y.z'"));
        assertThat(ex.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(500);
        assertThat(ex.getMessage().getBody(String.class)).doesNotContain("select").doesNotContain("x@y.z");
    }
}
