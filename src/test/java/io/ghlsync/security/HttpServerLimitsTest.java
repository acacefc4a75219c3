package io.ghlsync.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ghlsync.support.TestService;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The socket limits of the HTTP server, with raw sockets on loopback and small limits so the test is quick. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpServerLimitsTest {

    private TestService service;
    private int port;

    @BeforeAll
    void start() {
        service = TestService.builder()
                .property("http.first-request-timeout-ms", "600")
                .property("http.idle-timeout-seconds", "2")
                .property("http.max-connections", "4")
                .property("sync.enabled", "false")
                .start();
        port = Integer.parseInt(service.url("").replaceAll(".*:(\\d+)$", "$1"));
    }

    @AfterAll
    void stop() {
        service.close();
    }

    private Socket open() throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
        s.setSoTimeout(200);
        return s;
    }

    /** True once the server has closed the socket (read gives end of stream or the connection is reset). */
    private static boolean closedByServer(Socket s) {
        try {
            InputStream in = s.getInputStream();
            while (true) {
                int b = in.read();
                if (b < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private static void request(Socket s) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write("GET /observe/health/live HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Test
    void aConnectionThatNeverSendsARequestIsClosed() throws Exception {
        try (Socket silent = open()) {
            await().atMost(Duration.ofSeconds(5)).until(() -> closedByServer(silent));
        }
    }

    @Test
    void aConnectionThatSendsAnIncompleteRequestHeadIsClosed() throws Exception {
        try (Socket slow = open()) {
            slow.getOutputStream().write("GET /observe/health/live HTTP/1.1\r\nHost: loc".getBytes(StandardCharsets.US_ASCII));
            await().atMost(Duration.ofSeconds(5)).until(() -> closedByServer(slow));
        }
    }

    @Test
    void anIdleKeepAliveConnectionIsClosedAfterTheIdleTimeout() throws Exception {
        try (Socket s = open()) {
            request(s);
            // the answer arrives and the connection stays open for now ...
            s.setSoTimeout(2000);
            byte[] buf = new byte[4096];
            int n = s.getInputStream().read(buf);
            assertThat(new String(buf, 0, n, StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 200");
            s.setSoTimeout(200);
            // ... until it has been idle for http.idle-timeout-seconds
            await().atMost(Duration.ofSeconds(6)).until(() -> closedByServer(s));
        }
    }

    @Test
    void connectionsBeyondTheCapAreClosedAtOnceAndServiceResumesWhenTheyGo() throws Exception {
        HardenedHttpServer server = service.context().hasService(HardenedHttpServer.class);
        await().atMost(Duration.ofSeconds(5)).until(() -> server.openConnections() == 0);
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                Socket s = open();
                request(s);
                held.add(s);
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> server.openConnections() == 4);
            try (Socket extra = open()) {
                await().atMost(Duration.ofSeconds(5)).until(() -> closedByServer(extra));
            }
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> server.openConnections() == 0);
        assertThat(service.get("/observe/health/live").statusCode()).isEqualTo(200);
    }

    @Test
    void withoutAuthenticationTheServerListensOnLoopbackOnly() {
        HardenedHttpServer server = service.context().hasService(HardenedHttpServer.class);
        assertThat(server.getHost()).isEqualTo("127.0.0.1");
    }
}
