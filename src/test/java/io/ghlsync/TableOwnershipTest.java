package io.ghlsync;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One owner per table. Every table of the schema (db/migration) is written only by the SQL files of one folder under
 * src/main/resources/sql, and those files are loaded by one class, the table's owner. Java holds no INSERT, UPDATE,
 * DELETE or TRUNCATE of its own. So a second writer fails the build: another class loading a writing file, a writing
 * file in another folder, or a statement written inline. The booking tables are also read only through booking.
 * Only the sources are read (plain JUnit, no database).
 */
class TableOwnershipTest {

    private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");
    private static final Path SQL = Path.of("src/main/resources/sql");
    private static final Path JAVA = Path.of("src/main/java");

    /** Table → the one class that writes it. A new table needs its line here. */
    private static final Map<String, String> OWNERS = Map.ofEntries(
            entry("customers", "io.ghlsync.booking.CustomerRepository"),
            entry("leads", "io.ghlsync.booking.LeadRepository"),
            entry("appointments", "io.ghlsync.booking.AppointmentRepository"),
            entry("time_slots", "io.ghlsync.booking.TimeSlotRepository"),
            entry("sync_outbox", "io.ghlsync.outbox.OutboxRepository"),
            entry("sync_step_journal", "io.ghlsync.outbox.StepJournalRepository"),
            entry("camel_messageprocessed", "io.ghlsync.outbox.IdempotencyKeyRepository"),
            entry("dead_letter", "io.ghlsync.deadletter.DeadLetterRepository"),
            entry("webhook_inbox", "io.ghlsync.webhook.WebhookInboxRepository"),
            entry("ghl_contact_mirror", "io.ghlsync.sync.ContactMirrorRepository"),
            entry("ghl_appointment_links", "io.ghlsync.sync.AppointmentLinkRepository"),
            entry("ghl_custom_fields", "io.ghlsync.ghl.CustomFieldRepository"),
            entry("ghl_locations", "io.ghlsync.ghl.oauth.GhlLocations"),
            entry("ghl_oauth_tokens", "io.ghlsync.ghl.oauth.OAuthTokenStore"),
            entry("ghl_install_refusals", "io.ghlsync.ghl.oauth.InstallRefusals"),
            entry("oauth_state_nonces", "io.ghlsync.ghl.oauth.OAuthStateNonces"));

    /** Library classes that write a table with SQL of their own: whoever constructs one writes that table. */
    private static final Map<String, String> LIBRARY_WRITERS = Map.of(
            "JdbcMessageIdRepository", "camel_messageprocessed");

    /** The tables only booking reads and writes. */
    private static final Set<String> BOOKING_TABLES = Set.of("customers", "leads", "appointments", "time_slots");

    private static final Pattern CREATE_TABLE =
            Pattern.compile("(?i)\\bcreate\\s+table\\s+(?:if\\s+not\\s+exists\\s+)?(\\w+)");
    private static final Pattern[] WRITES = {
        Pattern.compile("(?i)\\binsert\\s+into\\s+(\\w+)"),
        Pattern.compile("(?i)\\bdelete\\s+from\\s+(\\w+)"),
        Pattern.compile("(?i)\\bupdate\\s+(\\w+)(?:\\s+(?:as\\s+)?\\w+)?\\s+set\\b"),
        Pattern.compile("(?i)\\btruncate\\s+(?:table\\s+)?(\\w+)"),
        Pattern.compile("(?i)\\bmerge\\s+into\\s+(\\w+)"),
    };
    private static final Pattern READ = Pattern.compile("(?i)\\b(?:from|join|into|update|using)\\s+(\\w+)");
    private static final Pattern LOAD = Pattern.compile("SqlFiles\\.load\\(\\s*\"([^\"]+)\"\\s*\\)");

    @Test
    void eachTableIsWrittenByItsOneOwner() {
        Map<String, Set<String>> writers = new TreeMap<>();
        tables().forEach(t -> writers.put(t, new TreeSet<>()));
        Map<String, Set<String>> loaders = loaders();
        sqlFiles().forEach((file, sql) -> writes(sql).forEach(table ->
                writers.computeIfAbsent(table, t -> new TreeSet<>()).addAll(loaders.getOrDefault(file, Set.of()))));
        javaFiles().forEach((cls, source) -> LIBRARY_WRITERS.forEach((library, table) -> {
            if (source.contains("new " + library + "(")) {
                writers.computeIfAbsent(table, t -> new TreeSet<>()).add(cls);
            }
        }));

        Map<String, Set<String>> expected = new TreeMap<>();
        OWNERS.forEach((table, owner) -> expected.put(table, Set.of(owner)));
        assertThat(writers).as("table -> classes that write it (through the SQL files they load)")
                .isEqualTo(expected);
    }

    @Test
    void eachTableIsWrittenFromOneSqlFolder() {
        Map<String, Set<String>> folders = new TreeMap<>();
        sqlFiles().forEach((file, sql) -> writes(sql).forEach(table ->
                folders.computeIfAbsent(table, t -> new TreeSet<>()).add(folder(file))));
        folders.forEach((table, in) -> assertThat(in).as("SQL folders writing " + table).hasSize(1));
        assertThat(folders.keySet()).as("tables written by SQL files").containsAll(
                OWNERS.keySet().stream().filter(t -> !LIBRARY_WRITERS.containsValue(t)).toList());
    }

