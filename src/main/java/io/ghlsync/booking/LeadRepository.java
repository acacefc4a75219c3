package io.ghlsync.booking;

import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** The leads table: the CRM side of a customer, linked to a GHL contact once one is known. */
public class LeadRepository {

    private final NamedParameterJdbcTemplate jdbc;

    public LeadRepository(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public boolean exists(UUID id) {
        return !jdbc.queryForList("select id from leads where id = :id and deleted_at is null",
                new MapSqlParameterSource("id", id), UUID.class).isEmpty();
    }

    public Optional<UUID> findByGhlContactId(String ghlContactId) {
        return jdbc.queryForList("select id from leads where ghl_contact_id = :ghl",
                new MapSqlParameterSource("ghl", ghlContactId), UUID.class).stream().findFirst();
    }

    /** A live lead with this email or phone; an email match beats a phone match, then one linked to GHL wins. */
    public Optional<UUID> findByEmailOrPhone(String email, String phone) {
        MapSqlParameterSource p = new MapSqlParameterSource("email", email).addValue("phone", phone);
        return jdbc.queryForList("""
                select id from leads
                 where deleted_at is null
                   and ((cast(:email as text) is not null and lower(email) = lower(:email))
                        or (cast(:phone as text) is not null and phone = :phone))
                 order by (cast(:email as text) is not null and lower(email) = lower(:email)) desc,
                          (ghl_contact_id is null), created_at
                 limit 1""", p, UUID.class).stream().findFirst();
    }

    /**
     * Creates a lead. With a GHL contact id that another transaction just inserted, returns that lead instead
     * (ghl_contact_id is unique).
     */
    public UUID insert(String locationId, String ghlContactId, String name, String email, String phone,
            String address) {
        MapSqlParameterSource p = new MapSqlParameterSource()
                .addValue("locationId", locationId)
                .addValue("ghl", ghlContactId)
                .addValue("name", name)
                .addValue("email", email)
                .addValue("phone", phone)
                .addValue("address", address);
        Optional<UUID> id = jdbc.queryForList("""
                insert into leads (location_id, ghl_contact_id, name, email, phone, address, source)
                values (:locationId, :ghl, :name, :email, :phone, :address, 'booking')
                on conflict (ghl_contact_id) do nothing
                returning id""", p, UUID.class).stream().findFirst();
        return id.orElseGet(() -> findByGhlContactId(ghlContactId).orElseThrow());
    }
}
