package io.ghlsync.webhook;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A GHL webhook event's fields, whichever of the two documented shapes it came in: flat (the per-event docs) or
 * wrapped as {@code {"type":..,"data":{..}}} (the integration guide's sample). Envelope fields on the outside win.
 */
public final class GhlEvent {

    private final JsonNode root;
    private final JsonNode body;

    private GhlEvent(JsonNode root, JsonNode body) {
        this.root = root;
        this.body = body;
    }

    public static GhlEvent of(JsonNode root) {
        JsonNode data = root.get("data");
        if (data != null && data.isObject() && !root.has("id") && !root.has("appointment")) {
            return new GhlEvent(root, data);
        }
        return new GhlEvent(root, root);
    }

    public String type() {
        return text(root, "type") != null ? text(root, "type") : text(body, "type");
    }

    /** Whether the event's type is JSON text (a number or boolean would read as a type by {@link #type()}). */
    public boolean typeIsText() {
        JsonNode v = text(root, "type") != null ? root.get("type") : body.get("type");
        return v != null && v.isTextual();
    }

    public String locationId() {
        return text(root, "locationId") != null ? text(root, "locationId") : text(body, "locationId");
    }

    /** The Marketplace app of INSTALL / UNINSTALL events. */
    public String appId() {
        return text(root, "appId") != null ? text(root, "appId") : text(body, "appId");
    }

    /** The company (agency) of company-level events such as an agency's UNINSTALL. */
    public String companyId() {
        return text(root, "companyId") != null ? text(root, "companyId") : text(body, "companyId");
    }

    public String webhookId() {
        return text(root, "webhookId");
    }

    public JsonNode timestamp() {
        return root.get("timestamp");
    }

    /** The event's fields (contact fields for Contact* events). */
    public JsonNode body() {
        return body;
    }

    /** The nested appointment of Appointment* events, or null. */
    public JsonNode appointment() {
        JsonNode a = body.get("appointment");
        return a != null && a.isObject() ? a : null;
    }

    /** Which GHL object the event is about, so events of one object are handled in order. */
    public String entityKey() {
        String type = type();
        if (type == null) {
            return null;
        }
        if (type.startsWith("Contact")) {
            String id = text(body, "id");
            return id == null ? null : "contact:" + id;
        }
        if (type.startsWith("Appointment") && appointment() != null) {
            String id = text(appointment(), "id");
            return id == null ? null : "appointment:" + id;
        }
        return null;
    }

    static String text(JsonNode node, String field) {
        if (node == null) {
            return null;
        }
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
    }
}
