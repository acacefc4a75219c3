package io.ghlsync.sync;

import io.ghlsync.booking.AppointmentStatus;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one sync event does in GHL.
 *
 * @param steps the calls in order, with skipped ones marked
 * @param appointmentStatus the booking status the event stands for
 * @param customFields every custom-field value the event sets (by our key), changed or not
 * @param tagsToAdd tags the event makes sure the contact has
 * @param tagsToRemove tags the event makes sure the contact lacks
 */
public record SyncPlan(List<PlannedStep> steps, AppointmentStatus appointmentStatus, Map<String, String> customFields,
        List<String> tagsToAdd, List<String> tagsToRemove) {

    public SyncPlan {
        steps = List.copyOf(steps);
        customFields = Collections.unmodifiableMap(new LinkedHashMap<>(customFields));
        tagsToAdd = List.copyOf(tagsToAdd);
        tagsToRemove = List.copyOf(tagsToRemove);
    }

    /** The planned step with this journal key, if any. */
    public java.util.Optional<PlannedStep> step(String key) {
        return steps.stream().filter(s -> s.key().equals(key)).findFirst();
    }
}
