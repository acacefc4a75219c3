package io.ghlsync.sync;

import io.ghlsync.config.SqlFiles;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** The appointments table, as far as the sync reads and links it. */
public class AppointmentRepository {

    private static final String FIND = SqlFiles.load("sync/appointment-find.sql");
    private static final String LINK_LEAD = SqlFiles.load("sync/appointment-link-lead.sql");
    private static final String SET_GHL_ID = SqlFiles.load("sync/appointment-set-ghl-id.sql");

    private final NamedParameterJdbcTemplate jdbc;

    public AppointmentRepository(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<AppointmentSnapshot> find(UUID id) {
        return jdbc.query(FIND, Map.of("id", id), AppointmentRepository::map).stream().findFirst();
    }

    public void linkLead(UUID appointmentId, UUID leadId) {
        jdbc.update(LINK_LEAD, Map.of("id", appointmentId, "leadId", leadId));
    }

    public void setGhlAppointmentId(UUID appointmentId, String ghlAppointmentId) {
        jdbc.update(SET_GHL_ID, new MapSqlParameterSource("id", appointmentId)
                .addValue("ghlAppointmentId", ghlAppointmentId));
    }

    private static AppointmentSnapshot map(ResultSet rs, int row) throws SQLException {
        return new AppointmentSnapshot(
                rs.getObject("id", UUID.class),
                rs.getObject("customer_id", UUID.class),
                rs.getObject("lead_id", UUID.class),
                rs.getString("location_id"),
                rs.getString("service_type"),
                utc(rs.getObject("start_time", OffsetDateTime.class)),
                utc(rs.getObject("end_time", OffsetDateTime.class)),
                rs.getString("address"),
                rs.getString("status"),
                rs.getString("status_reason"),
                rs.getString("ghl_appointment_id"));
    }

    private static OffsetDateTime utc(OffsetDateTime t) {
        return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC);
    }
}
