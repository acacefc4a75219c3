package io.ghlsync.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.ghlsync.config.Json;
import io.ghlsync.config.SqlFiles;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Applies GHL contact events to the leads table (runs inside the handler's transaction). A contact is matched by
 * its GHL id, then a not-yet-linked lead by email, then by phone. Nothing is written when the event carries what
 * the lead already holds, so echoes of ghl-sync's own writes change nothing.
 */
public class ContactEvents {

    private static final String BY_CONTACT = SqlFiles.load("webhook/lead-by-contact.sql");
    private static final String BY_EMAIL = SqlFiles.load("webhook/lead-by-email.sql");
    private static final String BY_PHONE = SqlFiles.load("webhook/lead-by-phone.sql");
    private static final String UPDATE = SqlFiles.load("webhook/lead-update.sql");
    private static final String INSERT = SqlFiles.load("webhook/lead-insert.sql");
    private static final String SOFT_DELETE = SqlFiles.load("webhook/lead-soft-delete.sql");

    private record Lead(UUID id, LeadState state, Instant deletedAt) {}

    private final NamedParameterJdbcTemplate jdbc;

    public ContactEvents(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** ContactCreate / ContactUpdate: upsert the lead. */
    public Outcome upsert(GhlEvent event) {
        JsonNode contact = event.body();
        String contactId = GhlEvent.text(contact, "id");
        if (contactId == null) {
            return Outcome.ignored("contact event without id");
        }
        Lead lead = find(BY_CONTACT, "contactId", contactId);
        if (lead == null && GhlEvent.text(contact, "email") != null) {
            lead = find(BY_EMAIL, "email", GhlEvent.text(contact, "email"));
        }
        if (lead == null && GhlEvent.text(contact, "phone") != null) {
            lead = find(BY_PHONE, "phone", GhlEvent.text(contact, "phone"));
        }
        if (lead == null) {
            LeadState created = LeadState.fromContact(contact, event.locationId());
            UUID id = jdbc.queryForObject(INSERT, params(created), UUID.class);
            return Outcome.done("lead " + id + " created");
        }
        if (isStale(contact, lead)) {
            return Outcome.ignored("older than the contact change already applied to lead " + lead.id());
        }
        return save(lead, lead.state().with(contact, event.locationId(), false));
    }

    /** ContactTagUpdate: the lead's tags follow GHL's. */
    public Outcome tags(GhlEvent event) {
        Lead lead = linked(event);
        if (lead == null) {
            return Outcome.ignored("no lead is linked to this GHL contact");
        }
        if (isStale(event.body(), lead)) {
            return Outcome.ignored("older than the contact change already applied to lead " + lead.id());
        }
        return save(lead, lead.state().with(event.body(), event.locationId(), true));
    }

    /** ContactDelete: the lead is marked deleted, never removed. */
    public Outcome delete(GhlEvent event) {
        Lead lead = linked(event);
        if (lead == null) {
            return Outcome.ignored("no lead is linked to this GHL contact");
        }
        if (lead.deletedAt() != null) {
            return Outcome.done("lead " + lead.id() + " was already deleted");
        }
        jdbc.update(SOFT_DELETE, Map.of("id", lead.id()));
        return Outcome.done("lead " + lead.id() + " marked deleted");
    }

    private Lead linked(GhlEvent event) {
        String contactId = GhlEvent.text(event.body(), "id");
        return contactId == null ? null : find(BY_CONTACT, "contactId", contactId);
    }

    private Outcome save(Lead lead, LeadState next) {
        if (next.sameData(lead.state())) {
            return Outcome.done("unchanged: lead " + lead.id() + " already matches");
        }
        jdbc.update(UPDATE, params(next).addValue("id", lead.id()));
        return Outcome.done("lead " + lead.id() + " updated");
    }

    private static boolean isStale(JsonNode contact, Lead lead) {
        Instant incoming = GhlTimes.parse(contact, "dateUpdated");
        Instant applied = lead.state().ghlDateUpdated();
        return incoming != null && applied != null && incoming.isBefore(applied);
    }

    private Lead find(String sql, String param, String value) {
        List<Lead> rows = jdbc.query(sql, Map.of(param, value), ContactEvents::toLead);
        return rows.isEmpty() ? null : rows.get(0);
    }

    private static Lead toLead(ResultSet rs, int row) throws SQLException {
        JsonNode tags;
        try {
            tags = Json.MAPPER.readTree(rs.getString("tags"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable tags of lead " + rs.getString("id"), e);
        }
        Timestamp updated = rs.getTimestamp("ghl_date_updated");
        Timestamp deleted = rs.getTimestamp("deleted_at");
        LeadState state = new LeadState(rs.getString("ghl_contact_id"), rs.getString("location_id"),
                rs.getString("name"), rs.getString("email"), rs.getString("phone"), rs.getString("address"), tags,
                updated == null ? null : updated.toInstant());
        return new Lead(rs.getObject("id", UUID.class), state, deleted == null ? null : deleted.toInstant());
    }

    private static MapSqlParameterSource params(LeadState s) {
        return new MapSqlParameterSource()
                .addValue("contactId", s.contactId())
                .addValue("locationId", s.locationId())
                .addValue("name", s.name())
                .addValue("email", s.email())
                .addValue("phone", s.phone())
                .addValue("address", s.address())
                .addValue("tags", (s.tags() == null ? LeadState.NO_TAGS : s.tags()).toString())
                .addValue("dateUpdated", s.ghlDateUpdated() == null ? null
                        : java.time.OffsetDateTime.ofInstant(s.ghlDateUpdated(), java.time.ZoneOffset.UTC));
    }
}
