package io.ghlsync.booking;

import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** The customers table: the person an appointment is for, found again by email or phone. */
public class CustomerRepository {

    private final NamedParameterJdbcTemplate jdbc;

    public CustomerRepository(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<UUID> findByEmail(String email) {
        return jdbc.queryForList("""
                select id from customers where lower(email) = lower(:email) order by created_at limit 1""",
                new MapSqlParameterSource("email", email), UUID.class).stream().findFirst();
    }

    public Optional<UUID> findByPhone(String phone) {
        return jdbc.queryForList("""
                select id from customers where phone = :phone order by created_at limit 1""",
                new MapSqlParameterSource("phone", phone), UUID.class).stream().findFirst();
    }

    public UUID insert(String name, String email, String phone, String address) {
        return jdbc.queryForObject("""
                insert into customers (name, email, phone, address) values (:name, :email, :phone, :address)
                returning id""", contact(name, email, phone, address), UUID.class);
    }

    /** Takes the latest name and address; email and phone only fill gaps, they are how the customer is found. */
    public void updateContact(UUID id, String name, String email, String phone, String address) {
        jdbc.update("""
                update customers
                   set name = :name, address = coalesce(:address, address), email = coalesce(email, :email),
                       phone = coalesce(phone, :phone), updated_at = now()
                 where id = :id""", contact(name, email, phone, address).addValue("id", id));
    }

    public void setLastServiceDate(UUID id, LocalDate date) {
        jdbc.update("""
                update customers set last_service_date = :date, updated_at = now() where id = :id""",
                new MapSqlParameterSource("id", id).addValue("date", date));
    }

    private static MapSqlParameterSource contact(String name, String email, String phone, String address) {
        return new MapSqlParameterSource()
                .addValue("name", name)
                .addValue("email", email)
                .addValue("phone", phone)
                .addValue("address", address);
    }
}
