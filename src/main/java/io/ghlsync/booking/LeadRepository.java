package io.ghlsync.booking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.ghlsync.config.Json;
import io.ghlsync.config.SqlFiles;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The leads table: the CRM side of a customer, linked to a GHL contact once one is known. Bookings create and match
 * leads, the sync links them to the GHL contact it upserted, and GHL contact webhooks create, update and soft-delete
 * them.
 */
public class LeadRepository {

    private static final String EXISTS = SqlFiles.load("booking/lead-exists.sql");
    private static final String FIND = SqlFiles.load("booking/lead-find.sql");
    private static final String FIND_BY_GHL_CONTACT = SqlFiles.load("booking/lead-find-by-ghl-contact.sql");
    private static final String FIND_BY_EMAIL_OR_PHONE = SqlFiles.load("booking/lead-find-by-email-or-phone.sql");
    private static final String INSERT = SqlFiles.load("booking/lead-insert.sql");
    private static final String SET_GHL_CONTACT = SqlFiles.load("booking/lead-set-ghl-contact.sql");
    private static final String LOCK_BY_GHL_CONTACT = SqlFiles.load("booking/lead-lock-by-ghl-contact.sql");
    private static final String LOCK_UNLINKED_BY_EMAIL = SqlFiles.load("booking/lead-lock-unlinked-by-email.sql");
    private static final String LOCK_UNLINKED_BY_PHONE = SqlFiles.load("booking/lead-lock-unlinked-by-phone.sql");
    private static final String INSERT_FROM_GHL = SqlFiles.load("booking/lead-insert-from-ghl.sql");
    private static final String UPDATE_FROM_GHL = SqlFiles.load("booking/lead-update-from-ghl.sql");
    private static final String SOFT_DELETE = SqlFiles.load("booking/lead-soft-delete.sql");

    private static final String NO_TAGS = "[]";

    private final NamedParameterJdbcTemplate jdbc;

    public LeadRepository(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A live (not deleted) lead with this id exists. */
    public boolean exists(UUID id) {
        return !jdbc.queryForList(EXISTS, new MapSqlParameterSource("id", id), UUID.class).isEmpty();
    }

    public Optional<Lead> find(UUID id) {
        return jdbc.query(FIND, Map.of("id", id), LeadRepository::map).stream().findFirst();
    }

    public Optional<UUID> findByGhlContactId(String ghlContactId) {
        return jdbc.queryForList(FIND_BY_GHL_CONTACT, Map.of("contactId", ghlContactId), UUID.class).stream()
                .findFirst();
    }

    /** A live lead with this email or phone; an email match beats a phone match, then one linked to GHL wins. */
    public Optional<UUID> findByEmailOrPhone(String email, String phone) {
        MapSqlParameterSource p = new MapSqlParameterSource("email", email).addValue("phone", phone);
        return jdbc.queryForList(FIND_BY_EMAIL_OR_PHONE, p, UUID.class).stream().findFirst();
    }

    /**
     * Creates a lead of a booking (source booking), linked to {@code ghlContactId} when not null. With a GHL contact
     * id that another transaction just inserted, returns that lead instead (ghl_contact_id is unique).
     */
    public UUID insert(String locationId, String ghlContactId, String name, String email, String phone,
            String address) {
        MapSqlParameterSource p = new MapSqlParameterSource()
                .addValue("locationId", locationId)
                .addValue("contactId", ghlContactId)
                .addValue("name", name)
                .addValue("email", email)
                .addValue("phone", phone)
                .addValue("address", address);
        Optional<UUID> id = jdbc.queryForList(INSERT, p, UUID.class).stream().findFirst();
        return id.orElseGet(() -> findByGhlContactId(ghlContactId).orElseThrow());
    }

    /** Links the lead to its GHL contact. @return false when it already had one or another lead owns this one */
    public boolean setGhlContactId(UUID leadId, String ghlContactId) {
        return jdbc.update(SET_GHL_CONTACT, Map.of("id", leadId, "contactId", ghlContactId)) == 1;
    }

    /** The lead linked to this GHL contact, locked until the transaction ends. */
    public Optional<Lead> lockByGhlContactId(String ghlContactId) {
        return lock(LOCK_BY_GHL_CONTACT, "contactId", ghlContactId);
    }

    /** The oldest live lead not linked to any GHL contact with this email, locked until the transaction ends. */
    public Optional<Lead> lockUnlinkedByEmail(String email) {
        return lock(LOCK_UNLINKED_BY_EMAIL, "email", email);
    }

    /** The oldest live lead not linked to any GHL contact with this phone, locked until the transaction ends. */
    public Optional<Lead> lockUnlinkedByPhone(String phone) {
        return lock(LOCK_UNLINKED_BY_PHONE, "phone", phone);
    }

    /**
     * Creates a lead for a GHL contact (source gohighlevel) from the contact columns of {@code lead}; its id and
     * deletedAt are not used.
     */
    public UUID insertFromGhl(Lead lead) {
        return jdbc.queryForObject(INSERT_FROM_GHL, contactColumns(lead), UUID.class);
    }

    /** Writes the contact columns of {@code lead} (GHL contact id, location, name, email, phone, address, tags). */
    public void updateFromGhl(Lead lead) {
        jdbc.update(UPDATE_FROM_GHL, contactColumns(lead).addValue("id", lead.id()));
    }

    /** GHL deleted the contact: the lead is kept (bookings may reference it) and marked deleted. */
    public void softDelete(UUID id) {
        jdbc.update(SOFT_DELETE, Map.of("id", id));
    }

    private Optional<Lead> lock(String sql, String param, String value) {
        return jdbc.query(sql, Map.of(param, value), LeadRepository::map).stream().findFirst();
    }

    private static MapSqlParameterSource contactColumns(Lead lead) {
        return new MapSqlParameterSource()
                .addValue("contactId", lead.ghlContactId())
                .addValue("locationId", lead.locationId())
                .addValue("name", lead.name())
                .addValue("email", lead.email())
                .addValue("phone", lead.phone())
                .addValue("address", lead.address())
                .addValue("tags", lead.tags() == null ? NO_TAGS : lead.tags().toString())
                .addValue("dateUpdated", lead.ghlDateUpdated() == null ? null
                        : OffsetDateTime.ofInstant(lead.ghlDateUpdated(), ZoneOffset.UTC));
    }

    private static Lead map(ResultSet rs, int row) throws SQLException {
        JsonNode tags;
        try {
            tags = Json.MAPPER.readTree(rs.getString("tags"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable tags of lead " + rs.getString("id"), e);
        }
        return new Lead(
                rs.getObject("id", UUID.class),
                rs.getString("location_id"),
                rs.getString("ghl_contact_id"),
                rs.getString("name"),
                rs.getString("email"),
                rs.getString("phone"),
                rs.getString("address"),
                tags,
                instant(rs.getTimestamp("ghl_date_updated")),
                instant(rs.getTimestamp("deleted_at")));
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }
}
