package io.ghlsync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.ghlsync.booking.AppointmentStatus;
import io.ghlsync.outbox.SyncAction;
import io.ghlsync.sync.PlannedStep.AddNote;
import io.ghlsync.sync.PlannedStep.AddTags;
import io.ghlsync.sync.PlannedStep.CreateCalendarEvent;
import io.ghlsync.sync.PlannedStep.CreateTask;
import io.ghlsync.sync.PlannedStep.MoveReminder;
import io.ghlsync.sync.PlannedStep.RemoveTags;
import io.ghlsync.sync.PlannedStep.SetCustomFields;
import io.ghlsync.sync.PlannedStep.Skipped;
import io.ghlsync.sync.PlannedStep.TaskPurpose;
import io.ghlsync.sync.PlannedStep.UpdateCalendarEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Decides which GHL calls one sync event needs: the note, contact custom fields, tags, a task and the optional
 * calendar appointment. Pure: it reads the appointment, the event payload and what was last written to the contact
 * (mirror, reminder link), and leaves out calls that would change nothing.
 */
public class SyncPlanner {

    public static final String FIELD_STATUS = "appointment_status";
    public static final String FIELD_NEXT_DATE = "next_appointment_date";
    public static final String FIELD_LAST_SERVICE = "last_service_date";

    public static final String TAG_BOOKED = "appointment-booked";
    public static final String TAG_CONFIRMED = "appointment-confirmed";
    public static final String TAG_CANCELLED = "appointment-cancelled";
    public static final String TAG_COMPLETED = "appointment-completed";
    public static final String TAG_CUSTOMER = "customer";

