package io.ghlsync.ghl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.ghlsync.simulator.GhlSimulator;
import io.ghlsync.support.GhlHttpClient;
import io.ghlsync.support.TestDatabase;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Workers that sync the first events of a fresh location all find the custom fields missing and all create them;
 * GHL refuses all but the first with 400 "already exists". The loser must use the winner's field, not dead-letter
 * its event (found by the crash proof: 9 of 200 events were dead-lettered this way).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CustomFieldResolverRaceTest {

    private final GhlOperations operations = new GhlOperations("2021-07-28", "2021-04-15", "2021-07-28");
    private GhlSimulator simulator;
    private HikariDataSource dataSource;
    private NamedParameterJdbcTemplate jdbc;

    @BeforeAll
    void start() {
        simulator = GhlSimulator.start(GhlSimulator.Settings.defaults());
        dataSource = TestDatabase.newMigratedDataSource(2);
        jdbc = new NamedParameterJdbcTemplate(dataSource);
    }

    @AfterAll
    void stop() {
        simulator.close();
        dataSource.close();
    }

    /** Lets a rival create the field between our list call and our create call. */
    private GhlApi rivalCreatesFirst(GhlApi real, String locationId, String rivalName) {
        AtomicBoolean raced = new AtomicBoolean();
        return request -> {
            if (request.method().equals("POST") && request.path().endsWith("/customFields")
                    && raced.compareAndSet(false, true)) {
                real.call(operations.createCustomField(locationId, rivalName));
            }
            return real.call(request);
        };
    }

    @Test
    void aFieldCreatedByAnotherWorkerMeanwhileIsUsedInsteadOfFailing() {
        GhlApi real = new GhlHttpClient(simulator.baseUrl());
        CustomFieldResolver resolver = new CustomFieldResolver(
                rivalCreatesFirst(real, "race-loc", "Appointment Status"), operations, new CustomFieldRepository(jdbc));

        String id = resolver.resolve("race-loc", "appointment_status");

        assertThat(simulator.state().customFields())
                .filteredOn(f -> f.path("fieldKey").asText().equals("contact.appointment_status"))
                .singleElement().satisfies(f -> assertThat(f.path("id").asText()).isEqualTo(id));
    }

    @Test
    void aRefusedCreateOfAFieldThatStillDoesNotExistFails() {
        GhlApi real = new GhlHttpClient(simulator.baseUrl());
        // GHL refuses the create and the field is not in its list either: the 400 is the real answer.
        GhlApi refusing = request -> {
            if (request.method().equals("POST") && request.path().endsWith("/customFields")) {
                throw new GhlException("GHL answered 400", 400, false, "bad_request", 0, null);
            }
            return real.call(request);
        };
        CustomFieldResolver resolver = new CustomFieldResolver(refusing, operations, new CustomFieldRepository(jdbc));

        assertThatThrownBy(() -> resolver.resolve("other-loc", "last_service_date"))
                .isInstanceOf(GhlException.class).hasMessageContaining("400");
    }
}
