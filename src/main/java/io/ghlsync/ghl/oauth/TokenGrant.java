package io.ghlsync.ghl.oauth;

import java.time.Instant;

/**
 * Tokens as GHL issued them (or as read back and decrypted).
 *
 * @param refreshToken null for location tokens minted from a company token
 * @param locationId the location of a Location token (GHL's locationId), else null
 * @param companyId GHL's companyId, may be null
 * @param approvedLocations the locations a company-level install approved (code exchange only), else empty
 */
public record TokenGrant(String accessToken, String refreshToken, Instant expiresAt, String scope, String userType,
        String locationId, String companyId, java.util.List<String> approvedLocations) {

    public TokenGrant {
        approvedLocations = approvedLocations == null ? java.util.List.of() : java.util.List.copyOf(approvedLocations);
    }

    public TokenGrant(String accessToken, String refreshToken, Instant expiresAt, String scope, String userType,
            String locationId, String companyId) {
        this(accessToken, refreshToken, expiresAt, scope, userType, locationId, companyId, null);
    }

    @Override
    public String toString() {
        return "TokenGrant[" + userType + " " + locationId + "/" + companyId + ", expires " + expiresAt + "]";
    }
}
