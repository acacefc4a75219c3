package io.ghlsync.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCrypt;

class BasicCredentialsTest {

    private static final String HASH = BCrypt.hashpw("correct horse battery", BCrypt.gensalt(4));

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theOperatorWithTheRightPasswordGetsTheConfiguredScopes() {
        BasicCredentials creds = new BasicCredentials("hawtio", HASH, "ops:read", Duration.ofMinutes(5));
        Principal p = creds.verify(basic("hawtio", "correct horse battery"));
        assertThat(p.subject()).isEqualTo("hawtio");
        assertThat(p.satisfies(Owner.OPS_READ)).isTrue();
        assertThat(p.satisfies(Owner.OPS_WRITE)).isFalse();
    }

    @Test
    void aVerifiedHeaderIsRememberedSoTheNextCheckNeedsNoBcrypt() {
        BasicCredentials creds = new BasicCredentials("hawtio", HASH, "ops:read", Duration.ofMinutes(5));
        String header = basic("hawtio", "correct horse battery");
        assertThat(creds.remembered(header)).isFalse();
        creds.verify(header);
        assertThat(creds.remembered(header)).isTrue();
        assertThat(creds.remembered(basic("hawtio", "wrong"))).isFalse();
    }

    @Test
    void wrongUserWrongPasswordAndMalformedHeadersAreRejected() {
        BasicCredentials creds = new BasicCredentials("hawtio", HASH, "ops:read", Duration.ofMinutes(5));
        assertThatThrownBy(() -> creds.verify(basic("root", "correct horse battery")))
                .isInstanceOf(AuthenticationException.class).hasMessage("wrong user name or password");
        assertThatThrownBy(() -> creds.verify(basic("hawtio", "correct horse batter")))
                .hasMessage("wrong user name or password");
        assertThatThrownBy(() -> creds.verify("Basic !!!")).hasMessageContaining("base64");
        assertThatThrownBy(() -> creds.verify("Basic " + Base64.getEncoder().encodeToString("nocolon".getBytes())))
                .hasMessageContaining("user:password");
    }

    @Test
    void aPasswordInsteadOfAHashIsRefusedAtStart() {
        assertThatThrownBy(() -> new BasicCredentials("hawtio", "plain-password", "ops:read", Duration.ofMinutes(5)))
                .hasMessageContaining("bcrypt");
        assertThat(new BasicCredentials("", "", "ops:read", Duration.ofMinutes(5)).configured()).isFalse();
    }

    @Test
    void theHashCommandMakesHashesTheCheckAccepts() {
        String hash = BasicCredentials.hash("another long password");
        BasicCredentials creds = new BasicCredentials("op", hash, "ops:write", Duration.ofMinutes(5));
        assertThat(creds.verify(basic("op", "another long password")).satisfies(Owner.OPS_WRITE)).isTrue();
    }
}
