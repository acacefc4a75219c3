package io.ghlsync.outbox;

import io.ghlsync.config.Json;
import io.ghlsync.config.SqlFiles;
import java.util.Collection;
import javax.sql.DataSource;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The camel_messageprocessed table: idempotency keys of the sync events already carried to GHL (processor name
 * {@value #PROCESSOR}). Camel's {@link JdbcMessageIdRepository} reads and writes it for the idempotent consumer of
 * route sync-event; retention forgets the keys of the events it deletes.
 */
public class IdempotencyKeyRepository {

    /** Processor name of the sync-event keys in camel_messageprocessed. */
    public static final String PROCESSOR = "sync-event";

    private static final String FORGET = SqlFiles.load("outbox/idempotency-forget.sql");

    private final DataSource dataSource;
    private final NamedParameterJdbcTemplate jdbc;

    public IdempotencyKeyRepository(DataSource dataSource, NamedParameterJdbcTemplate jdbc) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
    }

    /** Camel's JDBC repository over this table, the durable tier of the sync-event idempotent consumer. */
    public JdbcMessageIdRepository camelRepository() {
        JdbcMessageIdRepository store = new JdbcMessageIdRepository(dataSource, PROCESSOR);
        store.setCreateTableIfNotExists(false); // owned by the V2 migration, with a primary key
        return store;
    }

    /** Deletes these keys; joins the caller's transaction when there is one. @return keys deleted */
    public int forget(Collection<String> keys) {
        if (keys.isEmpty()) {
            return 0;
        }
        return jdbc.update(FORGET, new MapSqlParameterSource("processor", PROCESSOR)
                .addValue("keys", Json.MAPPER.valueToTree(keys).toString()));
    }
}
