package io.ghlsync.ghl.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CompanyAllowlistTest {

    @Test
    void anEmptyListAllowsEveryCompanyEvenAnUnnamedOne() {
        for (String setting : new String[] {null, "", " ", " , ,"}) {
            CompanyAllowlist list = CompanyAllowlist.parse(setting);
            assertThat(list.restricted()).isFalse();
            assertThat(list.decide("any-company").allowed()).isTrue();
            assertThat(list.decide(null).allowed()).isTrue();
        }
    }

    @Test
    void listedCompaniesAreAllowedWithSpacesAroundTheCommasIgnored() {
        CompanyAllowlist list = CompanyAllowlist.parse(" agency-1 ,agency-2,, ");
        assertThat(list.restricted()).isTrue();
        assertThat(list.decide("agency-1").allowed()).isTrue();
        assertThat(list.decide("agency-2").allowed()).isTrue();
        assertThat(list.decide("agency-2").reason()).isNull();
    }

    @Test
    void anotherCompanyIsRefusedWithAReason() {
        CompanyAllowlist.Decision d = CompanyAllowlist.parse("agency-1").decide("agency-9");
        assertThat(d.allowed()).isFalse();
        assertThat(d.reason()).contains("not in GHL_ALLOWED_COMPANY_IDS");
    }

    @Test
    void idsAreComparedExactly() {
        CompanyAllowlist list = CompanyAllowlist.parse("AbC123");
        assertThat(list.decide("abc123").allowed()).isFalse();
        assertThat(list.decide("AbC1234").allowed()).isFalse();
        assertThat(list.decide(" AbC123").allowed()).isFalse();
    }

    @Test
    void anInstallNamingNoCompanyIsRefusedWhenTheListIsSet() {
        CompanyAllowlist list = CompanyAllowlist.parse("agency-1");
        assertThat(list.decide(null).allowed()).isFalse();
        assertThat(list.decide("").allowed()).isFalse();
        assertThat(list.decide(null).reason()).contains("no company");
    }
}
