package io.ghlsync.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ghlsync.config.ApiException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebhookEnvelopeReaderTest {

    private final WebhookEnvelopeReader reader = new WebhookEnvelopeReader();

    private WebhookEnvelope read(String json) {
        return reader.read(json.getBytes(StandardCharsets.UTF_8));
    }

    private static int status(String json, WebhookEnvelopeReader reader) {
        try {
            reader.read(json.getBytes(StandardCharsets.ISO_8859_1));
            return 200;
        } catch (ApiException e) {
            return e.status();
        }
    }

    @Test
    void webhookIdTypeLocationAndTimestampComeFromTheEnvelope() {
        WebhookEnvelope e = read("{\"type\":\"ContactUpdate\",\"locationId\":\"L\",\"id\":\"C1\",\"webhookId\":\"w1\","
                + "\"timestamp\":\"2025-01-28T14:35:00Z\"}");
        assertThat(e.webhookId()).isEqualTo("w1");
        assertThat(e.type()).isEqualTo("ContactUpdate");
        assertThat(e.locationId()).isEqualTo("L");
        assertThat(e.entityKey()).isEqualTo("contact:C1");
        assertThat(e.timestamp()).isEqualTo(Instant.parse("2025-01-28T14:35:00Z"));
    }

    @Test
    void withoutWebhookIdTheIdIsTheSha256OfTheRawBytes() {
        String a = "{\"type\":\"NoteCreate\", \"id\":\"n\"}";
        String b = "{\"type\":\"NoteCreate\",\"id\":\"n\"}";
        assertThat(read(a).webhookId()).isEqualTo(read(a).webhookId()).startsWith("sha256:").hasSize(71);
        assertThat(read(a).webhookId()).isNotEqualTo(read(b).webhookId());
    }

    @Test
    void appointmentEventsAreKeyedByTheNestedAppointmentAndWrappedEventsAreUnderstood() {
        assertThat(read("{\"type\":\"AppointmentUpdate\",\"appointment\":{\"id\":\"A1\"}}").entityKey())
                .isEqualTo("appointment:A1");
        WebhookEnvelope wrapped = read("{\"type\":\"ContactCreate\",\"data\":{\"id\":\"C9\",\"locationId\":\"L2\"}}");
        assertThat(wrapped.entityKey()).isEqualTo("contact:C9");
        assertThat(wrapped.locationId()).isEqualTo("L2");
        assertThat(read("{\"type\":\"INSTALL\",\"appId\":\"x\"}").entityKey()).isNull();
    }

    @Test
    void timestampsInEpochMillisOrWithOffsetAreRead() {
        assertThat(read("{\"type\":\"T\",\"timestamp\":1738074900000}").timestamp())
                .isEqualTo(Instant.ofEpochMilli(1738074900000L));
        assertThat(read("{\"type\":\"T\",\"timestamp\":\"2023-09-25T16:00:00+05:30\"}").timestamp())
                .isEqualTo(Instant.parse("2023-09-25T10:30:00Z"));
        assertThat(read("{\"type\":\"T\"}").timestamp()).isNull();
    }

    @Test
    void whatIsNotAStorableJsonEventIsA400() {
        assertThat(status("{\"type\":", reader)).isEqualTo(400);
        assertThat(status("\"just a string\"", reader)).isEqualTo(400);
        assertThat(status("{\"id\":\"no type\"}", reader)).isEqualTo(400);
        assertThat(status("{\"type\":\"T\",\"timestamp\":\"yesterday\"}", reader)).isEqualTo(400);
        assertThat(status("{\"type\":\"T\",\"x\":\"\\u0000\"}", reader)).isEqualTo(400);
        assertThat(status("{\"type\":\"T\",\"x\":\"\u00e9\"}", reader)).as("Latin-1 bytes are not UTF-8").isEqualTo(400);
    }

    @Test
    void aUtf16BodyIsRefusedAlthoughItsBytesAreValidUtf8() {
        // ASCII JSON in UTF-16 is valid UTF-8 (with NULs); it must not be parsed as JSON and stored as text.
        byte[] utf16 = "{\"type\":\"ContactCreate\",\"id\":\"C1\"}".getBytes(StandardCharsets.UTF_16LE);
        assertThatThrownBy(() -> reader.read(utf16)).isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(400))
                .satisfies(e -> assertThat(((ApiException) e).details().get(0).message()).contains("NUL"));
    }
}
