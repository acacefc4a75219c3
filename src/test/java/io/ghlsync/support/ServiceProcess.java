package io.ghlsync.support;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;

/**
 * ghl-sync as a separate JVM (the test's own class path, the project folder as working directory), so a test can
 * SIGKILL it the way a crash would and start it again.
 */
public final class ServiceProcess implements AutoCloseable {

    private final Process process;
    private final int port;

    private ServiceProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static ServiceProcess start(Map<String, String> env, Path log) throws IOException {
        int port = TestService.freePort();
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), "io.ghlsync.Application"));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(new File(".")).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("PORT", String.valueOf(port));
        pb.environment().put("ROUTES_RELOAD", "false");
        pb.environment().putAll(env);
        ServiceProcess sp = new ServiceProcess(pb.start(), port);
        HttpClient http = HttpClient.newHttpClient();
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!sp.process.isAlive()) {
                throw new IllegalStateException("service exited with " + sp.process.exitValue() + ", see " + log);
            }
            try {
                return http.send(HttpRequest.newBuilder(URI.create(sp.url("/observe/health/ready"))).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
        return sp;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** SIGKILL: no shutdown hook, no graceful stop, exactly like a crash. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            kill();
        }
    }
}
