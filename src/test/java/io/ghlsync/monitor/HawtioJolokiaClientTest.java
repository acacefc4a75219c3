package io.ghlsync.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ghlsync.config.Json;
import io.ghlsync.support.TestService;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.management.ObjectName;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.camel.ServiceStatus;
import org.apache.camel.api.management.ManagedCamelContext;
import org.apache.camel.api.management.mbean.ManagedThrottlerMBean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.security.crypto.bcrypt.BCrypt;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * An operator's stock Hawtio, proven with the Jolokia client Hawtio 4.6 itself ships (jolokia.js and
 * {@code @jolokia.js/simple} 2.4.0, src/test/js/hawtio): its Connect sequence through the access gate with the
 * operator account's HTTP Basic credentials reaches the route diagram, and the account's scope decides what it may
 * change. Needs Node.js 20+ and npm on the PATH (CI has them); the test fails, not skips, without them.
 */
class HawtioJolokiaClientTest {

    private static final Path CLIENT_DIR = Path.of("src", "test", "js", "hawtio").toAbsolutePath();
    private static final Duration NPM_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration NODE_TIMEOUT = Duration.ofMinutes(2);

    private static final String SECRET = "hawtio-jolokia-client-test-secret-of-32-bytes-or-more";
    private static final String USER = "hawtio-operator";
    private static final String PASSWORD = "correct horse battery staple";
    /** Cost 4: fast for the test; the service accepts any bcrypt cost. */
    private static final String PASSWORD_HASH = BCrypt.hashpw(PASSWORD, BCrypt.gensalt(4));

    private static final String THROTTLE_ID = "ghl-throttle";
    private static final String ROUTE_ID = "sync-event";
    private static final String NEW_PERIOD = "12345";

    @BeforeAll
    static void installHawtiosJolokiaClient() {
        String node = version("node");
        assertThat(Integer.parseInt(node.replaceFirst("^v(\\d+).*$", "$1")))
                .as("Node.js version (%s): the Jolokia client needs Node 20 or newer (fetch without polyfill)", node)
                .isGreaterThanOrEqualTo(20);
        version("npm");
        if (!Files.isDirectory(CLIENT_DIR.resolve("node_modules/jolokia.js"))
                || !Files.isDirectory(CLIENT_DIR.resolve("node_modules/@jolokia.js/simple"))) {
            Result npm = run(List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of(), NPM_TIMEOUT);
            assertThat(npm.exitCode()).as("npm ci in %s failed:%n%s", CLIENT_DIR, npm.output()).isZero();
        }
    }

