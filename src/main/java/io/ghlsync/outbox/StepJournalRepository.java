package io.ghlsync.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.ghlsync.config.Json;
import io.ghlsync.config.SqlFiles;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** The sync_step_journal table: GHL calls that already succeeded for an event, with what they returned. */
public class StepJournalRepository {

    private static final String FIND = SqlFiles.load("outbox/journal-find.sql");
    private static final String INSERT = SqlFiles.load("outbox/journal-insert.sql");
    private static final String DELETE = SqlFiles.load("outbox/journal-delete.sql");

    private final NamedParameterJdbcTemplate jdbc;

    public StepJournalRepository(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<JsonNode> find(UUID eventId, String step) {
        return jdbc.queryForList(FIND, Map.of("eventId", eventId, "step", step), String.class).stream()
                .findFirst()
                .map(StepJournalRepository::parse);
    }

    public void record(UUID eventId, String step, JsonNode response) {
        jdbc.update(INSERT, Map.of("eventId", eventId, "step", step, "response", response.toString()));
    }

    /** Deletes the journal of these events; joins the caller's transaction when there is one. */
    public void deleteFor(Collection<UUID> eventIds) {
        if (!eventIds.isEmpty()) {
            jdbc.update(DELETE, Map.of("eventIds", Json.MAPPER.valueToTree(eventIds).toString()));
        }
    }

    private static JsonNode parse(String json) {
        try {
            return Json.MAPPER.readTree(json == null ? "{}" : json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable journal response", e);
        }
    }
}