    @Test
    void eachSqlFileIsLoadedByExactlyOneClassAndEachFolderByOnePackage() {
        Map<String, Set<String>> loaders = loaders();
        Map<String, Set<String>> packages = new TreeMap<>();
        for (String file : sqlFiles().keySet()) {
            assertThat(loaders.getOrDefault(file, Set.of())).as("classes loading sql/" + file).hasSize(1);
            loaders.get(file).forEach(cls ->
                    packages.computeIfAbsent(folder(file), f -> new TreeSet<>()).add(packageOf(cls)));
        }
        assertThat(sqlFiles().keySet()).as("SQL files some class loads").containsAll(loaders.keySet());
        packages.forEach((folder, in) -> assertThat(in).as("packages loading sql/" + folder + "/").hasSize(1));
    }

    @Test
    void javaHoldsNoWriteStatementsAndLoadsSqlByLiteralName() {
        javaFiles().forEach((cls, source) -> {
            assertThat(writes(withoutJavaComments(source))).as("tables written inline by " + cls).isEmpty();
            int loads = source.split("SqlFiles\\.load\\(", -1).length - 1;
            int literal = (int) LOAD.matcher(source).results().count();
            assertThat(literal).as("SqlFiles.load calls of " + cls + " that name their file").isEqualTo(loads);
        });
    }

    @Test
    void bookingTablesAreReadAndWrittenOnlyThroughBooking() {
        Map<String, Set<String>> loaders = loaders();
        sqlFiles().forEach((file, sql) -> {
            Set<String> booking = new TreeSet<>(mentions(sql));
            booking.retainAll(BOOKING_TABLES);
            if (!booking.isEmpty()) {
                assertThat(folder(file)).as("folder of sql/" + file + " (uses " + booking + ")").isEqualTo("booking");
                assertThat(loaders.get(file)).as("classes loading sql/" + file)
                        .allSatisfy(cls -> assertThat(packageOf(cls)).isEqualTo("io.ghlsync.booking"));
            }
        });
    }

    /** The scanner itself: what counts as a write, so the tests above cannot pass by reading nothing. */
    @Test
    void writesAreRecognised() {
        assertThat(writes("update sync_outbox o\n   set status = 'DONE'")).containsExactly("sync_outbox");
        assertThat(writes("update leads set name = :name")).containsExactly("leads");
        assertThat(writes("insert into ghl_locations (location_id) values (:id)\n"
                + "on conflict (location_id) do update\n   set status = 'active'")).containsExactly("ghl_locations");
        assertThat(writes("with gone as (delete from sync_outbox where id = 1 returning event_id)\n"
                + "delete from sync_step_journal j using gone")).containsExactly("sync_outbox", "sync_step_journal");
        assertThat(writes("-- insert into leads (a comment)\nselect id from leads for update")).isEmpty();
        assertThat(writes("select id from appointments where status = 'cancelled'")).isEmpty();
        assertThat(mentions("select 1 from time_slots s left join appointments a on a.id = s.appointment_id"))
                .contains("time_slots", "appointments");
    }

    // --- scanning

    /** Tables written by one statement (comments stripped); only tables of the schema count. */
    private static Set<String> writes(String sql) {
        Set<String> tables = tables();
        Set<String> written = new TreeSet<>();
        String text = withoutSqlComments(sql);
        for (Pattern p : WRITES) {
            Matcher m = p.matcher(text);
            while (m.find()) {
                String table = m.group(1).toLowerCase();
                if (tables.contains(table)) {
                    written.add(table);
                }
            }
        }
        return written;
    }

    /** Tables a statement reads or writes. */
    private static Set<String> mentions(String sql) {
        Set<String> tables = tables();
        Set<String> used = new TreeSet<>(writes(sql));
        READ.matcher(withoutSqlComments(sql)).results().map(r -> r.group(1).toLowerCase())
                .filter(tables::contains).forEach(used::add);
        return used;
    }

    private static Set<String> tables() {
        Set<String> tables = new TreeSet<>();
        walk(MIGRATIONS, ".sql").forEach(f -> CREATE_TABLE.matcher(withoutSqlComments(read(f))).results()
                .forEach(r -> tables.add(r.group(1).toLowerCase())));
        return tables;
    }

    /** sql/&lt;folder&gt;/&lt;name&gt;.sql (relative name, as SqlFiles.load takes it) → text. */
    private static Map<String, String> sqlFiles() {
        Map<String, String> files = new TreeMap<>();
        walk(SQL, ".sql").forEach(f -> files.put(SQL.relativize(f).toString().replace('\\', '/'), read(f)));
        return files;
    }

    /** Class name → source, of every main Java file. */
    private static Map<String, String> javaFiles() {
        Map<String, String> files = new TreeMap<>();
        walk(JAVA, ".java").forEach(f -> files.put(
                JAVA.relativize(f).toString().replace('\\', '/').replaceAll("\\.java$", "").replace('/', '.'),
                read(f)));
        return files;
    }

    /** SQL file → classes that load it. */
    private static Map<String, Set<String>> loaders() {
        Map<String, Set<String>> loaders = new TreeMap<>();
        javaFiles().forEach((cls, source) -> LOAD.matcher(source).results().forEach(r ->
                loaders.computeIfAbsent(r.group(1), f -> new TreeSet<>()).add(cls)));
        return loaders;
    }

    private static String folder(String sqlFile) {
        int slash = sqlFile.indexOf('/');
        return slash < 0 ? "" : sqlFile.substring(0, slash);
    }

    private static String packageOf(String cls) {
        return cls.substring(0, cls.lastIndexOf('.'));
    }

    private static String withoutSqlComments(String sql) {
        return sql.replaceAll("--[^\n]*", " ");
    }

    private static String withoutJavaComments(String java) {
        return java.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("(?m)^\\s*//[^\n]*", " ");
    }

    private static Stream<Path> walk(Path dir, String suffix) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(suffix)).sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
