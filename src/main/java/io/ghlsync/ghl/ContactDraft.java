package io.ghlsync.ghl;

/**
 * The contact fields ghl-sync writes when it upserts a GHL contact. Null fields are left out of the request, so
 * GHL keeps whatever it already has for them.
 */
public record ContactDraft(String firstName, String lastName, String email, String phone, String address1) {

    /** Splits a full name at its first space: "Ana de Silva" becomes first "Ana", last "de Silva". */
    public static ContactDraft of(String fullName, String email, String phone, String address) {
        String first = null;
        String last = null;
        String name = blankToNull(fullName);
        if (name != null) {
            String[] parts = name.trim().split("\\s+", 2);
            first = parts[0];
            last = parts.length > 1 ? parts[1] : null;
        }
        return new ContactDraft(first, last, blankToNull(email), blankToNull(phone), blankToNull(address));
    }

    public boolean hasEmailOrPhone() {
        return email != null || phone != null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
