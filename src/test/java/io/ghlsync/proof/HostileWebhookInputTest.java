package io.ghlsync.proof;

import static io.ghlsync.proof.Hostile.Field;
import static io.ghlsync.proof.Hostile.Kind;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ghlsync.config.Json;
import io.ghlsync.support.TestService;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Proof 4 (GHL webhooks): 10,000 hostile bodies without a signature, each refused with a 4xx JSON error (401 unless
 * the request is refused before the signature check: 413, 415); and, with signature checks skipped (development
 * profile only), 10,000 hostile event bodies reaching the parser, each refused with a 4xx JSON error. Nothing is
 * stored in either case.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileWebhookInputTest {

    private TestService signed;
    private TestService unchecked;
    private Map<String, String> signedBefore;
    private Map<String, String> uncheckedBefore;

    @BeforeAll
    void start() {
        signed = TestService.builder().property("sync.enabled", false).start();
        unchecked = TestService.builder().property("sync.enabled", false)
                .property("webhook.skip-signature-validation", true).property("service.profile", "development")
                .start();
        signedBefore = TableDigest.of(signed.jdbc());
        uncheckedBefore = TableDigest.of(unchecked.jdbc());
    }

    @AfterAll
    void stop() {
        signed.close();
        unchecked.close();
    }

    private static ObjectNode template() {
        ObjectNode event = Json.MAPPER.createObjectNode().put("type", "ContactCreate").put("id", "hostile-contact")
                .put("locationId", "sim-location").put("webhookId", "hostile-webhook")
                .put("timestamp", Instant.now().toString()).put("email", "someone@example.org");
        event.putArray("tags").add("a");
        return event;
    }

    /** Fields whose every generated value is invalid for a webhook: type must be a JSON string, timestamp a date. */
    private static final List<Field> FIELDS = List.of(Field.of("type", Kind.NON_STRING, true),
            Field.of("timestamp", Kind.DATE, false));

    /**
     * The webhook endpoint deliberately ignores a charset label: the body must be UTF-8 whatever the header says
     * (checked byte by byte), and refusing a mislabelled but valid event would lose it, since GHL only retries 429.
     * So a valid body labelled "application/json; charset=iso-8859-1" is no hostile input here; it becomes a
     * text/plain one.
     */
    private static Hostile.Probe charsetLabelIgnored(Hostile.Probe p) {
        return p.contentType() != null && p.contentType().contains("charset=iso-8859-1")
                ? new Hostile.Probe(p.method(), p.path(), "text/plain", p.body(), p.what()) : p;
    }

    private Hostile.Report prove(TestService service, String what, Function<Random, Hostile.Probe> generator)
            throws Exception {
        Random random = new Random(Hostile.SEED ^ what.hashCode());
        Hostile.Report report = Hostile.send(service.url(""), Hostile.probes(Hostile.PER_ENDPOINT, random, generator));
        System.out.println("PROOF hostile " + what + " seed=" + Hostile.SEED + " " + report);
        report.failures.stream().limit(20).forEach(f -> System.out.println("  " + f));
        report.examples.forEach((status, list) -> list.forEach(e -> System.out.println("  e.g. " + status + ": " + e)));
        assertThat(report.failures).as(what + ": " + report).isEmpty();
        return report;
    }

    @Test
    void unsignedHostileWebhooksAreRefusedWith4xxJsonAndNothingIsStored() throws Exception {
        ObjectNode template = template();
        Hostile.Report report = prove(signed, "POST /gohighlevel-webhook (unsigned)", r -> Hostile.body(r, "POST",
                r.nextInt(10) == 0 ? "/.netlify/functions/gohighlevel-webhook" : "/gohighlevel-webhook", template,
                FIELDS, false));
        // 401, or a refusal that comes before the signature check: empty body (400), too large (413), not JSON (415)
        assertThat(report.statuses.keySet()).isSubsetOf(400, 401, 413, 415);
        assertThat(report.statuses.get(401).get()).as("most unsigned bodies get 401")
                .isGreaterThan(Hostile.PER_ENDPOINT * 3 / 4);
        assertThat(TableDigest.of(signed.jdbc())).isEqualTo(signedBefore);
    }

    @Test
    void hostileEventBodiesReachingTheParserAreRefusedWith4xxJsonAndNothingIsStored() throws Exception {
        ObjectNode template = template();
        Hostile.Report report = prove(unchecked, "POST /gohighlevel-webhook (signature checks skipped)",
                r -> charsetLabelIgnored(Hostile.body(r, "POST", "/gohighlevel-webhook", template, FIELDS, false)));
        assertThat(report.statuses.keySet()).as("429 would mean an unexpected intake error").doesNotContain(429);
        assertThat(TableDigest.of(unchecked.jdbc())).isEqualTo(uncheckedBefore);
    }
}
