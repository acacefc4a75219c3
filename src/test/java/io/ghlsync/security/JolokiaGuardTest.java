package io.ghlsync.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ghlsync.config.Json;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JolokiaGuardTest {

    private static final JolokiaGuard GUARD = new JolokiaGuard(new JolokiaGuard.Rules(
            Set.of("dumpRoutesAsXml", "dumpRoutesStatsAsXml"), JolokiaGuard.Rules.name("org.apache.camel:*"),
            Set.of("start", "stop"), JolokiaGuard.Rules.name("org.apache.camel:type=routes,*"),
            Set.of("MaximumRequests", "TimePeriodMillis"),
            JolokiaGuard.Rules.name("org.apache.camel:type=processors,name=\"*-throttle\",*")), () -> null);

    private static final Principal READER = Principal.fromScopeClaim("r", "ops:read");
    private static final Principal OPERATOR = Principal.fromScopeClaim("w", "ops:write");
    private static final String CONTEXT = "org.apache.camel:context=ghl-sync,type=context,name=\\\"ghl-sync\\\"";
    private static final String ROUTE = "org.apache.camel:context=ghl-sync,type=routes,name=\\\"sync-event\\\"";
    private static final String THROTTLE =
            "org.apache.camel:context=ghl-sync,type=processors,name=\\\"ghl-throttle\\\"";

    private static JolokiaGuard.Refusal check(String json, Principal who) throws Exception {
        JsonNode request = Json.MAPPER.readTree(json);
        return GUARD.check(request, who);
    }

    @Test
    void aReaderMayReadListSearchAndDrawRouteDiagrams() throws Exception {
        assertThat(check("{\"type\":\"version\"}", READER)).isNull();
        assertThat(check("{\"type\":\"LIST\"}", READER)).isNull();
        assertThat(check("{\"type\":\"search\",\"mbean\":\"*:type=security,area=jmx,*\"}", READER)).isNull();
        assertThat(check("{\"type\":\"read\",\"mbean\":\"" + CONTEXT + "\",\"attribute\":\"CamelVersion\"}", READER))
                .isNull();
        assertThat(check("{\"type\":\"exec\",\"mbean\":\"" + CONTEXT + "\",\"operation\":\"dumpRoutesAsXml()\"}",
                READER)).isNull();
        assertThat(check("{\"type\":\"exec\",\"mbean\":\"" + CONTEXT + "\",\"operation\":\"dumpRoutesStatsAsXml\","
                + "\"arguments\":[true,true]}", READER)).isNull();
    }

    @Test
    void aReaderMayNotStopRoutesOrWriteTheThrottle() throws Exception {
        JolokiaGuard.Refusal stop = check("{\"type\":\"exec\",\"mbean\":\"" + ROUTE + "\",\"operation\":\"stop()\"}",
                READER);
        assertThat(stop.status()).isEqualTo(403);
        assertThat(stop.message()).contains("ops:write");
        assertThat(check("{\"type\":\"write\",\"mbean\":\"" + THROTTLE
                + "\",\"attribute\":\"TimePeriodMillis\",\"value\":3600000}", READER).status()).isEqualTo(403);
    }

    @Test
    void anOperatorMayStopRoutesAndWriteTheThrottleButNothingElse() throws Exception {
        assertThat(check("{\"type\":\"exec\",\"mbean\":\"" + ROUTE + "\",\"operation\":\"stop()\"}", OPERATOR))
                .isNull();
        assertThat(check("{\"type\":\"write\",\"mbean\":\"" + THROTTLE
                + "\",\"attribute\":\"TimePeriodMillis\",\"value\":\"11000\"}", OPERATOR)).isNull();
        // stop on the context would stop the whole service
        assertThat(check("{\"type\":\"exec\",\"mbean\":\"" + CONTEXT + "\",\"operation\":\"stop()\"}", OPERATOR)
                .status()).isEqualTo(403);
        // a setter run as an operation is a write in disguise
        assertThat(check("{\"type\":\"exec\",\"mbean\":\"" + THROTTLE
                + "\",\"operation\":\"setTimePeriodMillis(long)\",\"arguments\":[1]}", OPERATOR).status())
                .isEqualTo(403);
        assertThat(check("{\"type\":\"write\",\"mbean\":\"" + ROUTE + "\",\"attribute\":\"Tracing\",\"value\":true}",
                OPERATOR).status()).isEqualTo(403);
        assertThat(check("{\"type\":\"exec\",\"mbean\":\"org.apache.camel:context=ghl-sync,type=endpoints,"
                + "name=\\\"seda://sync-event\\\"\",\"operation\":\"browseAllMessagesAsXml(java.lang.Boolean)\"}",
                OPERATOR).status()).isEqualTo(403);
    }

    @Test
    void unknownTypesPatternsAndMissingMbeansAreRefused() throws Exception {
        assertThat(check("{\"type\":\"notification\"}", OPERATOR).status()).isEqualTo(400);
        assertThat(check("{\"type\":\"exec\",\"mbean\":\"org.apache.camel:*\",\"operation\":\"stop\"}", OPERATOR)
                .status()).isEqualTo(400);
        assertThat(check("{\"type\":\"exec\",\"operation\":\"stop\"}", OPERATOR).status()).isEqualTo(400);
        assertThat(check("[1]", OPERATOR).status()).isEqualTo(400);
    }

    @Test
    void getMayOnlyRead() {
        assertThat(JolokiaGuard.typeAllowedByGet("read")).isNull();
        assertThat(JolokiaGuard.typeAllowedByGet("")).isNull();
        assertThat(JolokiaGuard.typeAllowedByGet("exec").status()).isEqualTo(405);
        assertThat(JolokiaGuard.typeAllowedByGet("write").status()).isEqualTo(405);
    }

    @Test
    void anOperationIsJudgedByItsNameWithoutSignature() {
        assertThat(JolokiaGuard.operationName("dumpRoutesAsXml(boolean,boolean)")).isEqualTo("dumpRoutesAsXml");
        assertThat(JolokiaGuard.operationName(" stop ")).isEqualTo("stop");
    }

    @Test
    void stackTracesAreNeverAskedOfJolokia() throws Exception {
        JsonNode request = Json.MAPPER.readTree("{\"type\":\"read\",\"mbean\":\"java.lang:type=Memory\","
                + "\"config\":{\"includeStackTrace\":true,\"serializeException\":true,\"maxDepth\":3}}");
        JolokiaGuard.dropStackTraceOptions(request);
        assertThat(request.path("config").toString()).isEqualTo("{\"maxDepth\":3}");
    }
}
