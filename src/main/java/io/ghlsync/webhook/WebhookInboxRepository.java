package io.ghlsync.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.ghlsync.config.Json;
import io.ghlsync.config.SqlFiles;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** The webhook_inbox table: verified GHL webhooks, stored before they are acknowledged. */
public class WebhookInboxRepository {

    private static final String INSERT = SqlFiles.load("webhook/inbox-insert.sql");
    private static final String CLAIM = SqlFiles.load("webhook/inbox-claim.sql");
    private static final String FINISH = SqlFiles.load("webhook/inbox-finish.sql");
    private static final String FIND = SqlFiles.load("webhook/inbox-find.sql");
    private static final String DELETE_HANDLED = SqlFiles.load("webhook/inbox-delete-handled.sql");

    /** One webhook to store. */
    public record Entry(WebhookEnvelope envelope, String signature) {}

    private final DataSource dataSource;
    private final NamedParameterJdbcTemplate jdbc;

    public WebhookInboxRepository(DataSource dataSource, NamedParameterJdbcTemplate jdbc) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
    }

    /**
     * Inserts the entries in one autocommitted statement (plain JDBC: text[] parameters, hot path).
     *
     * @return the webhook ids that were new; the others were stored before
     */
    public Set<String> insert(List<Entry> entries) throws SQLException {
        int n = entries.size();
        String[] ids = new String[n];
        String[] types = new String[n];
        String[] locations = new String[n];
        String[] keys = new String[n];
        String[] bodies = new String[n];
        String[] signatures = new String[n];
        for (int i = 0; i < n; i++) {
            WebhookEnvelope e = entries.get(i).envelope();
            ids[i] = e.webhookId();
            types[i] = e.type();
            locations[i] = e.locationId();
            keys[i] = e.entityKey();
            bodies[i] = e.rawBody();
            signatures[i] = entries.get(i).signature();
        }
        Set<String> inserted = new HashSet<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT)) {
            Object[][] columns = {ids, types, locations, keys, bodies, signatures};
            for (int i = 0; i < columns.length; i++) {
                Array array = c.createArrayOf("text", columns[i]);
                ps.setArray(i + 1, array);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    inserted.add(rs.getString(1));
                }
            }
        }
        return inserted;
    }

    /** Claims up to {@code limit} stored webhooks, oldest first. */
    public List<InboxEvent> claim(int limit, long leaseMillis) {
        MapSqlParameterSource p = new MapSqlParameterSource()
                .addValue("limit", limit)
                .addValue("leaseSeconds", leaseMillis / 1000.0);
        List<InboxEvent> events = new java.util.ArrayList<>(jdbc.query(CLAIM, p, WebhookInboxRepository::toEvent));
        events.sort(Comparator.comparingLong(InboxEvent::id));
        return events;
    }

    /** @return false when the row was no longer ours (lease taken over) */
    public boolean finish(long id, String status, String outcome) {
        return jdbc.update(FINISH, new MapSqlParameterSource("id", id)
                .addValue("status", status)
                .addValue("outcome", outcome)) == 1;
    }

    public Optional<Map<String, Object>> find(String webhookId) {
        return jdbc.queryForList(FIND, Map.of("webhookId", webhookId)).stream().findFirst();
    }

    /** Deletes up to {@code batch} webhooks handled (DONE or IGNORED) before {@code cutoff}. @return rows deleted */
    public int deleteHandled(OffsetDateTime cutoff, int batch) {
        return jdbc.update(DELETE_HANDLED, new MapSqlParameterSource("cutoff", cutoff).addValue("batch", batch));
    }

    private static InboxEvent toEvent(ResultSet rs, int row) throws SQLException {
        try {
            return new InboxEvent(rs.getLong("id"), rs.getString("webhook_id"), rs.getString("type"),
                    rs.getString("location_id"), Json.MAPPER.readTree(rs.getString("raw_body")), rs.getInt("attempts"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable webhook payload in row " + rs.getLong("id"), e);
        }
    }
}
