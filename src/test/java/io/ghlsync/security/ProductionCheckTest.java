package io.ghlsync.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProductionCheckTest {

    private static final String SECRET = "x".repeat(48);

    private static ProductionCheck.Input safe() {
        return new ProductionCheck.Input("production", SECRET, "", false, "pit-token", "", "", "",
                "postgresql://db/ghl", false);
    }

    @Test
    void aSafeProductionConfigurationHasNoProblems() {
        assertThat(ProductionCheck.problems(safe())).isEmpty();
    }

    @Test
    void everyUnsafeSettingIsNamedAtOnce() {
        List<String> problems = ProductionCheck.problems(new ProductionCheck.Input("production", "", "", true, "",
                "", "", "", "", false));
        assertThat(problems).hasSize(4);
        assertThat(String.join("\n", problems)).contains("JWT_SECRET", "GHL_SKIP_SIGNATURE_VALIDATION",
                "GHL credentials", "DATABASE_URL");
    }

    @Test
    void aShortSecretAndAnIncompleteOAuthAppAreProblems() {
        List<String> problems = ProductionCheck.problems(new ProductionCheck.Input("PRODUCTION", "short", "", false,
                "", "client-id", "", "", "postgresql://db/ghl", false));
        assertThat(String.join("\n", problems)).contains("shorter than 32", "GHL_CLIENT_SECRET",
                "GHL_TOKEN_ENCRYPTION_KEY");
    }

    @Test
    void theEmbeddedDatabaseIsAcceptedOnlyWhenExplicitlyAllowed() {
        ProductionCheck.Input embedded = new ProductionCheck.Input("production", SECRET, "", false, "pit", "", "",
                "", "", true);
        assertThat(ProductionCheck.problems(embedded)).isEmpty();
    }

    @Test
    void anIdentityProviderAloneIsEnoughAuthentication() {
        ProductionCheck.Input jwks = new ProductionCheck.Input("production", "", "https://idp/jwks", false, "pit",
                "", "", "", "postgresql://db/ghl", false);
        assertThat(ProductionCheck.problems(jwks)).isEmpty();
    }

    @Test
    void developmentIsNotChecked() {
        assertThat(ProductionCheck.problems(new ProductionCheck.Input("development", "", "", true, "", "", "", "",
                "", false))).isEmpty();
    }
}
