package io.ghlsync.proof;

import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** A fingerprint of every row of every application table, to prove that requests wrote nothing. */
final class TableDigest {

    private TableDigest() {}

    static Map<String, String> of(NamedParameterJdbcTemplate jdbc) {
        Map<String, String> digest = new TreeMap<>();
        for (String table : jdbc.queryForList("""
                select table_name from information_schema.tables
                where table_schema = 'public' and table_type = 'BASE TABLE' and table_name <> 'flyway_schema_history'
                """, Map.of(), String.class)) {
            digest.put(table, jdbc.queryForObject("select count(*) || ':' || coalesce(md5(string_agg(t::text, ',' "
                    + "order by t::text)), '') from \"" + table + "\" t", Map.of(), String.class));
        }
        return digest;
    }
}
