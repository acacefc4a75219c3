package io.ghlsync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseUrlTest {

    @Test
    void acceptsTheOriginalPostgresqlUrlForm() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://app:s%40cret@db.example:6543/booking?sslmode=require");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6543/booking?sslmode=require");
        assertThat(url.username()).isEqualTo("app");
        assertThat(url.password()).isEqualTo("s@cret");
        assertThat(url.redacted()).doesNotContain("cret").doesNotContain("sslmode");
    }

    @Test
    void acceptsJdbcUrlsAsTheyAre() {
        DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
        assertThat(url.username()).isNull();
    }

    @Test
    void acceptsPostgresSchemeWithoutPortOrCredentials() {
        assertThat(DatabaseUrl.parse("postgres://localhost/app").jdbcUrl()).isEqualTo("jdbc:postgresql://localhost/app");
    }

    @Test
    void rejectsOtherSchemes() {
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://x/y")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DatabaseUrl.parse(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
