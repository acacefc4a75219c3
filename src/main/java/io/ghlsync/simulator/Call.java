package io.ghlsync.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One API request after routing.
 *
 * @param params the path's variable segments in order (e.g. contactId, taskId)
 * @param query decoded query parameters (first value of each)
 * @param body parsed JSON object (empty for bodiless requests)
 * @param now receipt time, used for dateAdded/dateUpdated
 */
record Call(List<String> params, Map<String, String> query, ObjectNode body, Instant now) {

    String param(int index) {
        return params.get(index);
    }

    String nowText() {
        return Ids.timestamp(now);
    }
}
