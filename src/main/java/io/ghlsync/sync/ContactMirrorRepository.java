package io.ghlsync.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.ghlsync.config.Json;
import io.ghlsync.config.SqlFiles;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** The ghl_contact_mirror table. Writes merge in SQL, so concurrent events of one contact keep each other's data. */
public class ContactMirrorRepository {

    private static final String FIND = SqlFiles.load("sync/mirror-find.sql");
    private static final String ENSURE = SqlFiles.load("sync/mirror-ensure.sql");
    private static final String ADD_TAGS = SqlFiles.load("sync/mirror-add-tags.sql");
    private static final String REMOVE_TAGS = SqlFiles.load("sync/mirror-remove-tags.sql");
    private static final String MERGE_FIELDS = SqlFiles.load("sync/mirror-merge-fields.sql");

    private final NamedParameterJdbcTemplate jdbc;

    public ContactMirrorRepository(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Empty when ghl-sync knows nothing about the contact's current tags and fields. */
    public Optional<ContactMirror> find(String contactId) {
        return jdbc.query(FIND, Map.of("contactId", contactId), (rs, row) -> new ContactMirror(
                new HashSet<>(read(rs.getString("tags"), new TypeReference<List<String>>() {})),
                read(rs.getString("custom_fields"), new TypeReference<Map<String, String>>() {})))
                .stream().findFirst();
    }

    /** Records a contact GHL has just created, so removing tags it cannot have is skipped. */
    public void ensureKnown(String contactId) {
        jdbc.update(ENSURE, Map.of("contactId", contactId));
    }

    public void addTags(String contactId, Collection<String> tags) {
        jdbc.update(ADD_TAGS, Map.of("contactId", contactId, "tags", write(tags)));
    }

    public void removeTags(String contactId, Collection<String> tags) {
        jdbc.update(REMOVE_TAGS, Map.of("contactId", contactId, "tags", write(tags)));
    }

    public void mergeCustomFields(String contactId, Map<String, String> values) {
        jdbc.update(MERGE_FIELDS, Map.of("contactId", contactId, "fields", write(values)));
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return Json.MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable contact mirror", e);
        }
    }

    private static String write(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
