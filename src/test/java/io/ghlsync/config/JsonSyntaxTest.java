package io.ghlsync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JacksonException;
import org.junit.jupiter.api.Test;

class JsonSyntaxTest {

    private static String describe(String body) {
        JacksonException e = catchThrowableOfType(JacksonException.class, () -> Json.MAPPER.readTree(body));
        return JsonSyntax.describe(e);
    }

    @Test
    void namesWhereAndWhatWithoutParserInternalsOrTheInput() {
        assertThat(describe("{\"name\": xyz-secret}")).matches("line 1, column \\d+: unexpected character")
                .doesNotContain("xyz");
        assertThat(describe("{\"a\": 1")).endsWith("the JSON ends too early");
        String deep = "[".repeat(5000);
        assertThat(describe(deep)).contains("nested too deeply").doesNotContain("StreamReadConstraints");
    }
}
