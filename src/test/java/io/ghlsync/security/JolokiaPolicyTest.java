package io.ghlsync.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ghlsync.config.Json;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import javax.management.ObjectName;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jolokia.server.core.restrictor.policy.PolicyRestrictor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.NodeList;

/**
 * Jolokia's own policy (src/main/resources/jolokia-access.xml), the ceiling behind {@link JolokiaGuard}, against
 * the requests a stock Hawtio 4 sends: what the guard lets an operator do must not be refused again by the policy,
 * and what nobody may do stays refused by both.
 */
class JolokiaPolicyTest {

    private static final String CONTEXT = "org.apache.camel:context=ghl-sync,type=context,name=\"ghl-sync\"";
    private static final String ROUTE = "org.apache.camel:context=ghl-sync,type=routes,name=\"sync-event\"";
    private static final String THROTTLE = "org.apache.camel:context=ghl-sync,type=processors,name=\"ghl-throttle\"";
    private static final String PROCESSOR = "org.apache.camel:context=ghl-sync,type=processors,name=\"sync-track\"";
    private static final String ENDPOINT =
            "org.apache.camel:context=ghl-sync,type=endpoints,name=\"seda://sync-event\\?concurrentConsumers=10\"";
    private static final String ENDPOINT_REGISTRY =
            "org.apache.camel:context=ghl-sync,type=services,name=DefaultRuntimeEndpointRegistry";
    private static final String REST_REGISTRY =
            "org.apache.camel:context=ghl-sync,type=services,name=DefaultRestRegistry";
    private static final String TRACER = "org.apache.camel:context=ghl-sync,type=tracer,name=BacklogTracer";

    private static final Principal READER = Principal.fromScopeClaim("reader", "ops:read");
    private static final Principal WRITER = Principal.fromScopeClaim("writer", "ops:read ops:write");

