package io.ghlsync.ghl.oauth;

import io.ghlsync.config.SqlFiles;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The ghl_install_refusals table: installs refused by GHL_ALLOWED_COMPANY_IDS, newest {@code keep} only, for the
 * monitor's {@code data.installRefusals}. Ids and a reason only; tokens never reach it.
 */
public class InstallRefusals {

    private static final Logger LOG = LoggerFactory.getLogger(InstallRefusals.class);
    private static final String INSERT = SqlFiles.load("oauth/install-refusal-insert.sql");
    private static final String PRUNE = SqlFiles.load("oauth/install-refusal-prune.sql");
    private static final String RECENT = SqlFiles.load("oauth/install-refusal-recent.sql");
    /** GHL ids are about 20 characters; a longer value is cut so the table stays small whatever arrives. */
    private static final int MAX_ID = 100;

    /** One refused install. {@code source}: {@code oauth-callback} or {@code install-webhook}. */
    public record Refusal(Instant refusedAt, String companyId, String locationId, String source, String reason) {}

    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;
    private final int keep;

    public InstallRefusals(NamedParameterJdbcTemplate jdbc, Clock clock, int keep) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.keep = Math.max(1, keep);
    }

    /**
     * Logs and stores the refusal. A database failure is logged, not thrown: the install stays refused and the
     * caller still gets its 403.
     */
    public void record(String companyId, String locationId, String source, String reason) {
        LOG.warn("GHL app install refused ({}): company {}, location {}: {}", source, cut(companyId),
                cut(locationId), reason);
        try {
            jdbc.update(INSERT, new MapSqlParameterSource("refusedAt", Timestamp.from(clock.instant()))
                    .addValue("companyId", cut(companyId))
                    .addValue("locationId", cut(locationId))
                    .addValue("source", source)
                    .addValue("reason", reason));
            jdbc.update(PRUNE, Map.of("keep", keep));
        } catch (RuntimeException e) {
            LOG.warn("Install refusal not stored for the monitor: {}", e.getClass().getSimpleName());
        }
    }

    /** Newest first, at most {@code keep}. */
    public List<Refusal> recent() {
        return jdbc.query(RECENT, Map.of("limit", keep), (rs, n) -> new Refusal(
                rs.getTimestamp("refused_at").toInstant(),
                rs.getString("company_id"),
                rs.getString("location_id"),
                rs.getString("source"),
                rs.getString("reason")));
    }

    private static String cut(String id) {
        return id == null || id.length() <= MAX_ID ? id : id.substring(0, MAX_ID);
    }
}
