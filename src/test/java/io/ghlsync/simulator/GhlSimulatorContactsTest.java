package io.ghlsync.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GhlSimulatorContactsTest {

    private GhlSimulator simulator;
    private SimClient ghl;

    @BeforeAll
    void start() {
        simulator = GhlSimulator.start(GhlSimulator.Settings.defaults().withBurst(100_000, 10_000));
        ghl = new SimClient(simulator, "token-contacts");
    }

    @AfterAll
    void stop() {
        simulator.close();
    }

    @BeforeEach
    void reset() {
        simulator.reset();
    }

    private String upsertId(String json) {
        SimClient.Reply reply = ghl.contacts("POST", "/contacts/upsert", json);
        assertThat(reply.status()).isEqualTo(200);
        return reply.json().path("contact").path("id").asText();
    }

    @Test
    void upsertCreatesThenMatchesByEmailIgnoringCase() {
        SimClient.Reply first = ghl.contacts("POST", "/contacts/upsert",
                "{\"locationId\":\"loc\",\"firstName\":\"Ana\",\"lastName\":\"Silva\",\"email\":\"Ana@Example.com\"}");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().path("new").asBoolean()).isTrue();
        assertThat(first.json().path("traceId").asText()).isNotEmpty();
        String id = first.json().path("contact").path("id").asText();
        assertThat(id).matches("[A-Za-z0-9]{20}");
        assertThat(first.json().path("contact").path("name").asText()).isEqualTo("Ana Silva");

        SimClient.Reply second = ghl.contacts("POST", "/contacts/upsert",
                "{\"locationId\":\"loc\",\"email\":\"ana@example.COM\",\"phone\":\"+15551234567\"}");
        assertThat(second.json().path("new").asBoolean()).isFalse();
        assertThat(second.json().path("contact").path("id").asText()).isEqualTo(id);
        assertThat(second.json().path("contact").path("phone").asText()).isEqualTo("+15551234567");
        assertThat(second.json().path("contact").path("firstName").asText()).isEqualTo("Ana");
        assertThat(simulator.state().contacts()).hasSize(1);
    }

    @Test
    void upsertMatchesByPhoneWhenNoEmailMatches() {
        String id = upsertId("{\"locationId\":\"loc\",\"phone\":\"+1 (555) 123-4567\"}");
        SimClient.Reply reply = ghl.contacts("POST", "/contacts/upsert",
                "{\"locationId\":\"loc\",\"phone\":\"+15551234567\",\"email\":\"new@example.com\"}");
        assertThat(reply.json().path("new").asBoolean()).isFalse();
        assertThat(reply.json().path("contact").path("id").asText()).isEqualTo(id);
        assertThat(reply.json().path("contact").path("email").asText()).isEqualTo("new@example.com");
    }

    @Test
    void upsertPrefersTheEmailMatchOverAPhoneMatchOnAnotherContact() {
        String byEmail = upsertId("{\"locationId\":\"loc\",\"email\":\"a@example.com\",\"phone\":\"+111\"}");
        String byPhone = upsertId("{\"locationId\":\"loc\",\"email\":\"b@example.com\",\"phone\":\"+222\"}");
        SimClient.Reply reply = ghl.contacts("POST", "/contacts/upsert",
                "{\"locationId\":\"loc\",\"email\":\"a@example.com\",\"phone\":\"+222\",\"firstName\":\"A\"}");
        assertThat(reply.json().path("contact").path("id").asText()).isEqualTo(byEmail).isNotEqualTo(byPhone);
        assertThat(reply.json().path("contact").path("phone").asText()).isEqualTo("+111");
        assertThat(reply.json().path("contact").path("firstName").asText()).isEqualTo("A");
    }

    @Test
    void contactsOfAnotherLocationDoNotMatch() {
        upsertId("{\"locationId\":\"loc-1\",\"email\":\"a@example.com\"}");
        SimClient.Reply reply = ghl.contacts("POST", "/contacts/upsert",
                "{\"locationId\":\"loc-2\",\"email\":\"a@example.com\"}");
        assertThat(reply.json().path("new").asBoolean()).isTrue();
    }

    @Test
    void createAnswers201AndRefusesADuplicateWithTheExistingId() {
        SimClient.Reply created = ghl.contacts("POST", "/contacts/",
                "{\"locationId\":\"loc\",\"email\":\"c@example.com\",\"tags\":[\"x\"]}");
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().path("contact").path("id").asText();
        assertThat(simulator.state().tags(id)).containsExactly("x");

        SimClient.Reply duplicate = ghl.contacts("POST", "/contacts",
                "{\"locationId\":\"loc\",\"email\":\"C@example.com\"}");
        assertThat(duplicate.status()).isEqualTo(400);
        assertThat(duplicate.json().path("meta").path("contactId").asText()).isEqualTo(id);
        assertThat(duplicate.json().path("meta").path("matchingField").asText()).isEqualTo("email");
    }

    @Test
    void getReturnsTheContactOrA400ForAnUnknownId() {
        String id = upsertId("{\"locationId\":\"loc\",\"email\":\"g@example.com\"}");
        SimClient.Reply found = ghl.contacts("GET", "/contacts/" + id, null);
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.json().path("contact").path("email").asText()).isEqualTo("g@example.com");
        assertThat(found.json().path("contact").path("tags").isArray()).isTrue();
        assertThat(found.json().path("contact").path("customFields").isArray()).isTrue();

        SimClient.Reply missing = ghl.contacts("GET", "/contacts/nope", null);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().path("message").asText()).isEqualTo("Contact with id nope not found");
    }

    @Test
    void tagsPostAndDeleteActAsASet() {
        String id = upsertId("{\"locationId\":\"loc\",\"email\":\"t@example.com\"}");
        SimClient.Reply added = ghl.contacts("POST", "/contacts/" + id + "/tags", "{\"tags\":[\"a\",\"b\"]}");
        assertThat(added.status()).isEqualTo(201);
        SimClient.Reply again = ghl.contacts("POST", "/contacts/" + id + "/tags", "{\"tags\":[\"b\",\"c\",\"a\"]}");
        assertThat(texts(again.json().path("tags"))).containsExactly("a", "b", "c");

        SimClient.Reply removed = ghl.contacts("DELETE", "/contacts/" + id + "/tags", "{\"tags\":[\"b\",\"zzz\"]}");
        assertThat(removed.status()).isEqualTo(200);
        assertThat(texts(removed.json().path("tags"))).containsExactly("a", "c");
        SimClient.Reply removedAgain = ghl.contacts("DELETE", "/contacts/" + id + "/tags", "{\"tags\":[\"b\"]}");
        assertThat(removedAgain.status()).isEqualTo(200);
        assertThat(simulator.state().tags(id)).containsExactly("a", "c");
    }

    @Test
    void putWithTagsReplacesAllTagsAndWithoutTagsKeepsThem() {
        String id = upsertId("{\"locationId\":\"loc\",\"email\":\"p@example.com\"}");
        ghl.contacts("POST", "/contacts/" + id + "/tags", "{\"tags\":[\"old-1\",\"old-2\"]}");

        SimClient.Reply noTags = ghl.contacts("PUT", "/contacts/" + id, "{\"firstName\":\"Pia\"}");
        assertThat(noTags.status()).isEqualTo(200);
        assertThat(noTags.json().path("succeded").asBoolean()).isTrue();
        assertThat(simulator.state().tags(id)).containsExactly("old-1", "old-2");

        SimClient.Reply replaced = ghl.contacts("PUT", "/contacts/" + id, "{\"tags\":[\"new\"]}");
        assertThat(texts(replaced.json().path("contact").path("tags"))).containsExactly("new");
        assertThat(replaced.json().path("contact").path("firstName").asText()).isEqualTo("Pia");
        assertThat(simulator.state().tags(id)).containsExactly("new");
    }

    @Test
    void customFieldValuesMergeByIdAndAcceptAKey() {
        SimClient.Reply field = ghl.contacts("POST", "/locations/loc/customFields",
                "{\"name\":\"Booking Ref\",\"dataType\":\"TEXT\"}");
        String refId = field.json().path("customField").path("id").asText();
        String id = upsertId("{\"locationId\":\"loc\",\"email\":\"cf@example.com\","
                + "\"customFields\":[{\"id\":\"" + refId + "\",\"field_value\":\"BK-1\"},"
                + "{\"id\":\"other\",\"field_value\":\"keep\"}]}");

        SimClient.Reply updated = ghl.contacts("PUT", "/contacts/" + id,
                "{\"customFields\":[{\"key\":\"booking_ref\",\"field_value\":\"BK-2\"}]}");
        assertThat(updated.status()).isEqualTo(200);
        JsonNode values = updated.json().path("contact").path("customFields");
        assertThat(values).hasSize(2);
        assertThat(simulator.state().customFieldValues(id)).hasSize(2);
        assertThat(simulator.state().customFieldValues(id).get(refId).asText()).isEqualTo("BK-2");
        assertThat(simulator.state().customFieldValues(id).get("other").asText()).isEqualTo("keep");
        assertThat(values.get(0).path("id").asText()).isEqualTo(refId);
        assertThat(values.get(0).path("value").asText()).isEqualTo("BK-2");

        SimClient.Reply unknownKey = ghl.contacts("PUT", "/contacts/" + id,
                "{\"customFields\":[{\"key\":\"nope\",\"field_value\":\"x\"}]}");
        assertThat(unknownKey.status()).isEqualTo(422);
    }

    @Test
    void duplicateSearchFindsByEmailOrNumberOrAnswersNull() {
        String id = upsertId("{\"locationId\":\"loc\",\"email\":\"d+x@example.com\",\"phone\":\"+15550001111\"}");
        SimClient.Reply byEmail = ghl.contacts("GET",
                "/contacts/search/duplicate?locationId=loc&email=D%2Bx%40example.com", null);
        assertThat(byEmail.status()).isEqualTo(200);
        assertThat(byEmail.json().path("contact").path("id").asText()).isEqualTo(id);
        SimClient.Reply byNumber = ghl.contacts("GET",
                "/contacts/search/duplicate?locationId=loc&number=%2B15550001111", null);
        assertThat(byNumber.json().path("contact").path("id").asText()).isEqualTo(id);
        SimClient.Reply none = ghl.contacts("GET",
                "/contacts/search/duplicate?locationId=loc&email=none%40example.com", null);
        assertThat(none.status()).isEqualTo(200);
        assertThat(none.json().path("contact").isNull()).isTrue();
    }

    @Test
    void notesAndTasksAreStoredPerContact() {
        String id = upsertId("{\"locationId\":\"loc\",\"email\":\"n@example.com\"}");
        SimClient.Reply note = ghl.contacts("POST", "/contacts/" + id + "/notes", "{\"body\":\"Booking confirmed\"}");
        assertThat(note.status()).isEqualTo(201);
        assertThat(note.json().path("note").path("contactId").asText()).isEqualTo(id);
        assertThat(note.json().path("note").path("dateAdded").asText()).isNotEmpty();

        SimClient.Reply task = ghl.contacts("POST", "/contacts/" + id + "/tasks",
                "{\"title\":\"Call\",\"dueDate\":\"2026-12-03T09:00:00Z\",\"completed\":false}");
        assertThat(task.status()).isEqualTo(201);
        String taskId = task.json().path("task").path("id").asText();
        SimClient.Reply done = ghl.contacts("PUT", "/contacts/" + id + "/tasks/" + taskId, "{\"completed\":true}");
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.json().path("task").path("completed").asBoolean()).isTrue();
        assertThat(done.json().path("task").path("title").asText()).isEqualTo("Call");

        assertThat(ghl.contacts("GET", "/contacts/" + id + "/notes", null).json().path("notes")).hasSize(1);
        assertThat(ghl.contacts("GET", "/contacts/" + id + "/tasks", null).json().path("tasks")).hasSize(1);
        assertThat(ghl.contacts("PUT", "/contacts/" + id + "/tasks/unknown", "{\"completed\":true}").status())
                .isEqualTo(400);
        assertThat(simulator.state().notes(id)).extracting(n -> n.path("body").asText())
                .containsExactly("Booking confirmed");
        assertThat(simulator.state().tasks(id)).singleElement()
                .satisfies(t -> assertThat(t.path("completed").asBoolean()).isTrue());
    }

    @Test
    void missingRequiredFieldsAndLocationIdAreRefusedWith422AndNothingIsWritten() {
        String id = upsertId("{\"locationId\":\"loc\",\"email\":\"v@example.com\"}");
        SimClient.Reply note = ghl.contacts("POST", "/contacts/" + id + "/notes", "{}");
        assertThat(note.status()).isEqualTo(422);
        assertThat(note.json().path("message").get(0).asText()).isEqualTo("body should not be empty");
        assertThat(note.json().path("error").asText()).isEqualTo("Unprocessable Entity");

        SimClient.Reply noteWithLocation = ghl.contacts("POST", "/contacts/" + id + "/notes",
                "{\"body\":\"x\",\"locationId\":\"loc\"}");
        assertThat(noteWithLocation.status()).isEqualTo(422);
        assertThat(texts(noteWithLocation.json().path("message"))).contains("property locationId should not exist");

        SimClient.Reply tags = ghl.contacts("POST", "/contacts/" + id + "/tags",
                "{\"tags\":[\"a\"],\"locationId\":\"loc\"}");
        assertThat(tags.status()).isEqualTo(422);
        assertThat(ghl.contacts("POST", "/contacts/" + id + "/tags", "{}").status()).isEqualTo(422);

        SimClient.Reply task = ghl.contacts("POST", "/contacts/" + id + "/tasks", "{\"body\":\"b\"}");
        assertThat(task.status()).isEqualTo(422);
        assertThat(texts(task.json().path("message"))).contains("title should not be empty",
                "dueDate should not be empty", "completed should not be empty");

        SimClient.Reply update = ghl.contacts("PUT", "/contacts/" + id, "{\"firstName\":\"X\",\"locationId\":\"loc\"}");
        assertThat(update.status()).isEqualTo(422);

        assertThat(simulator.state().notes()).isEmpty();
        assertThat(simulator.state().tasks()).isEmpty();
        assertThat(simulator.state().tags(id)).isEmpty();
        assertThat(simulator.state().contact(id).orElseThrow().has("firstName")).isFalse();
    }

    @Test
    void malformedContactFieldsAreRefusedWith422() {
        SimClient.Reply badEmail = ghl.contacts("POST", "/contacts/upsert",
                "{\"locationId\":\"loc\",\"email\":\"not-an-email\"}");
        assertThat(badEmail.status()).isEqualTo(422);
        assertThat(texts(badEmail.json().path("message"))).containsExactly("email must be an email");
        SimClient.Reply noLocation = ghl.contacts("POST", "/contacts/upsert", "{\"email\":\"a@example.com\"}");
        assertThat(texts(noLocation.json().path("message"))).containsExactly("locationId should not be empty");
        SimClient.Reply wrongType = ghl.contacts("POST", "/contacts/upsert",
                "{\"locationId\":\"loc\",\"firstName\":5,\"tags\":\"vip\"}");
        assertThat(texts(wrongType.json().path("message")))
                .containsExactlyInAnyOrder("firstName must be a string", "tags must be an array");
        assertThat(simulator.state().contacts()).isEmpty();
    }

    @Test
    void invalidJsonIsA400() {
        SimClient.Reply reply = ghl.contacts("POST", "/contacts/upsert", "{\"locationId\":");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("statusCode").asInt()).isEqualTo(400);
        assertThat(simulator.state().contacts()).isEmpty();
    }

    private static java.util.List<String> texts(JsonNode array) {
        java.util.List<String> list = new java.util.ArrayList<>();
        array.forEach(n -> list.add(n.asText()));
        return list;
    }
}
