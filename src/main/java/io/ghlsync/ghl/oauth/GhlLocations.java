package io.ghlsync.ghl.oauth;

import io.ghlsync.config.SqlFiles;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The ghl_locations table: which GHL locations are installed, and their last token refresh problem. Whether a
 * location is uninstalled is asked before every GHL call, so the answer is cached for {@code cacheMillis} (an
 * uninstall on this instance takes effect at once, on other instances within that time).
 */
public class GhlLocations {

    public static final String ACTIVE = "active";
    public static final String UNINSTALLED = "uninstalled";

    private static final String INSTALL = SqlFiles.load("oauth/location-install.sql");
    private static final String UNINSTALL = SqlFiles.load("oauth/location-uninstall.sql");
    private static final String UNINSTALL_COMPANY = SqlFiles.load("oauth/location-uninstall-company.sql");
    private static final String STATUS = SqlFiles.load("oauth/location-status.sql");
    private static final String REFRESH_ERROR = SqlFiles.load("oauth/location-refresh-error.sql");
    private static final String LIST = SqlFiles.load("oauth/location-list.sql");

    /** One row of the monitor's view. */
    public record Location(String id, String companyId, String status, Instant installedAt, Instant uninstalledAt,
            String lastRefreshError, Instant lastRefreshErrorAt, Instant tokenExpiresAt) {}

    private record Cached(boolean uninstalled, long until) {}

    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;
    private final long cacheMillis;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public GhlLocations(NamedParameterJdbcTemplate jdbc, Clock clock, long cacheMillis) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.cacheMillis = cacheMillis;
    }

    public void installed(String locationId, String companyId) {
        jdbc.update(INSTALL, new MapSqlParameterSource("locationId", locationId).addValue("companyId", companyId));
        cache.remove(locationId);
    }

    public void uninstalled(String locationId) {
        jdbc.update(UNINSTALL, Map.of("locationId", locationId));
        cache.put(locationId, new Cached(true, clock.millis() + cacheMillis));
    }

    /** @return the locations of the company that were active */
    public List<String> uninstalledCompany(String companyId) {
        List<String> ids = jdbc.queryForList(UNINSTALL_COMPANY, Map.of("companyId", companyId), String.class);
        ids.forEach(id -> cache.put(id, new Cached(true, clock.millis() + cacheMillis)));
        return ids;
    }

    /** True only for a location known to be uninstalled; unknown locations (e.g. a static token) may be used. */
    public boolean isUninstalled(String locationId) {
        if (locationId == null) {
            return false;
        }
        long now = clock.millis();
        Cached c = cache.get(locationId);
        if (c == null || c.until() < now) {
            List<String> status = jdbc.queryForList(STATUS, Map.of("locationId", locationId), String.class);
            c = new Cached(!status.isEmpty() && UNINSTALLED.equals(status.get(0)), now + cacheMillis);
            cache.put(locationId, c);
        }
        return c.uninstalled();
    }

    /** Records a failed refresh (error class and short text; never a token), or clears it with null. */
    public void refreshError(String locationId, String error) {
        jdbc.update(REFRESH_ERROR, new MapSqlParameterSource("locationId", locationId).addValue("error", error));
    }

    public List<Location> list() {
        return jdbc.query(LIST, Map.of(), (rs, n) -> new Location(
                rs.getString("location_id"),
                rs.getString("company_id"),
                rs.getString("status"),
                instant(rs.getTimestamp("installed_at")),
                instant(rs.getTimestamp("uninstalled_at")),
                rs.getString("last_refresh_error"),
                instant(rs.getTimestamp("last_refresh_error_at")),
                instant(rs.getTimestamp("token_expires_at"))));
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }
}
