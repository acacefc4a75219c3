package io.ghlsync.ghl;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Which GHL locations (and companies) this service syncs with. GHL signs the webhooks of every Marketplace app with
 * the same key and bookings name their own location, so an id is acted on only when it is served:
 * <ul>
 *   <li>with a Private Integration token or the simulator: the configured locations ({@code ghl.location-id} and
 *       the list {@code ghl.location-ids}); no company;</li>
 *   <li>with the OAuth app: the locations installed and active in ghl_locations, and the companies that installed
 *       the app (a company token, or an active location of theirs).</li>
 * </ul>
 * OAuth answers come from the database. A "served" answer is cached like GhlLocations' install status (for
 * {@code ghl.locations.status-cache-ms}, in a cache bounded in size); "not served" is never cached, so a location
 * is served at once after its install, and ids chosen by strangers never fill memory.
 */
public final class ServedLocations {

    /** The installs in the database (OAuth mode). */
    public interface Installs {
        boolean locationActive(String locationId);

        boolean companyInstalled(String companyId);
    }

    private final Set<String> configured;
    private final Installs installs;
    private final Cache<String, Boolean> served;

    private ServedLocations(Set<String> configured, Installs installs, Cache<String, Boolean> served) {
        this.configured = configured;
        this.installs = installs;
        this.served = served;
    }

    /**
     * Private Integration token or simulator: a fixed list.
     *
     * @param defaultLocation ghl.location-id, always served (bookings that name no location get it)
     * @param list            ghl.location-ids, comma-separated; blanks and spaces around ids are dropped
     */
    public static ServedLocations configured(String defaultLocation, String list) {
        Set<String> ids = new LinkedHashSet<>(parseList(defaultLocation));
        ids.addAll(parseList(list));
        return new ServedLocations(Set.copyOf(ids), null, null);
    }

    /** OAuth app: what is installed, cached for {@code ttl} and at most {@code maxCached} ids. */
    public static ServedLocations installed(Installs installs, Duration ttl, long maxCached, Ticker ticker) {
        // Evictions run on the caller's thread: a few map operations, no pool needed.
        Cache<String, Boolean> cache = Caffeine.newBuilder().maximumSize(maxCached).expireAfterWrite(ttl)
                .ticker(ticker).executor(Runnable::run).build();
        return new ServedLocations(Set.of(), installs, cache);
    }

    public static Set<String> parseList(String list) {
        if (list == null) {
            return Set.of();
        }
        Set<String> ids = new LinkedHashSet<>();
        Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(ids::add);
        return ids;
    }

    public boolean location(String locationId) {
        if (isBlank(locationId)) {
            return false;
        }
        if (installs == null) {
            return configured.contains(locationId);
        }
        return cachedOrAsk("location:" + locationId, () -> installs.locationActive(locationId));
    }

    /** Company-level events (an agency's UNINSTALL). No company is served without the OAuth app. */
    public boolean company(String companyId) {
        if (isBlank(companyId) || installs == null) {
            return false;
        }
        return cachedOrAsk("company:" + companyId, () -> installs.companyInstalled(companyId));
    }

    /** An uninstall on this instance applies at once (other instances follow within the cache time). */
    public void uninstalled() {
        if (served != null) {
            served.invalidateAll();
        }
    }

    /** The configured list (empty in OAuth mode), for logs and docs. */
    public Set<String> configured() {
        return configured;
    }

    /** How many answers are cached (tests: the cache stays bounded). */
    long cached() {
        if (served == null) {
            return 0;
        }
        served.cleanUp();
        return served.estimatedSize();
    }

    private boolean cachedOrAsk(String key, java.util.function.BooleanSupplier ask) {
        if (served.getIfPresent(key) != null) {
            return true;
        }
        boolean yes = ask.getAsBoolean();
        if (yes) {
            served.put(key, Boolean.TRUE);
        }
        return yes;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
