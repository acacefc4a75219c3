package io.ghlsync.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Custom field definitions and calendar appointments. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GhlSimulatorCalendarTest {

    private GhlSimulator simulator;
    private SimClient ghl;

    @BeforeAll
    void start() {
        simulator = GhlSimulator.start(GhlSimulator.Settings.defaults().withBurst(100_000, 10_000));
        ghl = new SimClient(simulator, "token-calendar");
    }

    @AfterAll
    void stop() {
        simulator.close();
    }

    @BeforeEach
    void reset() {
        simulator.reset();
    }

    @Test
    void customFieldsAreCreatedWithADerivedKeyAndListedPerLocation() {
        SimClient.Reply created = ghl.contacts("POST", "/locations/loc/customFields",
                "{\"name\":\"Booking Reference Id\",\"dataType\":\"TEXT\",\"model\":\"contact\"}");
        assertThat(created.status()).isEqualTo(201);
        JsonNode field = created.json().path("customField");
        assertThat(field.path("id").asText()).matches("[A-Za-z0-9]{20}");
        assertThat(field.path("fieldKey").asText()).isEqualTo("contact.booking_reference_id");
        assertThat(field.path("dataType").asText()).isEqualTo("TEXT");
        assertThat(field.path("model").asText()).isEqualTo("contact");
        ghl.contacts("POST", "/locations/other/customFields", "{\"name\":\"Elsewhere\",\"dataType\":\"TEXT\"}");

        SimClient.Reply list = ghl.contacts("GET", "/locations/loc/customFields", null);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().path("customFields")).hasSize(1);
        assertThat(list.json().path("customFields").get(0).path("id").asText()).isEqualTo(field.path("id").asText());
        assertThat(ghl.contacts("GET", "/locations/loc/customFields?model=opportunity", null).json()
                .path("customFields")).isEmpty();
        assertThat(simulator.state().customFields()).hasSize(2);

        assertThat(ghl.contacts("POST", "/locations/loc/customFields",
                "{\"name\":\"booking reference id\",\"dataType\":\"TEXT\"}").status()).isEqualTo(400);
        SimClient.Reply invalid = ghl.contacts("POST", "/locations/loc/customFields", "{\"name\":\"X\"}");
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.json().path("message").get(0).asText()).isEqualTo("dataType should not be empty");
    }

    @Test
    void appointmentsAreCreatedUpdatedAndRead() {
        String contactId = ghl.contacts("POST", "/contacts/upsert", "{\"locationId\":\"loc\",\"email\":\"a@x.io\"}")
                .json().path("contact").path("id").asText();
        SimClient.Reply created = ghl.calendars("POST", "/calendars/events/appointments",
                "{\"calendarId\":\"cal\",\"locationId\":\"loc\",\"contactId\":\"" + contactId + "\","
                        + "\"startTime\":\"2026-12-03T10:00:00+01:00\",\"title\":\"Consultation\","
                        + "\"appointmentStatus\":\"confirmed\",\"ignoreFreeSlotValidation\":true,\"toNotify\":false}");
        assertThat(created.status()).isEqualTo(200);
        String eventId = created.json().path("id").asText();
        assertThat(eventId).matches("[A-Za-z0-9]{20}");
        assertThat(created.json().path("contactId").asText()).isEqualTo(contactId);
        assertThat(created.json().path("endTime").asText()).isEqualTo("2026-12-03T10:30+01:00");
        assertThat(created.json().has("event")).isFalse();

        SimClient.Reply updated = ghl.calendars("PUT", "/calendars/events/appointments/" + eventId,
                "{\"appointmentStatus\":\"cancelled\"}");
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().path("appointmentStatus").asText()).isEqualTo("cancelled");
        assertThat(updated.json().path("title").asText()).isEqualTo("Consultation");

        SimClient.Reply read = ghl.calendars("GET", "/calendars/events/appointments/" + eventId, null);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().path("event").path("appointmentStatus").asText()).isEqualTo("cancelled");
        assertThat(read.json().path("event").path("dateUpdated").asText()).isNotEmpty();
        assertThat(simulator.state().appointment(eventId)).isPresent();
        assertThat(simulator.state().appointments()).hasSize(1);

        SimClient.Reply deleted = ghl.calendars("DELETE", "/calendars/events/" + eventId, "{}");
        assertThat(deleted.status()).isEqualTo(201);
        assertThat(deleted.json().path("succeeded").asBoolean()).isTrue();
        assertThat(simulator.state().appointments()).isEmpty();
        assertThat(ghl.calendars("GET", "/calendars/events/appointments/" + eventId, null).status()).isEqualTo(400);
    }

    @Test
    void invalidAppointmentsAreRefusedAndNotStored() {
        String contactId = ghl.contacts("POST", "/contacts/upsert", "{\"locationId\":\"loc\",\"email\":\"b@x.io\"}")
                .json().path("contact").path("id").asText();
        SimClient.Reply missing = ghl.calendars("POST", "/calendars/events/appointments",
                "{\"calendarId\":\"cal\",\"locationId\":\"loc\",\"contactId\":\"" + contactId + "\"}");
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.json().path("message").get(0).asText()).isEqualTo("startTime should not be empty");

        SimClient.Reply badStatus = ghl.calendars("POST", "/calendars/events/appointments",
                "{\"calendarId\":\"cal\",\"locationId\":\"loc\",\"contactId\":\"" + contactId + "\","
                        + "\"startTime\":\"2026-12-03T10:00:00+01:00\",\"appointmentStatus\":\"booked\"}");
        assertThat(badStatus.status()).isEqualTo(422);

        SimClient.Reply unknownContact = ghl.calendars("POST", "/calendars/events/appointments",
                "{\"calendarId\":\"cal\",\"locationId\":\"loc\",\"contactId\":\"nope\","
                        + "\"startTime\":\"2026-12-03T10:00:00+01:00\"}");
        assertThat(unknownContact.status()).isEqualTo(400);

        SimClient.Reply editLocation = ghl.calendars("PUT", "/calendars/events/appointments/nope",
                "{\"title\":\"x\"}");
        assertThat(editLocation.status()).isEqualTo(400);
        assertThat(simulator.state().appointments()).isEmpty();
    }
}
