package io.ghlsync.ghl;

import io.ghlsync.config.SqlFiles;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** The ghl_custom_fields table: GHL custom-field ids per location and key (e.g. appointment_status). */
public class CustomFieldRepository {

    private static final String FIND = SqlFiles.load("ghl/custom-field-find.sql");
    private static final String SAVE = SqlFiles.load("ghl/custom-field-save.sql");

    private final NamedParameterJdbcTemplate jdbc;

    public CustomFieldRepository(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<String> find(String locationId, String key) {
        return jdbc.queryForList(FIND, Map.of("locationId", locationId, "fieldKey", key), String.class).stream()
                .findFirst();
    }

    /** Stores the id unless one is already stored; returns the stored one. */
    public String save(String locationId, String key, String fieldId) {
        jdbc.update(SAVE, Map.of("locationId", locationId, "fieldKey", key, "fieldId", fieldId));
        return find(locationId, key).orElse(fieldId);
    }
}
