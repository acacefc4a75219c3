package io.ghlsync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.ghlsync.config.ApiException;
import io.ghlsync.config.ApiException.FieldError;
import io.ghlsync.config.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestValidatorTest {

    private final RequestValidator validator = new RequestValidator();

    private static final String VALID_CREATE = """
            {"customer":{"name":"Jan","email":"jan@example.com","phone":"+31 6 1234 5678","address":"Kerkstraat 1"},
             "serviceType":"Airco onderhoud","startTime":"2025-03-14T09:00:00+01:00",
             "endTime":"2025-03-14T10:00:00+01:00","notes":"attic"}""";

    private List<String> fields(String schema, String json) throws Exception {
        return validator.validate(schema, Json.MAPPER.readTree(json)).stream().map(FieldError::field).toList();
    }

    @Test
    void validCreateRequestHasNoErrors() throws Exception {
        assertThat(fields(RequestValidator.CREATE, VALID_CREATE)).isEmpty();
    }

    @Test
    void everyBadFieldIsNamedByItsPath() throws Exception {
        String json = """
                {"customer":{"name":"","email":"not-an-email","fax":"1"},"serviceType":"%s",
                 "startTime":"2025-03-14T09:00:00","endTime":"tomorrow","leadId":"123","colour":"red"}"""
                .formatted("x".repeat(201));
        List<FieldError> errors = validator.validate(RequestValidator.CREATE, Json.MAPPER.readTree(json));
        assertThat(errors).extracting(FieldError::field).containsExactlyInAnyOrder(
                "colour", "customer.email", "customer.fax", "customer.name", "endTime", "leadId", "serviceType",
                "startTime");
        assertThat(errors).contains(new FieldError("customer.email", "must be an email address"));
        assertThat(errors).contains(new FieldError("customer.fax", "is not a known field"));
        assertThat(errors).contains(new FieldError("customer.name", "must not be empty"));
        assertThat(errors).contains(new FieldError("leadId", "must be a UUID"));
        assertThat(errors).filteredOn(e -> e.field().equals("startTime"))
                .singleElement().extracting(FieldError::message).asString().contains("offset");
    }

    @Test
    void missingRequiredFieldsAreNamed() throws Exception {
        assertThat(fields(RequestValidator.CREATE, "{\"customer\":{\"email\":\"a@b.nl\"}}"))
                .containsExactly("customer.name", "serviceType", "startTime");
    }

    @Test
    void customerNeedsEmailOrPhone() throws Exception {
        assertThat(fields(RequestValidator.CREATE, """
                {"customer":{"name":"Jan"},"serviceType":"x","startTime":"2025-03-14T09:00:00Z"}"""))
                .containsExactly("customer");
        assertThat(fields(RequestValidator.CREATE, """
                {"customer":{"name":"Jan","phone":"0612345678"},"serviceType":"x","startTime":"2025-03-14T09:00:00Z"}"""))
                .isEmpty();
    }

    @Test
    void endTimeMustBeAfterStartTime() throws Exception {
        assertThat(validator.validate(RequestValidator.CREATE, Json.MAPPER.readTree("""
                {"customer":{"name":"Jan","email":"j@x.nl"},"serviceType":"x",
                 "startTime":"2025-03-14T10:00:00+01:00","endTime":"2025-03-14T09:00:00Z"}""")))
                .containsExactly(new FieldError("endTime", "must be after startTime"));
    }

    @Test
    void stringLengthLimitsApply() throws Exception {
        String json = """
                {"customer":{"name":"%s","email":"j@x.nl","address":"%s"},"serviceType":"%s",
                 "startTime":"2025-03-14T09:00:00Z","notes":"%s"}"""
                .formatted("n".repeat(201), "a".repeat(501), "s".repeat(200), "x".repeat(2001));
        assertThat(fields(RequestValidator.CREATE, json))
                .containsExactly("customer.address", "customer.name", "notes");
    }

    @Test
    void statusMustBeAKnownValue() throws Exception {
        assertThat(fields(RequestValidator.STATUS, "{\"appointmentId\":\"6f1c2e8a-3b1d-4c55-9a8e-1d2f3a4b5c6d\",\"status\":\"done\"}"))
                .containsExactly("status");
        assertThat(fields(RequestValidator.STATUS, "{\"status\":\"confirmed\",\"why\":\"x\"}"))
                .containsExactly("appointmentId", "why");
    }

    @Test
    void patchNeedsAtLeastOneKnownField() throws Exception {
        assertThat(fields(RequestValidator.PATCH, "{}")).containsExactly("body");
        assertThat(fields(RequestValidator.PATCH, "{\"status\":\"cancelled\"}")).containsExactly("status");
        assertThat(fields(RequestValidator.PATCH, "{\"notes\":null,\"serviceType\":\"\"}")).containsExactly("serviceType");
    }

    @Test
    void nonObjectBodyIsRejected() throws Exception {
        assertThat(fields(RequestValidator.CREATE, "[1,2]")).containsExactly("body");
    }

    @Test
    void contentTypeMustBeJson() {
        assertStatus(() -> validator.read(null, bytes(VALID_CREATE), RequestValidator.CREATE), 415);
        assertStatus(() -> validator.read("text/plain", bytes(VALID_CREATE), RequestValidator.CREATE), 415);
        assertStatus(() -> validator.read("application/x-www-form-urlencoded", bytes(VALID_CREATE),
                RequestValidator.CREATE), 415);
        assertStatus(() -> validator.read("application/json; charset=ISO-8859-1", bytes(VALID_CREATE),
                RequestValidator.CREATE), 415);
        JsonNode ok = validator.read("Application/JSON; charset=UTF-8", bytes(VALID_CREATE), RequestValidator.CREATE);
        assertThat(ok.path("serviceType").asText()).isEqualTo("Airco onderhoud");
    }

    @Test
    void malformedJsonIs400() {
        assertStatus(() -> validator.read("application/json", bytes("{\"customer\":"), RequestValidator.CREATE), 400);
        assertStatus(() -> validator.read("application/json", bytes("{} {}"), RequestValidator.CREATE), 400);
        assertStatus(() -> validator.read("application/json", bytes("{\"a\":1,\"a\":2}"), RequestValidator.CREATE), 400);
        assertStatus(() -> validator.read("application/json", new byte[0], RequestValidator.CREATE), 400);
    }

    @Test
    void invalidBodyThrows400WithAllDetails() {
        assertThatThrownBy(() -> validator.read("application/json", bytes("{\"customer\":{}}"), RequestValidator.CREATE))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.details()).extracting(FieldError::field)
                            .contains("customer", "customer.name", "serviceType", "startTime");
                });
    }

    private static void assertStatus(Runnable call, int status) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.status()).isEqualTo(status));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
