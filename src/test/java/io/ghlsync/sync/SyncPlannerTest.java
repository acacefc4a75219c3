package io.ghlsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ghlsync.booking.AppointmentStatus;
import io.ghlsync.config.Json;
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
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SyncPlannerTest {

    private static final UUID ID = UUID.fromString("11111111-2222-3333-4444-555555555555");
    private static final OffsetDateTime START = OffsetDateTime.parse("2024-01-20T09:00:00Z");
    private static final OffsetDateTime END = OffsetDateTime.parse("2024-01-20T10:00:00Z");
    private static final OffsetDateTime EVENT_AT = OffsetDateTime.parse("2024-01-15T10:00:00Z");

    private final SyncPlanner planner = new SyncPlanner(ZoneId.of("Europe/Amsterdam"), false, "https://book.example/");
    private final SyncPlanner withCalendar = new SyncPlanner(ZoneId.of("UTC"), true, "");

    private static AppointmentSnapshot appointment(String status) {
        return new AppointmentSnapshot(ID, UUID.randomUUID(), null, "loc", "AC maintenance", START, END, "Main St 1",
                AppointmentStatus.fromWire(status), null, null);
    }

    private static JsonNode json(String text) throws Exception {
        return Json.MAPPER.readTree(text);
    }

    private static <T extends PlannedStep> T step(SyncPlan plan, String key, Class<T> type) {
        PlannedStep step = plan.step(key).orElseThrow(() -> new AssertionError("no step " + key + " in " + plan));
        assertThat(step).as("step %s", key).isInstanceOf(type);
        return type.cast(step);
    }

    @Test
    void createWritesBookedNoteStatusDateTagAndReminderDueTheDayBefore() {
        SyncPlan plan = planner.plan(SyncAction.CREATE, appointment("scheduled"), null, EVENT_AT, null, null);

        assertThat(plan.steps()).extracting(PlannedStep::key)
                .containsExactly("addNote", "customFields", "addTags", "task");
        assertThat(step(plan, "addNote", AddNote.class).body())
                .startsWith("Appointment booked: AC maintenance on 2024-01-20 10:00 CET")
                .contains("https://book.example/appointments/" + ID);
        assertThat(step(plan, "customFields", SetCustomFields.class).values())
                .containsExactly(Map.entry("appointment_status", "scheduled"),
                        Map.entry("next_appointment_date", "2024-01-20"));
        assertThat(step(plan, "addTags", AddTags.class).tags()).containsExactly("appointment-booked");
        CreateTask task = step(plan, "task", CreateTask.class);
        assertThat(task.purpose()).isEqualTo(TaskPurpose.REMINDER);
        assertThat(task.due()).isEqualTo(Instant.parse("2024-01-19T09:00:00Z"));
        assertThat(plan.tagsToRemove()).isEmpty();
    }

    @Test
    void confirmAddsConfirmedTagAndCreatesReminderWhenNoneExists() {
        SyncPlan plan = planner.plan(SyncAction.CONFIRM, appointment("confirmed"), null, EVENT_AT, null, null);

        assertThat(step(plan, "addNote", AddNote.class).body()).startsWith("Appointment confirmed: AC maintenance");
        assertThat(step(plan, "addTags", AddTags.class).tags()).containsExactly("appointment-confirmed");
        assertThat(plan.customFields()).containsEntry("appointment_status", "confirmed");
        assertThat(step(plan, "task", CreateTask.class).purpose()).isEqualTo(TaskPurpose.REMINDER);
    }

    @Test
    void confirmMovesTheExistingReminderWhenItsDueDateChanged() {
        AppointmentLink link = new AppointmentLink(ID, "c-old", "task-9", Instant.parse("2024-01-18T09:00:00Z"));

        SyncPlan plan = planner.plan(SyncAction.CONFIRM, appointment("confirmed"), null, EVENT_AT, null, link);

        MoveReminder move = step(plan, "task", MoveReminder.class);
        assertThat(move.taskId()).isEqualTo("task-9");
        assertThat(move.contactId()).isEqualTo("c-old");
        assertThat(move.due()).isEqualTo(Instant.parse("2024-01-19T09:00:00Z"));
    }

    @Test
    void confirmSkipsTheReminderWhenItIsAlreadyDueAtTheRightTime() {
        AppointmentLink link = new AppointmentLink(ID, "c", "task-9", Instant.parse("2024-01-19T09:00:00Z"));

        SyncPlan plan = planner.plan(SyncAction.CONFIRM, appointment("confirmed"), null, EVENT_AT, null, link);

        assertThat(step(plan, "task", Skipped.class).reason()).contains("reminder");
    }

    @Test
    void cancelNotesTheReasonClearsTheDateSwapsTagsAndCreatesAFollowUp() throws Exception {
        SyncPlan plan = planner.plan(SyncAction.CANCEL, appointment("cancelled"), json("{\"reason\":\"Customer ill\"}"),
                EVENT_AT, null, null);

        assertThat(plan.steps()).extracting(PlannedStep::key)
                .containsExactly("addNote", "customFields", "addTags", "removeTags", "task");
        assertThat(step(plan, "addNote", AddNote.class).body())
                .startsWith("Appointment cancelled: AC maintenance").contains("Reason: Customer ill");
        assertThat(step(plan, "customFields", SetCustomFields.class).values())
                .containsExactly(Map.entry("appointment_status", "cancelled"), Map.entry("next_appointment_date", ""));
        assertThat(step(plan, "addTags", AddTags.class).tags()).containsExactly("appointment-cancelled");
        assertThat(step(plan, "removeTags", RemoveTags.class).tags())
                .containsExactly("appointment-booked", "appointment-confirmed");
        CreateTask task = step(plan, "task", CreateTask.class);
        assertThat(task.purpose()).isEqualTo(TaskPurpose.FOLLOW_UP);
        assertThat(task.body()).contains("Customer ill");
        assertThat(task.due()).isEqualTo(Instant.parse("2024-01-16T10:00:00Z"));
    }

    @Test
    void cancelWithoutReasonFallsBackToTheStoredStatusReason() {
        AppointmentSnapshot a = new AppointmentSnapshot(ID, UUID.randomUUID(), null, "loc", "Repair", START, END, null,
                AppointmentStatus.CANCELLED, "double booking", null);

        SyncPlan plan = planner.plan(SyncAction.CANCEL, a, Json.MAPPER.createObjectNode(), EVENT_AT, null, null);

        assertThat(step(plan, "addNote", AddNote.class).body()).contains("Reason: double booking");
    }

    @Test
    void completeSetsLastServiceDateTagsCustomerAndPlansASatisfactionCallTwoDaysAfterTheEnd() {
        SyncPlan plan = planner.plan(SyncAction.COMPLETE, appointment("completed"), null, EVENT_AT, null, null);

        assertThat(step(plan, "addNote", AddNote.class).body()).startsWith("Appointment completed: AC maintenance");
        assertThat(step(plan, "customFields", SetCustomFields.class).values()).containsExactly(
                Map.entry("appointment_status", "completed"), Map.entry("next_appointment_date", ""),
                Map.entry("last_service_date", "2024-01-20"));
        assertThat(step(plan, "addTags", AddTags.class).tags()).containsExactly("appointment-completed", "customer");
        assertThat(step(plan, "removeTags", RemoveTags.class).tags())
                .containsExactly("appointment-booked", "appointment-confirmed");
        CreateTask task = step(plan, "task", CreateTask.class);
        assertThat(task.purpose()).isEqualTo(TaskPurpose.SATISFACTION_CALL);
        assertThat(task.due()).isEqualTo(Instant.parse("2024-01-22T10:00:00Z"));
    }

    @Test
    void updateNoteListsEveryChangeWithTimesInTheConfiguredZone() throws Exception {
        JsonNode payload = json("""
                {"changes": {
                   "startTime": {"from": "2024-01-19T09:00:00Z", "to": "2024-01-20T09:00:00Z"},
                   "serviceType": {"from": "Repair", "to": "AC maintenance"},
                   "notes": {"from": null, "to": "Gate code 12"}}}""");

        SyncPlan plan = planner.plan(SyncAction.UPDATE, appointment("scheduled"), payload, EVENT_AT, null, null);

        assertThat(step(plan, "addNote", AddNote.class).body())
                .startsWith("Appointment updated: AC maintenance on 2024-01-20 10:00 CET")
                .contains("- startTime: 2024-01-19 10:00 CET -> 2024-01-20 10:00 CET")
                .contains("- serviceType: Repair -> AC maintenance")
                .contains("- notes: (none) -> Gate code 12");
        assertThat(plan.step("addTags")).isEmpty();
        assertThat(plan.step("removeTags")).isEmpty();
        assertThat(plan.tagsToAdd()).isEmpty();
    }

    @Test
    void updateWithoutChangesStillWritesANoteSayingSo() {
        SyncPlan plan = planner.plan(SyncAction.UPDATE, appointment("scheduled"), Json.MAPPER.createObjectNode(),
                EVENT_AT, null, null);

        assertThat(step(plan, "addNote", AddNote.class).body()).contains("No field changes were reported.");
    }

    @Test
    void rescheduleMovesTheReminderAndUpdatesTheNextDate() {
        AppointmentLink link = new AppointmentLink(ID, "c", "task-1", Instant.parse("2024-01-10T09:00:00Z"));
        ContactMirror mirror = new ContactMirror(Set.of("appointment-booked"),
                Map.of("appointment_status", "scheduled", "next_appointment_date", "2024-01-11"));

        SyncPlan plan = planner.plan(SyncAction.UPDATE, appointment("scheduled"), null, EVENT_AT, mirror, link);

        assertThat(step(plan, "customFields", SetCustomFields.class).values())
                .containsExactly(Map.entry("next_appointment_date", "2024-01-20"));
        assertThat(step(plan, "task", MoveReminder.class).due()).isEqualTo(Instant.parse("2024-01-19T09:00:00Z"));
    }

    @Test
    void updateWithoutReminderCreatesNoTask() {
        SyncPlan plan = planner.plan(SyncAction.UPDATE, appointment("scheduled"), null, EVENT_AT, null, null);

        assertThat(step(plan, "task", Skipped.class).reason()).contains("no reminder");
    }

    @Test
    void updateToNoShowRecordsTheStatusAndClearsTheNextDate() {
        SyncPlan plan = planner.plan(SyncAction.UPDATE, appointment("no_show"), null, EVENT_AT, null, null);

        assertThat(plan.customFields()).containsExactly(Map.entry("appointment_status", "no_show"),
                Map.entry("next_appointment_date", ""));
    }

    @Test
    void unchangedTagsAndFieldsAreSkippedButTheNoteIsAlwaysWritten() {
        ContactMirror mirror = new ContactMirror(Set.of("appointment-confirmed", "appointment-booked"),
                Map.of("appointment_status", "confirmed", "next_appointment_date", "2024-01-20"));

        SyncPlan plan = planner.plan(SyncAction.CONFIRM, appointment("confirmed"), null, EVENT_AT, mirror, null);

        assertThat(plan.step("addNote")).get().isInstanceOf(AddNote.class);
        assertThat(step(plan, "customFields", Skipped.class).reason()).contains("already");
        assertThat(step(plan, "addTags", Skipped.class).reason()).contains("already");
        // the outcome still reports what the event stands for
        assertThat(plan.tagsToAdd()).containsExactly("appointment-confirmed");
        assertThat(plan.customFields()).containsEntry("appointment_status", "confirmed");
    }

    @Test
    void onlyTagsTheContactHasAreRemovedAndOnlyMissingOnesAdded() {
        ContactMirror mirror = new ContactMirror(Set.of("appointment-booked", "customer"), Map.of());

        SyncPlan plan = planner.plan(SyncAction.COMPLETE, appointment("completed"), null, EVENT_AT, mirror, null);

        assertThat(step(plan, "addTags", AddTags.class).tags()).containsExactly("appointment-completed");
        assertThat(step(plan, "removeTags", RemoveTags.class).tags()).containsExactly("appointment-booked");
    }

    @Test
    void removingTagsTheContactNeverHadIsSkipped() {
        ContactMirror mirror = new ContactMirror(Set.of(), Map.of());

        SyncPlan plan = planner.plan(SyncAction.CANCEL, appointment("cancelled"), null, EVENT_AT, mirror, null);

        assertThat(step(plan, "removeTags", Skipped.class).reason()).contains("none of these tags");
    }

    @Test
    void calendarAppointmentIsCreatedOnFirstSyncAndUpdatedAfterwards() {
        SyncPlan first = withCalendar.plan(SyncAction.CREATE, appointment("scheduled"), null, EVENT_AT, null, null);
        CreateCalendarEvent create = step(first, "calendar", CreateCalendarEvent.class);
        assertThat(create.status()).isEqualTo("new");
        assertThat(create.start()).isEqualTo(START);
        assertThat(create.end()).isEqualTo(END);

        AppointmentSnapshot linked = new AppointmentSnapshot(ID, UUID.randomUUID(), null, "loc", "AC maintenance",
                START, END, null, AppointmentStatus.COMPLETED, null, "ghl-evt-1");
        SyncPlan later = withCalendar.plan(SyncAction.COMPLETE, linked, null, EVENT_AT, null, null);
        UpdateCalendarEvent update = step(later, "calendar", UpdateCalendarEvent.class);
        assertThat(update.eventId()).isEqualTo("ghl-evt-1");
        assertThat(update.status()).isEqualTo("showed");
    }

    @Test
    void withoutCalendarIdNoCalendarStepIsPlanned() {
        SyncPlan plan = planner.plan(SyncAction.CREATE, appointment("scheduled"), null, EVENT_AT, null, null);

        assertThat(plan.step("calendar")).isEmpty();
    }

    @Test
    void stepKeysAreTheSameWhenTheSameEventIsPlannedAgain() {
        SyncPlan a = planner.plan(SyncAction.CANCEL, appointment("cancelled"), null, EVENT_AT, null, null);
        SyncPlan b = planner.plan(SyncAction.CANCEL, appointment("cancelled"), null, EVENT_AT, null, null);

        assertThat(a).isEqualTo(b);
    }
}
