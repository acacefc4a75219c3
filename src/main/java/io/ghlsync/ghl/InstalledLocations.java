package io.ghlsync.ghl;

import io.ghlsync.config.SqlFiles;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** The OAuth app's installs in ghl_locations and ghl_oauth_tokens, as {@link ServedLocations} asks for them. */
public class InstalledLocations implements ServedLocations.Installs {

    private static final String LOCATION = SqlFiles.load("ghl/served-location.sql");
    private static final String COMPANY = SqlFiles.load("ghl/served-company.sql");

    private final NamedParameterJdbcTemplate jdbc;

    public InstalledLocations(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean locationActive(String locationId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(LOCATION, Map.of("locationId", locationId), Boolean.class));
    }

    @Override
    public boolean companyInstalled(String companyId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(COMPANY, Map.of("companyId", companyId), Boolean.class));
    }
}
