package io.ghlsync.sync;

import io.ghlsync.config.SqlFiles;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** The ghl_appointment_links table. */
public class AppointmentLinkRepository {

    private static final String FIND = SqlFiles.load("sync/link-find.sql");
    private static final String SAVE_REMINDER = SqlFiles.load("sync/link-save-reminder.sql");

    private final NamedParameterJdbcTemplate jdbc;

    public AppointmentLinkRepository(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<AppointmentLink> find(UUID appointmentId) {
        return jdbc.query(FIND, Map.of("appointmentId", appointmentId), (rs, row) -> {
            Timestamp due = rs.getTimestamp("reminder_due");
            return new AppointmentLink(appointmentId, rs.getString("contact_id"), rs.getString("reminder_task_id"),
                    due == null ? null : due.toInstant());
        }).stream().findFirst();
    }

    public void saveReminder(UUID appointmentId, String contactId, String taskId, Instant due) {
        jdbc.update(SAVE_REMINDER, new MapSqlParameterSource()
                .addValue("appointmentId", appointmentId)
                .addValue("contactId", contactId)
                .addValue("taskId", taskId)
                .addValue("due", OffsetDateTime.ofInstant(due, ZoneOffset.UTC)));
    }
}