    private static PolicyRestrictor policy;
    private static JolokiaGuard guard;

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = JolokiaPolicyTest.class.getResourceAsStream("/jolokia-access.xml")) {
            policy = new PolicyRestrictor(in);
        }
        Properties settings = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of("application.properties"), StandardCharsets.UTF_8)) {
            settings.load(in);
        }
        guard = new JolokiaGuard(new JolokiaGuard.Rules(
                list(settings, "jolokia.read-operations"),
                JolokiaGuard.Rules.name(settings.getProperty("jolokia.read-operation-mbeans")),
                list(settings, "jolokia.write-operations"),
                JolokiaGuard.Rules.name(settings.getProperty("jolokia.write-operation-mbeans")),
                list(settings, "jolokia.writable-attributes"),
                JolokiaGuard.Rules.name(settings.getProperty("jolokia.writable-attribute-mbeans"))), () -> null);
    }

    @Test
    void theOperationsHawtioSendsForRouteDiagramsPassTheGuardForReadersAndThePolicy() throws Exception {
        // Sent at connect (camel tree processor) and every 2 s while the Route Diagram is open, in these forms.
        for (ObjectNode request : List.of(
                exec(CONTEXT, "dumpRoutesAsXml()"),
                exec(CONTEXT, "dumpRoutesStatsAsXml", true, true),
                exec(CONTEXT, "dumpRoutesStatsAsXml(boolean,boolean)", true, true),
                exec(CONTEXT, "componentNames()"),
                exec(CONTEXT, "canSendToEndpoint(java.lang.String)", "seda:x"),
                exec(ROUTE, "isUpdateRouteEnabled()"),
                exec(ENDPOINT_REGISTRY, "endpointStatistics()"),
                exec(REST_REGISTRY, "listRestServices()"))) {
            assertThat(guard.check(request, READER)).as("guard, ops:read: %s", request).isNull();
            assertThat(policyAllows(request)).as("Jolokia policy: %s", request).isTrue();
        }
    }

    @Test
    void routeStartStopAndThrottleWritesPassThePolicyForWritersButTheGuardRefusesReaders() throws Exception {
        List<ObjectNode> writes = new ArrayList<>();
        for (String operation : List.of("start()", "stop()", "suspend()", "resume()", "start", "stop")) {
            writes.add(exec(ROUTE, operation));
        }
        // Hawtio's Attributes tab sends the value as a string
        writes.add(write(THROTTLE, "TimePeriodMillis", "12000"));
        writes.add(write(THROTTLE, "MaximumRequests", "20"));
        for (ObjectNode request : writes) {
            assertThat(guard.check(request, WRITER)).as("guard, ops:write: %s", request).isNull();
            assertThat(policyAllows(request)).as("Jolokia policy: %s", request).isTrue();
            assertThat(guard.check(request, READER)).as("guard, ops:read: %s", request)
                    .extracting(JolokiaGuard.Refusal::status).isEqualTo(403);
        }
    }

    @Test
    void browsingTracingSettersAndContextOrOtherProcessorChangesAreRefusedByBothGuardAndPolicy() throws Exception {
        for (ObjectNode request : List.of(
                exec(ENDPOINT, "browseAllMessagesAsXml(java.lang.Boolean)", true),
                exec(ENDPOINT, "browseRangeMessagesAsXml(java.lang.Integer,java.lang.Integer, java.lang.Boolean)",
                        0, 10, true),
                exec(TRACER, "dumpAllTracedMessagesAsXml()"),
                exec(TRACER, "setEnabled", true),
                exec(THROTTLE, "setTimePeriodMillis(long)", 1),
                exec(THROTTLE, "setMaximumRequests", 1),
                exec(CONTEXT, "stop()"),
                exec(CONTEXT, "sendStringBody(java.lang.String, java.lang.String)", "direct:x", "y"),
                exec(ROUTE, "remove()"),
                write(PROCESSOR, "MaximumRequests", "1"),
                write(ROUTE, "Tracing", "true"))) {
            assertThat(guard.check(request, WRITER)).as("guard, ops:write: %s", request).isNotNull();
            assertThat(policyAllows(request)).as("Jolokia policy: %s", request).isFalse();
        }
    }

    @Test
    void secretsInTheJvmsStartArgumentsStayUnreadableWhileCamelAttributesAreReadable() throws Exception {
        ObjectName runtime = new ObjectName("java.lang:type=Runtime");
        assertThat(policy.isAttributeReadAllowed(runtime, "SystemProperties")).isFalse();
        assertThat(policy.isAttributeReadAllowed(runtime, "InputArguments")).isFalse();
        assertThat(policy.isAttributeReadAllowed(new ObjectName(ROUTE), "State")).isTrue();
        assertThat(policy.isAttributeReadAllowed(new ObjectName(THROTTLE), "TimePeriodMillis")).isTrue();
    }

    /** Jolokia applies only the first <allow> pattern that matches an MBean, in no defined order. */
    @Test
    void noTwoAllowPatternsOverlapSoJolokiaCannotPickTheWrongOne() throws Exception {
        List<ObjectName> patterns = new ArrayList<>();
        try (InputStream in = JolokiaPolicyTest.class.getResourceAsStream("/jolokia-access.xml")) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            NodeList names = ((org.w3c.dom.Element) factory.newDocumentBuilder().parse(in)
                    .getElementsByTagName("allow").item(0)).getElementsByTagName("name");
            for (int i = 0; i < names.getLength(); i++) {
                patterns.add(new ObjectName(names.item(i).getTextContent().trim()));
            }
        }
        assertThat(patterns).hasSizeGreaterThanOrEqualTo(4);
        for (int i = 0; i < patterns.size(); i++) {
            for (int j = i + 1; j < patterns.size(); j++) {
                assertThat(disjoint(patterns.get(i), patterns.get(j)))
                        .as("%s and %s may match the same MBean", patterns.get(i), patterns.get(j)).isTrue();
            }
        }
    }

    // ------------------------------------------------------------------------------------------- helpers

    /** What Jolokia's own handlers ask the policy for this request (ExecHandler, WriteHandler). */
    private static boolean policyAllows(JsonNode request) throws Exception {
        ObjectName mbean = new ObjectName(request.get("mbean").asText());
        return switch (request.get("type").asText()) {
            case "exec" -> policy.isOperationAllowed(mbean, request.get("operation").asText());
            case "write" -> policy.isAttributeWriteAllowed(mbean, request.get("attribute").asText());
            default -> throw new IllegalArgumentException(request.toString());
        };
    }

    /** Disjoint when some key has a fixed, different value in both (same domain), or the domains differ. */
    private static boolean disjoint(ObjectName a, ObjectName b) {
        if (!a.isDomainPattern() && !b.isDomainPattern() && !a.getDomain().equals(b.getDomain())) {
            return true;
        }
        for (Map.Entry<String, String> entry : a.getKeyPropertyList().entrySet()) {
            String other = b.getKeyProperty(entry.getKey());
            if (other != null && !a.isPropertyValuePattern(entry.getKey()) && !b.isPropertyValuePattern(entry.getKey())
                    && !other.equals(entry.getValue())) {
                return true;
            }
        }
        return false;
    }

    private static ObjectNode exec(String mbean, String operation, Object... arguments) {
        ObjectNode request = Json.MAPPER.createObjectNode().put("type", "exec").put("mbean", mbean)
                .put("operation", operation);
        request.set("arguments", Json.MAPPER.valueToTree(arguments));
        return request;
    }

    private static ObjectNode write(String mbean, String attribute, String value) {
        return Json.MAPPER.createObjectNode().put("type", "write").put("mbean", mbean).put("attribute", attribute)
                .put("value", value);
    }

    private static Set<String> list(Properties settings, String key) {
        Set<String> out = new java.util.HashSet<>();
        for (String item : settings.getProperty(key).split(",")) {
            if (!item.isBlank()) {
                out.add(item.trim());
            }
        }
        return out;
    }
}