    /** Service with the operator account holding {@code ops:read} only. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class ReadOnlyOperator {

        private TestService service;
        private long periodAtStart;

        @BeforeAll
        void start() {
            service = startService("ops:read");
            periodAtStart = throttle(service).getTimePeriodMillis();
        }

        @AfterAll
        void stop() {
            service.close();
        }

        @Test
        void hawtioBehindItsProxyConnectsAndDrawsTheRouteDiagramWithBasicCredentials() throws Exception {
            JsonNode result = hawtio(service, "ops:read", "proxy", PASSWORD);

            JsonNode steps = result.get("steps");
            assertThat(steps.at("/probe/http").asInt()).isEqualTo(401);
            assertThat(steps.at("/probe/wwwAuthenticate").asText()).isEqualTo("Basic realm=\"ghl-sync\"");
            assertThat(steps.at("/list/value/camelContexts").toString()).contains("type=context");
            assertThat(steps.at("/camelVersion/value").asText()).isEqualTo(service.context().getVersion());

            Set<String> diagramRoutes = routeIds(xml(steps.at("/dumpRoutesAsXml/value").asText()));
            Set<String> serviceRoutes = new HashSet<>();
            service.context().getRoutes().forEach(r -> serviceRoutes.add(r.getRouteId()));
            assertThat(diagramRoutes).contains("sync-event", "ghl-call", "outbox-dispatcher", "webhook-intake")
                    .containsAll(serviceRoutes);

            Document stats = xml(steps.at("/dumpRoutesStatsAsXml/value").asText());
            assertThat(stats.getDocumentElement().getTagName()).isEqualTo("camelContextStat");
            assertThat(stats.getDocumentElement().getAttribute("id")).isEqualTo(service.context().getName());
            assertThat(statIds(stats, "routeStat")).contains("sync-event", "ghl-call");
            assertThat(statIds(stats, "processorStat")).contains(THROTTLE_ID);
        }

        @Test
        void aReadOnlyOperatorsThrottleWriteRouteStopAndUnofferedOperationsAreRefusedAndChangeNothing() {
            JsonNode steps = hawtio(service, "ops:read", "proxy", PASSWORD).get("steps");

            assertThat(steps.at("/writeThrottle/value/status").asInt()).isEqualTo(403);
            assertThat(steps.at("/writeThrottle/value/error").asText()).contains("needs ops:write");
            assertThat(steps.at("/stopRoute/value/status").asInt()).isEqualTo(403);
            assertThat(steps.at("/browseMessages/value/status").asInt()).isEqualTo(403);
            assertThat(steps.at("/browseMessages/value/request/mbean").asText()).contains("seda:");
            assertThat(steps.at("/execSetter/value/status").asInt()).isEqualTo(403);
            // a refused request inside Hawtio's bulk POST is answered in its place; the others still run
            assertThat(statuses(steps.at("/bulk/value"))).containsExactly(200, 200, 403);

            assertThat(throttle(service).getTimePeriodMillis()).isEqualTo(periodAtStart);
            assertThat(service.context().getRouteController().getRouteStatus(ROUTE_ID))
                    .isEqualTo(ServiceStatus.Started);
        }

        @Test
        void hawtiosBrowserHeaderXJolokiaAuthorizationAloneIsAccepted() {
            JsonNode steps = hawtio(service, "ops:read", "x-jolokia", PASSWORD).get("steps");

            assertThat(steps.at("/dumpRoutesAsXml/value").asText()).contains("id=\"sync-event\"");
            assertThat(steps.at("/writeThrottle/value/status").asInt()).isEqualTo(403);
        }

        @Test
        void aWrongPasswordGets401WithABasicChallengeOnEveryRequestAndChangesNothing() {
            for (String headers : List.of("proxy", "x-jolokia")) {
                JsonNode steps = hawtio(service, "unauthenticated", headers, PASSWORD + "-wrong").get("steps");

                List<String> names = new ArrayList<>();
                steps.fieldNames().forEachRemaining(names::add);
                for (String name : names) {
                    if (!name.equals("endpoint")) {
                        assertThat(steps.at("/" + name + "/http").asInt()).as(headers + " " + name).isEqualTo(401);
                    }
                }
                assertThat(names).contains("loginVersion", "list", "dumpRoutesAsXml", "writeThrottle", "stopRoute");
            }
            assertThat(throttle(service).getTimePeriodMillis()).isEqualTo(periodAtStart);
            assertThat(service.context().getRouteController().getRouteStatus(ROUTE_ID))
                    .isEqualTo(ServiceStatus.Started);
        }
    }

    /** Service with the operator account holding {@code ops:read ops:write}. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WritingOperator {

        private TestService service;

        @BeforeAll
        void start() {
            service = startService("ops:read ops:write");
        }

        @AfterAll
        void stop() {
            service.close();
        }

        @Test
        void anOpsWriteOperatorChangesTheThrottlePeriodAndStopsAndStartsARouteButMayNotBrowseOrCallSetters() {
            long before = throttle(service).getTimePeriodMillis();
            assertThat(String.valueOf(before)).isNotEqualTo(NEW_PERIOD);

            JsonNode steps = hawtio(service, "ops:write", "proxy", PASSWORD).get("steps");

            assertThat(steps.at("/dumpRoutesAsXml/value").asText()).contains("id=\"sync-event\"");
            assertThat(steps.at("/throttleBefore/value").asLong()).isEqualTo(before);
            assertThat(steps.at("/writeThrottle/value/status").asInt()).isEqualTo(200);
            assertThat(steps.at("/throttleAfter/value").asText()).isEqualTo(NEW_PERIOD);
            assertThat(throttle(service).getTimePeriodMillis()).isEqualTo(Long.parseLong(NEW_PERIOD));

            assertThat(steps.at("/stopRoute/value/status").asInt()).isEqualTo(200);
            assertThat(steps.at("/routeStateAfterStop/value").asText()).isEqualTo("Stopped");
            assertThat(steps.at("/startRoute/value/status").asInt()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(service.context().getRouteController().getRouteStatus(ROUTE_ID))
                            .isEqualTo(ServiceStatus.Started));

            assertThat(steps.at("/browseMessages/value/status").asInt()).isEqualTo(403);
            assertThat(steps.at("/execSetter/value/status").asInt()).isEqualTo(403);
            assertThat(statuses(steps.at("/bulk/value"))).containsExactly(200, 200, 403);
        }
    }

    // ------------------------------------------------------------------------------------------- helpers

    private static TestService startService(String opsScope) {
        TestService service = TestService.builder()
                .property("auth.jwt-secret", SECRET)
                .property("auth.ops-user", USER)
                .property("auth.ops-password-hash", PASSWORD_HASH)
                .property("auth.ops-scope", opsScope)
                .property("sync.enabled", "false") // no pipeline runs: the throttle and route are only changed here
                .property("deadletter.replay.enabled", "false")
                .start();
        // The pipeline's own throttle (routes/ghl-call.yaml): Hawtio's Attributes tab writes its MBean.
        await().atMost(Duration.ofSeconds(30)).until(() -> service.context().getManagementStrategy()
                .getManagementAgent().isRegistered(throttleName(service)));
        return service;
    }

    private static ObjectName throttleName(TestService service) throws Exception {
        return new ObjectName("org.apache.camel:context=" + service.context().getManagementName()
                + ",type=processors,name=\"" + THROTTLE_ID + "\"");
    }

    private static ManagedThrottlerMBean throttle(TestService service) {
        return service.context().getCamelContextExtension().getContextPlugin(ManagedCamelContext.class)
                .getManagedProcessor(THROTTLE_ID, ManagedThrottlerMBean.class);
    }

    /** Runs hawtio-calls.mjs against the service; asserts it met every expectation and returns its JSON line. */
    private static JsonNode hawtio(TestService service, String expect, String authHeaders, String password) {
        String managementName = service.context().getManagementName();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("JOLOKIA_URL", service.url("/observe/jolokia"));
        env.put("JOLOKIA_USER", USER);
        env.put("JOLOKIA_PASS", password);
        env.put("EXPECT", expect);
        env.put("AUTH_HEADERS", authHeaders);
        env.put("CAMEL_CONTEXT_MBEAN", "org.apache.camel:context=" + managementName + ",type=context,name=\""
                + service.context().getName() + "\"");
        try {
            env.put("THROTTLE_MBEAN", throttleName(service).toString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        env.put("THROTTLE_PERIOD", NEW_PERIOD);
        env.put("ROUTE_MBEAN", "org.apache.camel:context=" + managementName + ",type=routes,name=\"" + ROUTE_ID + "\"");
        env.put("ENDPOINT_MBEAN", ""); // found by the script's own search (a seda endpoint)

        Result node = run(List.of("node", "hawtio-calls.mjs"), env, NODE_TIMEOUT);
        String last = node.stdout().strip().lines().reduce((a, b) -> b).orElse("");
        JsonNode result;
        try {
            result = Json.MAPPER.readTree(last);
        } catch (IOException e) {
            return fail("hawtio-calls.mjs printed no JSON line:%n%s", node.output());
        }
        assertThat(result.path("failures")).as("unexpected results (%s, %s): %s%n%s", expect, authHeaders,
                result.path("failures"), node.output()).isEmpty();
        assertThat(node.exitCode()).as(node.output()).isZero();
        assertThat(result.path("ok").asBoolean()).isTrue();
        StringBuilder summary = new StringBuilder("hawtio-calls.mjs (" + expect + ", " + authHeaders + "):");
        result.get("steps").fields().forEachRemaining(step -> summary.append(' ').append(step.getKey()).append('=')
                .append(step.getValue().path("http").asText("-"))
                .append(step.getValue().at("/value/status").isNumber()
                        ? "/" + step.getValue().at("/value/status").asInt() : ""));
        System.out.println(summary);
        return result;
    }

    private static List<Integer> statuses(JsonNode responses) {
        List<Integer> out = new ArrayList<>();
        responses.forEach(r -> out.add(r.path("status").asInt()));
        return out;
    }

    private static Document xml(String text) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static Set<String> routeIds(Document routes) {
        return statIds(routes, "route");
    }

    private static Set<String> statIds(Document document, String tag) {
        Set<String> ids = new HashSet<>();
        NodeList nodes = document.getElementsByTagName(tag);
        for (int i = 0; i < nodes.getLength(); i++) {
            ids.add(((Element) nodes.item(i)).getAttribute("id"));
        }
        return ids;
    }

    // ------------------------------------------------------------------------------------------- processes

    private record Result(int exitCode, String stdout, String stderr) {
        /** For failure messages: the route XML makes stdout long, so only its start is shown. */
        String output() {
            String out = stdout.length() > 6000 ? stdout.substring(0, 6000) + " [...]" : stdout;
            return "exit " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" + stderr;
        }
    }

    /** The tool's version, or a failure that says what is missing. */
    private static String version(String tool) {
        Result r;
        try {
            r = start(List.of(tool, "--version"), Map.of(), Duration.ofSeconds(60));
        } catch (IOException e) {
            return fail("'%s' is not on the PATH (%s). HawtioJolokiaClientTest runs Hawtio's Jolokia client "
                    + "(src/test/js/hawtio) with Node.js 20+ and npm: install them (CI has Node 20).", tool,
                    e.getMessage());
        }
        assertThat(r.exitCode()).as("%s --version: %s", tool, r.output()).isZero();
        return r.stdout().strip();
    }

    private static Result run(List<String> command, Map<String, String> env, Duration timeout) {
        try {
            return start(command, env, timeout);
        } catch (IOException e) {
            return fail("could not run %s: %s", command, e.getMessage());
        }
    }

    private static Result start(List<String> command, Map<String, String> env, Duration timeout) throws IOException {
        File out = File.createTempFile("hawtio-client", ".out");
        File err = File.createTempFile("hawtio-client", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(CLIENT_DIR.toFile())
                    .redirectOutput(out).redirectError(err);
            env.forEach((k, v) -> {
                if (v.isEmpty()) {
                    builder.environment().remove(k);
                } else {
                    builder.environment().put(k, v);
                }
            });
            Process process = builder.start();
            boolean finished;
            try {
                finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                finished = false;
            }
            if (!finished) {
                process.destroyForcibly();
                fail("%s did not finish within %s:%n%s%n%s", command, timeout, read(out), read(err));
            }
            return new Result(process.exitValue(), read(out), read(err));
        } finally {
            Files.deleteIfExists(out.toPath());
            Files.deleteIfExists(err.toPath());
        }
    }

    private static String read(File file) throws IOException {
        return Files.readString(file.toPath(), StandardCharsets.UTF_8);
    }
}
