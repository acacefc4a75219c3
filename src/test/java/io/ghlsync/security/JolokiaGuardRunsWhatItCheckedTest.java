package io.ghlsync.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.management.MalformedObjectNameException;
import javax.management.RuntimeMBeanException;
import javax.management.RuntimeOperationsException;
import org.jolokia.server.core.request.BadRequestException;
import org.junit.jupiter.api.Test;

/** What the Jolokia guard checks is exactly what Jolokia runs. */
class JolokiaGuardRunsWhatItCheckedTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aBodyWithASecondJsonValueAfterTheFirstIsRefused() {
        // Jackson read only the first value and passed it; Jolokia then failed on the whole body with a 500.
        assertThat(JolokiaGuard.readBody(utf8("{\"type\":\"version\"}garbage"))).isNull();
        assertThat(JolokiaGuard.readBody(utf8("{\"type\":\"version\"} {\"type\":\"exec\"}"))).isNull();
        assertThat(JolokiaGuard.readBody(utf8("{\"type\":\"version\"}"))).isNotNull();
    }

    @Test
    void aBodyThatGivesAKeyTwiceIsRefused() {
        // Two parsers may keep different values of a repeated key: the guard would check one, Jolokia run the other.
        assertThat(JolokiaGuard.readBody(utf8(
                "{\"type\":\"exec\",\"mbean\":\"java.lang:type=Memory\",\"operation\":\"gc\",\"type\":\"read\"}")))
                .isNull();
        assertThat(JolokiaGuard.readBody(utf8("{\"type\":\"exec\",\"typ\\u0065\":\"read\"}"))).isNull();
    }

    @Test
    void scalarsAndEmptyArraysAreNoJolokiaRequests() {
        for (String body : new String[] {"", "42", "\"x\"", "null", "true", "[]", "{", "/* c */{}"}) {
            assertThat(JolokiaGuard.readBody(utf8(body))).as(body).isNull();
        }
    }

    @Test
    void aGetIsJudgedByTheFirstPathElementAsJolokiaSplitsIt() {
        assertThat(JolokiaGuard.checkGet(Map.of(), "/read/java.lang:type=Memory/Verbose")).isNull();
        assertThat(JolokiaGuard.checkGet(Map.of(), "/version")).isNull();
        assertThat(JolokiaGuard.checkGet(Map.of(), "/")).isNull();
        assertThat(JolokiaGuard.checkGet(Map.of(), "/exec/java.lang:type=Memory/gc").status()).isEqualTo(405);
        assertThat(JolokiaGuard.checkGet(Map.of(), "/EXEC/java.lang:type=Memory/gc").status()).isEqualTo(405);
        assertThat(JolokiaGuard.checkGet(Map.of(), "/write/a:b=c/X/1").status()).isEqualTo(405);
        // Camel's handler turned '\' into '/' and removed dot segments after the guard had looked: read/..\exec
        // became exec there. Now Jolokia gets this very path, whose first element is read.
        assertThat(JolokiaGuard.checkGet(Map.of(), "/read/..\\exec/java.lang:type=Memory/gc")).isNull();
        assertThat(JolokiaGuard.getType("/read/..\\exec/java.lang:type=Memory/gc")).isEqualTo("read");
        assertThat(JolokiaGuard.getType("//exec/java.lang:type=Memory/gc")).isEmpty(); // Jolokia: no such type
        assertThat(JolokiaGuard.getType("/exec!/x/y")).isEqualTo("exec/x"); // Jolokia's escaped slash
    }

    @Test
    void aPParameterAnywhereInTheQueryIsRefused() {
        assertThat(JolokiaGuard.checkGet(QueryParameters.parse("p=/exec/a:b=c/x"), "/version").status())
                .isEqualTo(400);
        assertThat(JolokiaGuard.checkGet(QueryParameters.parse("a&".repeat(1_100) + "p=/exec/a:b=c/x"), "/version")
                .status()).isEqualTo(400);
        assertThat(JolokiaGuard.checkGet(QueryParameters.parse("x#&p=/exec/a:b=c/x"), "/version").status())
                .isEqualTo(400);
    }

    @Test
    void requestsJolokiaCannotReadAreTheCallersErrorOthersAreNot() {
        assertThat(JolokiaGuard.unreadable(new IllegalArgumentException("Invalid object name"))).isTrue();
        assertThat(JolokiaGuard.unreadable(new BadRequestException("No type with name 'foo' exists"))).isTrue();
        assertThat(JolokiaGuard.unreadable(new ClassCastException())).isTrue();
        assertThat(JolokiaGuard.unreadable(new MalformedObjectNameException())).isTrue();
        assertThat(JolokiaGuard.unreadable(new NullPointerException())).isFalse();
        // A model MBean's operation given arguments it refuses: JMX wraps it, and it escaped Jolokia as a 500.
        assertThat(JolokiaGuard.unreadable(JolokiaGuard.unwrap(
                new RuntimeOperationsException(new IllegalArgumentException(), "in RequiredModelMBean")))).isTrue();
        assertThat(JolokiaGuard.unreadable(JolokiaGuard.unwrap(
                new RuntimeMBeanException(new IllegalStateException())))).isFalse();
        assertThat(JolokiaGuard.unreadable(new IllegalStateException())).isFalse();
    }
}
