package io.ghlsync.booking;

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
 * The appointments table, for the booking API, the sync and GHL webhooks. Every change of status, time or details
 * bumps {@code version}; the booking API's updates only apply to the version that was read.
 */
public class AppointmentRepository {

    private static final String FIND = SqlFiles.load("booking/appointment-find.sql");
    private static final String INSERT = SqlFiles.load("booking/appointment-insert.sql");
    private static final String UPDATE_STATUS = SqlFiles.load("booking/appointment-update-status.sql");
    private static final String UPDATE_DETAILS = SqlFiles.load("booking/appointment-update-details.sql");
    private static final String LOCATION = SqlFiles.load("booking/appointment-location.sql");
    private static final String LINK_LEAD = SqlFiles.load("booking/appointment-link-lead.sql");
    private static final String SET_GHL_ID = SqlFiles.load("booking/appointment-set-ghl-id.sql");
    private static final String LOCK_BY_GHL_ID = SqlFiles.load("booking/appointment-lock-by-ghl-id.sql");
    private static final String APPLY_GHL_CHANGE = SqlFiles.load("booking/appointment-apply-ghl-change.sql");
    private static final String SET_TIME_SLOT = SqlFiles.load("booking/appointment-set-time-slot.sql");

    /** A booking linked to a GHL calendar appointment, as a GHL change is applied to it. */
    public record GhlLinked(UUID id, AppointmentStatus status, String locationId, Instant start, Instant end,
            Instant ghlDateUpdated) {}

    private final NamedParameterJdbcTemplate jdbc;

    public AppointmentRepository(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Appointment> find(UUID id) {
        return jdbc.query(FIND, Map.of("id", id), AppointmentRepository::map).stream().findFirst();
    }

    /** The appointment's GHL location ("" when it names none), or empty when there is no such appointment. */
    public Optional<String> locationOf(UUID id) {
        return jdbc.queryForList(LOCATION, Map.of("appointmentId", id), String.class).stream().findFirst();
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
        return jdbc.queryForObject(INSERT, p, AppointmentRepository::map);
    }

    /** @return the updated row, or empty when {@code version} is no longer current (someone else changed it) */
    public Optional<Appointment> updateStatus(UUID id, int version, AppointmentStatus status, String reason) {
        MapSqlParameterSource p = new MapSqlParameterSource()
                .addValue("id", id)
                .addValue("version", version)
                .addValue("status", status.wire())
                .addValue("reason", reason);
        return jdbc.query(UPDATE_STATUS, p, AppointmentRepository::map).stream().findFirst();
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
        return jdbc.query(UPDATE_DETAILS, p, AppointmentRepository::map).stream().findFirst();
    }

    /** The sync found or created the GHL contact of the appointment's lead. */
    public void linkLead(UUID appointmentId, UUID leadId) {
        jdbc.update(LINK_LEAD, Map.of("id", appointmentId, "leadId", leadId));
    }

    /** The sync created the GHL calendar appointment of this booking. */
    public void setGhlAppointmentId(UUID appointmentId, String ghlAppointmentId) {
        jdbc.update(SET_GHL_ID, new MapSqlParameterSource("id", appointmentId)
                .addValue("ghlAppointmentId", ghlAppointmentId));
    }

    /** The booking linked to this GHL calendar appointment, locked until the transaction ends. */
    public Optional<GhlLinked> lockByGhlAppointmentId(String ghlAppointmentId) {
        return jdbc.query(LOCK_BY_GHL_ID, Map.of("ghlAppointmentId", ghlAppointmentId),
                (rs, i) -> new GhlLinked(rs.getObject("id", UUID.class),
                        AppointmentStatus.fromWire(rs.getString("status")), rs.getString("location_id"),
                        rs.getTimestamp("start_time").toInstant(), rs.getTimestamp("end_time").toInstant(),
                        instant(rs.getTimestamp("ghl_date_updated")))).stream().findFirst();
    }

    /**
     * A change made in GHL (webhook): status, time and GHL's update time; version moves on so readers see it.
     *
     * @param statusReason null keeps the current reason
     * @param ghlDateUpdated null keeps the current one
     */
    public void applyGhlChange(UUID id, AppointmentStatus status, String statusReason, Instant start, Instant end,
            Instant ghlDateUpdated) {
        jdbc.update(APPLY_GHL_CHANGE, new MapSqlParameterSource("id", id)
                .addValue("status", status.wire())
                .addValue("statusReason", statusReason)
                .addValue("startTime", utc(start))
                .addValue("endTime", utc(end))
                .addValue("ghlDateUpdated", ghlDateUpdated == null ? null : utc(ghlDateUpdated)));
    }

    /** The slot the appointment holds now, or null for none. */
    public void setTimeSlot(UUID id, UUID slotId) {
        jdbc.update(SET_TIME_SLOT, new MapSqlParameterSource("id", id).addValue("slotId", slotId));
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

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }

    private static OffsetDateTime utc(Instant i) {
        return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }
}
