package io.ghlsync.sync;

import java.util.Map;
import java.util.Set;

/**
 * What ghl-sync last wrote to one GHL contact: the managed tags it believes present and the custom-field values
 * (by our key) it last set.
 */
public record ContactMirror(Set<String> tags, Map<String, String> customFields) {

    public ContactMirror {
        tags = Set.copyOf(tags);
        customFields = Map.copyOf(customFields);
    }
}
