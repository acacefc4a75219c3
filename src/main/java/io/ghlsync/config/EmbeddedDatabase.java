package io.ghlsync.config;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL started by the service when no DATABASE_URL is given. Its data directory survives restarts,
 * and it runs with fsync and synchronous_commit on so that "accepted" means durable.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static EmbeddedDatabase start(Path dataDir, int port, boolean durable) throws IOException {
        Files.createDirectories(dataDir);
        stopLeftoverPostmaster(dataDir);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_connections", "100")
                // It trusts local connections without a password: never on the network.
                .setServerConfig("listen_addresses", "127.0.0.1");
        if (port > 0) {
            builder.setPort(port);
        }
        if (durable) {
            // zonky starts postgres with -F (fsync off) and synchronous_commit off; these -c flags win.
            builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
        }
        EmbeddedPostgres pg = builder.start();
        LOG.info("Embedded PostgreSQL started on port {} with data in {} (durable={})", pg.getPort(), dataDir, durable);
        return new EmbeddedDatabase(pg);
    }

    /**
     * A JVM killed with SIGKILL leaves its postmaster running and holding the data directory. Stop it cleanly
     * (SIGTERM = smart shutdown, then wait) so that this start owns the directory.
     */
    static void stopLeftoverPostmaster(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty()) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).trim());
        } catch (NumberFormatException e) {
            return;
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive()) {
            return;
        }
        String command = handle.get().info().command().orElse("");
        if (!command.contains("postgres")) {
            return; // stale pid file; the pid now belongs to something else
        }
        LOG.warn("A PostgreSQL left over from an earlier run (pid {}) holds {}; stopping it", pid, dataDir);
        handle.get().destroy();
        try {
            handle.get().onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("Leftover PostgreSQL did not stop in time; sending SIGKILL");
            handle.get().destroyForcibly();
        }
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    public int port() {
        return postgres.getPort();
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