    private static final DateTimeFormatter NOTE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT);

    private final ZoneId zone;
    private final boolean calendarEnabled;
    private final String bookingBaseUrl;

    /**
     * @param zone time zone of dates shown in notes and written to date fields
     * @param calendarEnabled whether bookings also become GHL calendar appointments
     * @param bookingBaseUrl public URL of the booking app for the link in notes, or blank for none
     */
    public SyncPlanner(ZoneId zone, boolean calendarEnabled, String bookingBaseUrl) {
        this.zone = zone;
        this.calendarEnabled = calendarEnabled;
        this.bookingBaseUrl = bookingBaseUrl == null ? "" : bookingBaseUrl.replaceAll("/+$", "");
    }

    /**
     * @param mirror what ghl-sync last wrote to the contact, or null when unknown (then nothing is skipped)
     * @param link the appointment's reminder link, or null when it has none
     */
    public SyncPlan plan(SyncAction action, AppointmentSnapshot appointment, JsonNode payload,
            OffsetDateTime eventTimestamp, ContactMirror mirror, AppointmentLink link) {
        JsonNode details = payload == null ? MissingNode.getInstance() : payload;
        AppointmentStatus status = statusOf(action, appointment);
        List<PlannedStep> steps = new ArrayList<>();

        steps.add(new AddNote(note(action, appointment, details)));

        Map<String, String> fields = customFields(status, appointment);
        Map<String, String> changed = new LinkedHashMap<>();
        fields.forEach((key, value) -> {
            if (mirror == null || !value.equals(mirror.customFields().get(key))) {
                changed.put(key, value);
            }
        });
        steps.add(changed.isEmpty()
                ? new Skipped(PlannedStep.CUSTOM_FIELDS, "custom fields already hold these values")
                : new SetCustomFields(changed));

        List<String> add = tagsToAdd(action);
        List<String> remove = tagsToRemove(action);
        if (!add.isEmpty()) {
            List<String> missing = add.stream().filter(t -> mirror == null || !mirror.tags().contains(t)).toList();
            steps.add(missing.isEmpty() ? new Skipped(PlannedStep.ADD_TAGS, "contact already has these tags")
                    : new AddTags(missing));
        }
        if (!remove.isEmpty()) {
            List<String> present = remove.stream().filter(t -> mirror == null || mirror.tags().contains(t)).toList();
            steps.add(present.isEmpty() ? new Skipped(PlannedStep.REMOVE_TAGS, "contact has none of these tags")
                    : new RemoveTags(present));
        }

        PlannedStep task = task(action, appointment, details, eventTimestamp, link);
        if (task != null) {
            steps.add(task);
        }
        if (calendarEnabled) {
            String ghlStatus = status.ghl();
            steps.add(appointment.ghlAppointmentId() == null
                    ? new CreateCalendarEvent(appointment.serviceType(), appointment.startTime(),
                            appointment.endTime(), ghlStatus, appointment.address())
                    : new UpdateCalendarEvent(appointment.ghlAppointmentId(), appointment.startTime(),
                            appointment.endTime(), ghlStatus));
        }
        return new SyncPlan(steps, status, fields, add, remove);
    }

    /** The booking status an event stands for; an update carries the appointment's current status. */
    static AppointmentStatus statusOf(SyncAction action, AppointmentSnapshot appointment) {
        return switch (action) {
            case CREATE -> AppointmentStatus.SCHEDULED;
            case CONFIRM -> AppointmentStatus.CONFIRMED;
            case CANCEL -> AppointmentStatus.CANCELLED;
            case COMPLETE -> AppointmentStatus.COMPLETED;
            case UPDATE -> appointment.status() == null ? AppointmentStatus.SCHEDULED : appointment.status();
        };
    }

    /** Reminder tasks fall due one day before the appointment starts. */
    public static Instant reminderDue(AppointmentSnapshot appointment) {
        return appointment.startTime().toInstant().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
    }

    private Map<String, String> customFields(AppointmentStatus status, AppointmentSnapshot appointment) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(FIELD_STATUS, status.wire());
        boolean upcoming = status == AppointmentStatus.SCHEDULED || status == AppointmentStatus.CONFIRMED;
        // A cancelled, completed or missed appointment is no longer the next one: the date is cleared.
        fields.put(FIELD_NEXT_DATE, upcoming ? date(appointment.startTime()) : "");
        if (status == AppointmentStatus.COMPLETED) {
            fields.put(FIELD_LAST_SERVICE, date(appointment.startTime()));
        }
        return fields;
    }

    private static List<String> tagsToAdd(SyncAction action) {
        return switch (action) {
            case CREATE -> List.of(TAG_BOOKED);
            case CONFIRM -> List.of(TAG_CONFIRMED);
            case CANCEL -> List.of(TAG_CANCELLED);
            case COMPLETE -> List.of(TAG_COMPLETED, TAG_CUSTOMER);
            case UPDATE -> List.of();
        };
    }

    private static List<String> tagsToRemove(SyncAction action) {
        return switch (action) {
            case CANCEL, COMPLETE -> List.of(TAG_BOOKED, TAG_CONFIRMED);
            default -> List.of();
        };
    }

    private PlannedStep task(SyncAction action, AppointmentSnapshot appointment, JsonNode details,
            OffsetDateTime eventTimestamp, AppointmentLink link) {
        String service = appointment.serviceType();
        return switch (action) {
            case CREATE, CONFIRM -> {
                Instant due = reminderDue(appointment);
                if (link != null && link.hasReminder()) {
                    yield reminderMove(link, due);
                }
                yield new CreateTask(TaskPurpose.REMINDER, "Appointment reminder: " + service,
                        "Remind the customer of their appointment on " + when(appointment.startTime())
                                + link(appointment),
                        due);
            }
            case UPDATE -> link != null && link.hasReminder()
                    ? reminderMove(link, reminderDue(appointment))
                    : new Skipped(PlannedStep.TASK, "appointment has no reminder task");
            case CANCEL -> new CreateTask(TaskPurpose.FOLLOW_UP, "Follow up on cancelled appointment: " + service,
                    "Appointment on " + when(appointment.startTime()) + " was cancelled (" + reason(appointment,
                            details) + "). Offer a new date." + link(appointment),
                    eventTimestamp.toInstant().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS));
            case COMPLETE -> new CreateTask(TaskPurpose.SATISFACTION_CALL, "Satisfaction call: " + service,
                    "Ask how the service on " + when(appointment.startTime()) + " went." + link(appointment),
                    appointment.endTime().toInstant().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS));
        };
    }

    private static PlannedStep reminderMove(AppointmentLink link, Instant due) {
        if (due.equals(link.reminderDue())) {
            return new Skipped(PlannedStep.TASK, "reminder already due at that time");
        }
        return new MoveReminder(link.contactId(), link.reminderTaskId(), due);
    }

    private String note(SyncAction action, AppointmentSnapshot appointment, JsonNode details) {
        String subject = appointment.serviceType() + " on " + when(appointment.startTime());
        String text = switch (action) {
            case CREATE -> "Appointment booked: " + subject;
            case CONFIRM -> "Appointment confirmed: " + subject;
            case CANCEL -> "Appointment cancelled: " + subject + "\nReason: " + reason(appointment, details);
            case COMPLETE -> "Appointment completed: " + subject;
            case UPDATE -> "Appointment updated: " + subject + changes(details.path("changes"));
        };
        return text + link(appointment);
    }

    private String changes(JsonNode changes) {
        if (!changes.isObject() || changes.isEmpty()) {
            return "\nNo field changes were reported.";
        }
        StringBuilder text = new StringBuilder("\nChanges:");
        for (Iterator<Map.Entry<String, JsonNode>> it = changes.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> change = it.next();
            text.append("\n- ").append(change.getKey()).append(": ")
                    .append(value(change.getValue().path("from"))).append(" -> ")
                    .append(value(change.getValue().path("to")));
        }
        return text.toString();
    }

    /** A changed value as people read it: times in the configured zone, empty values as "(none)". */
    private String value(JsonNode node) {
        if (node.isMissingNode() || node.isNull() || (node.isTextual() && node.asText().isBlank())) {
            return "(none)";
        }
        if (!node.isValueNode()) {
            return node.toString();
        }
        String text = node.asText();
        try {
            return when(OffsetDateTime.parse(text));
        } catch (DateTimeParseException notATime) {
            return text;
        }
    }

    private static String reason(AppointmentSnapshot appointment, JsonNode details) {
        String reason = details.path("reason").asText("");
        if (reason.isBlank() && appointment.statusReason() != null) {
            reason = appointment.statusReason();
        }
        return reason.isBlank() ? "no reason given" : reason;
    }

    private String link(AppointmentSnapshot appointment) {
        return bookingBaseUrl.isEmpty() ? "" : "\nBooking: " + bookingBaseUrl + "/appointments/" + appointment.id();
    }

    private String when(OffsetDateTime time) {
        return NOTE_TIME.format(time.atZoneSameInstant(zone));
    }

    private String date(OffsetDateTime time) {
        return DateTimeFormatter.ISO_LOCAL_DATE.format(time.atZoneSameInstant(zone));
    }
}
