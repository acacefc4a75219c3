package io.ghlsync.booking;

import io.ghlsync.config.SqlFiles;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** The customers table: the person an appointment is for, found again by email or phone. */
public class CustomerRepository {

    private static final String FIND = SqlFiles.load("booking/customer-find.sql");
    private static final String FIND_BY_EMAIL = SqlFiles.load("booking/customer-find-by-email.sql");
    private static final String FIND_BY_PHONE = SqlFiles.load("booking/customer-find-by-phone.sql");
    private static final String INSERT = SqlFiles.load("booking/customer-insert.sql");
    private static final String UPDATE_CONTACT = SqlFiles.load("booking/customer-update-contact.sql");
    private static final String SET_LAST_SERVICE_DATE = SqlFiles.load("booking/customer-set-last-service-date.sql");

    private final NamedParameterJdbcTemplate jdbc;

    public CustomerRepository(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Customer> find(UUID id) {
        return jdbc.query(FIND, Map.of("id", id), (rs, row) -> new Customer(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                rs.getString("email"),
                rs.getString("phone"),
                rs.getString("address"))).stream().findFirst();
    }

    public Optional<UUID> findByEmail(String email) {
        return jdbc.queryForList(FIND_BY_EMAIL, new MapSqlParameterSource("email", email), UUID.class).stream()
                .findFirst();
    }

    public Optional<UUID> findByPhone(String phone) {
        return jdbc.queryForList(FIND_BY_PHONE, new MapSqlParameterSource("phone", phone), UUID.class).stream()
                .findFirst();
    }

    public UUID insert(String name, String email, String phone, String address) {
        return jdbc.queryForObject(INSERT, contact(name, email, phone, address), UUID.class);
    }

    /** Takes the latest name and address; email and phone only fill gaps, they are how the customer is found. */
    public void updateContact(UUID id, String name, String email, String phone, String address) {
        jdbc.update(UPDATE_CONTACT, contact(name, email, phone, address).addValue("id", id));
    }

    public void setLastServiceDate(UUID id, LocalDate date) {
        jdbc.update(SET_LAST_SERVICE_DATE, new MapSqlParameterSource("id", id).addValue("date", date));
    }

    private static MapSqlParameterSource contact(String name, String email, String phone, String address) {
        return new MapSqlParameterSource()
                .addValue("name", name)
                .addValue("email", email)
                .addValue("phone", phone)
                .addValue("address", address);
    }

    /**
     * Serializes bookings of one identity (email or phone) until the transaction ends, so two concurrent creates
     * find or insert the same customer.
     */
    public void lockIdentity(String key) {
        jdbc.queryForList("select pg_advisory_xact_lock(hashtext(:key))",
                new MapSqlParameterSource("key", "booking-identity:" + key));
    }
}
