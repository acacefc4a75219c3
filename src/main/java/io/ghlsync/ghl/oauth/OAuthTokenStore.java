package io.ghlsync.ghl.oauth;

import io.ghlsync.config.SqlFiles;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** The ghl_oauth_tokens table: encrypted tokens per location or company. Only this class sees ciphertext. */
public class OAuthTokenStore {

    private static final String FIND = SqlFiles.load("oauth/token-find.sql");
    private static final String LOCK = SqlFiles.load("oauth/token-lock.sql");
    private static final String SAVE = SqlFiles.load("oauth/token-save.sql");
    private static final String DELETE = SqlFiles.load("oauth/token-delete.sql");

    private final NamedParameterJdbcTemplate jdbc;
    private final TokenCipher cipher;

    public OAuthTokenStore(NamedParameterJdbcTemplate jdbc, TokenCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    public Optional<TokenGrant> find(TokenOwner owner) {
        return first(jdbc.query(FIND, params(owner), (rs, n) -> read(owner, rs)));
    }

    /** Reads and row-locks the owner's tokens until the caller's transaction ends (must run inside one). */
    public Optional<TokenGrant> lock(TokenOwner owner) {
        return first(jdbc.query(LOCK, params(owner), (rs, n) -> read(owner, rs)));
    }

    public void save(TokenOwner owner, TokenGrant grant) {
        MapSqlParameterSource p = params(owner)
                .addValue("companyId", grant.companyId())
                .addValue("accessToken", cipher.encrypt(grant.accessToken(), owner.context("access_token")))
                .addValue("refreshToken", grant.refreshToken() == null ? null
                        : cipher.encrypt(grant.refreshToken(), owner.context("refresh_token")))
                .addValue("expiresAt", Timestamp.from(grant.expiresAt()))
                .addValue("scope", grant.scope());
        jdbc.update(SAVE, p);
    }

    public boolean delete(TokenOwner owner) {
        return jdbc.update(DELETE, params(owner)) > 0;
    }

    private TokenGrant read(TokenOwner owner, ResultSet rs) throws SQLException {
        byte[] refresh = rs.getBytes("refresh_token");
        return new TokenGrant(
                cipher.decrypt(rs.getBytes("access_token"), owner.context("access_token")),
                refresh == null ? null : cipher.decrypt(refresh, owner.context("refresh_token")),
                rs.getTimestamp("expires_at").toInstant(),
                null,
                owner.type(),
                TokenOwner.LOCATION.equals(owner.type()) ? owner.id() : null,
                rs.getString("company_id"));
    }

    private static MapSqlParameterSource params(TokenOwner owner) {
        return new MapSqlParameterSource("ownerType", owner.type()).addValue("ownerId", owner.id());
    }

    private static <T> Optional<T> first(List<T> rows) {
        return rows.stream().findFirst();
    }
}
