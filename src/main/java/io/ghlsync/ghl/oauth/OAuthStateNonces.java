package io.ghlsync.ghl.oauth;

import io.ghlsync.config.SqlFiles;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The oauth_state_nonces table: the nonces of install-link states that reached the callback, so each state is
 * honoured once, also across instances. A nonce is kept until its state can no longer verify, then deleted.
 */
public class OAuthStateNonces {

    private static final String SPEND = SqlFiles.load("oauth/state-nonce-spend.sql");
    private static final String PRUNE = SqlFiles.load("oauth/state-nonce-prune.sql");
    /** Kept past the state's expiry for longer than the verifier's leeway. */
    private static final Duration MARGIN = Duration.ofSeconds(OAuthStateTokens.LEEWAY_SECONDS + 60);

    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;

    public OAuthStateNonces(NamedParameterJdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** @return true the first time this nonce is spent, false when it was spent before */
    public boolean spend(String nonce, Instant stateExpiresAt) {
        // Links are rare, so the expired rows are cleared here rather than by a scheduled route.
        jdbc.update(PRUNE, Map.of("now", Timestamp.from(clock.instant())));
        return jdbc.update(SPEND, new MapSqlParameterSource("nonce", nonce)
                .addValue("keepUntil", Timestamp.from(stateExpiresAt.plus(MARGIN)))) == 1;
    }
}
