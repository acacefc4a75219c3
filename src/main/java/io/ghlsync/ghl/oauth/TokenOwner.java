package io.ghlsync.ghl.oauth;

/** Whose token: a location (sub-account) or a company (agency), as GHL's user_type names them. */
public record TokenOwner(String type, String id) {

    public static final String LOCATION = "Location";
    public static final String COMPANY = "Company";

    public static TokenOwner location(String id) {
        return new TokenOwner(LOCATION, id);
    }

    public static TokenOwner company(String id) {
        return new TokenOwner(COMPANY, id);
    }

    /** Associated data of this owner's encrypted column. */
    String context(String column) {
        return type + ":" + id + ":" + column;
    }

    @Override
    public String toString() {
        return type + " " + id;
    }
}
