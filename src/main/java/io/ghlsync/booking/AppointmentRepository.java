package io.ghlsync.booking;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** The appointments table. Every change bumps {@code version}; updates only apply to the version that was read. */
public class AppointmentRepository {

    private static final String COLUMNS = """
            id, customer_id, lead_id, time_slot_id, location_id, service_type, start_time, end_time, address, notes,
            status, status_reason, ghl_appointment_id, version, created_at, updated_at""";

    private final NamedParameterJdbcTemplate jdbc;

    public AppointmentRepository(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Appointment> find(UUID id) {
        return jdbc.query("select " + COLUMNS + " from appointments where id = :id",
                new MapSqlParameterSource("id", id), AppointmentRepository::map).stream().findFirst();
    }

    public Appointment insert(UUID customerId, UUID leadId, UUID timeSlotId, String locationId, String serviceType,
            OffsetDateTime start, OffsetDateTime end, String address, String notes) {
        MapSqlParameterSource p = new MapSqlParameterSource()
                .addValue("customerId", customerId)
                .addValue("leadId", leadId)
                .addValue("timeSlotId", timeSlotId)
                .addValue("locationId", locationId)
                .addValue("serviceType", serviceType)
                .addValue("start", start)
                .addValue("end", end)
                .addValue("address", address)
                .addValue("notes", notes);
        return jdbc.queryForObject("""
                insert into appointments (customer_id, lead_id, time_slot_id, location_id, service_type, start_time,
                                          end_time, address, notes, status, version)
                values (:customerId, :leadId, :timeSlotId, :locationId, :serviceType, :start, :end, :address, :notes,
                        'scheduled', 1)
                returning""" + " " + COLUMNS, p, AppointmentRepository::map);
    }

    /** @return the updated row, or empty when {@code version} is no longer current (someone else changed it) */
    public Optional<Appointment> updateStatus(UUID id, int version, AppointmentStatus status, String reason) {
        MapSqlParameterSource p = new MapSqlParameterSource()
                .addValue("id", id)
                .addValue("version", version)
                .addValue("status", status.wire())
                .addValue("reason", reason);
        return jdbc.query("""
                update appointments
                   set status = :status, status_reason = :reason, version = version + 1, updated_at = now()
                 where id = :id and version = :version
                returning""" + " " + COLUMNS, p, AppointmentRepository::map).stream().findFirst();
    }

    /** Writes the editable fields as given. @return the updated row, or empty when {@code version} is stale */
    public Optional<Appointment> updateDetails(Appointment edited) {
        MapSqlParameterSource p = new MapSqlParameterSource()
                .addValue("id", edited.id())
                .addValue("version", edited.version())
                .addValue("timeSlotId", edited.timeSlotId())
                .addValue("serviceType", edited.serviceType())
                .addValue("start", edited.startTime())
                .addValue("end", edited.endTime())
                .addValue("address", edited.address())
                .addValue("notes", edited.notes());
        return jdbc.query("""
                update appointments
                   set time_slot_id = :timeSlotId, service_type = :serviceType, start_time = :start, end_time = :end,
                       address = :address, notes = :notes, version = version + 1, updated_at = now()
                 where id = :id and version = :version
                returning""" + " " + COLUMNS, p, AppointmentRepository::map).stream().findFirst();
    }

    static Appointment map(ResultSet rs, int row) throws SQLException {
        return new Appointment(
                rs.getObject("id", UUID.class),
                rs.getObject("customer_id", UUID.class),
                rs.getObject("lead_id", UUID.class),
                rs.getObject("time_slot_id", UUID.class),
                rs.getString("location_id"),
                rs.getString("service_type"),
                rs.getObject("start_time", OffsetDateTime.class),
                rs.getObject("end_time", OffsetDateTime.class),
                rs.getString("address"),
                rs.getString("notes"),
                AppointmentStatus.fromWire(rs.getString("status")),
                rs.getString("status_reason"),
                rs.getString("ghl_appointment_id"),
                rs.getInt("version"),
                rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("updated_at", OffsetDateTime.class));
    }
}
