package io.ghlsync.sync;

import io.ghlsync.config.SqlFiles;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** The leads table, as far as the sync creates and links leads. */
public class LeadRepository {

    private static final String FIND = SqlFiles.load("sync/lead-find.sql");
    private static final String FIND_BY_CONTACT = SqlFiles.load("sync/lead-find-by-contact.sql");
    private static final String INSERT = SqlFiles.load("sync/lead-insert.sql");
    private static final String SET_CONTACT = SqlFiles.load("sync/lead-set-contact.sql");

    private final NamedParameterJdbcTemplate jdbc;

    public LeadRepository(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Lead> find(UUID id) {
        return jdbc.query(FIND, Map.of("id", id), (rs, row) -> new Lead(
                rs.getObject("id", UUID.class),
                rs.getString("location_id"),
                rs.getString("ghl_contact_id"),
                rs.getString("name"),
                rs.getString("email"),
                rs.getString("phone"),
                rs.getString("address"))).stream().findFirst();
    }

    public Optional<UUID> findIdByContactId(String contactId) {
        return jdbc.queryForList(FIND_BY_CONTACT, Map.of("contactId", contactId), UUID.class).stream().findFirst();
    }

    /** A new lead copied from a booking customer and linked to its GHL contact. */
    public UUID insertFromCustomer(Customer customer, String locationId, String contactId) {
        MapSqlParameterSource p = new MapSqlParameterSource()
                .addValue("locationId", locationId)
                .addValue("contactId", contactId)
                .addValue("name", customer.name())
                .addValue("email", customer.email())
                .addValue("phone", customer.phone())
                .addValue("address", customer.address());
        return jdbc.queryForObject(INSERT, p, UUID.class);
    }

    /** @return false when the lead already had a contact or another lead owns this one */
    public boolean setContactId(UUID leadId, String contactId) {
        return jdbc.update(SET_CONTACT, Map.of("id", leadId, "contactId", contactId)) == 1;
    }
}
