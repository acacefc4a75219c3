package io.ghlsync.sync;

import io.ghlsync.config.SqlFiles;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** The customers table (read only for the sync). */
public class CustomerRepository {

    private static final String FIND = SqlFiles.load("sync/customer-find.sql");

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
}
