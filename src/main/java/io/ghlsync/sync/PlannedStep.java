package io.ghlsync.sync;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * One GHL call a sync event needs, or a call left out because it would change nothing. {@link #key()} is the
 * step's name in the journal: fixed per kind of step, so a retry of the same event finds it.
 */
public sealed interface PlannedStep {

    String NOTE = "addNote";
    String CUSTOM_FIELDS = "customFields";
    String ADD_TAGS = "addTags";
    String REMOVE_TAGS = "removeTags";
    String TASK = "task";
    String CALENDAR = "calendar";

    String key();

    record AddNote(String body) implements PlannedStep {
        public String key() {
            return NOTE;
        }
    }

    /** @param values only the custom fields (by our key) whose value differs from what was last written */
    record SetCustomFields(Map<String, String> values) implements PlannedStep {
        public SetCustomFields {
            values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
        }

        public String key() {
            return CUSTOM_FIELDS;
        }
    }

    record AddTags(List<String> tags) implements PlannedStep {
        public AddTags {
            tags = List.copyOf(tags);
        }

        public String key() {
            return ADD_TAGS;
        }
    }

    record RemoveTags(List<String> tags) implements PlannedStep {
        public RemoveTags {
            tags = List.copyOf(tags);
        }

        public String key() {
            return REMOVE_TAGS;
        }
    }

    enum TaskPurpose { REMINDER, FOLLOW_UP, SATISFACTION_CALL }

    record CreateTask(TaskPurpose purpose, String title, String body, Instant due) implements PlannedStep {
        public String key() {
            return TASK;
        }
    }

    /** Moves the appointment's existing reminder task (on the contact it was created on) to a new due time. */
    record MoveReminder(String contactId, String taskId, Instant due) implements PlannedStep {
        public String key() {
            return TASK;
        }
    }

    /** @param status GHL appointment status (new, confirmed, cancelled, showed, noshow) */
    record CreateCalendarEvent(String title, OffsetDateTime start, OffsetDateTime end, String status, String address)
            implements PlannedStep {
        public String key() {
            return CALENDAR;
        }
    }

    record UpdateCalendarEvent(String eventId, OffsetDateTime start, OffsetDateTime end, String status)
            implements PlannedStep {
        public String key() {
            return CALENDAR;
        }
    }

    /** A call not made because it would change nothing in GHL. */
    record Skipped(String key, String reason) implements PlannedStep {}
}
