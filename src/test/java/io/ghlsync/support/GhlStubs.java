package io.ghlsync.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;

/** WireMock answers for every GHL endpoint the sync uses, shaped as GHL's OpenAPI describes them. */
public final class GhlStubs {

    private GhlStubs() {}

    public static void stubAll(WireMockServer ghl, String contactId) {
        ghl.stubFor(post(urlPathEqualTo("/contacts/upsert"))
                .willReturn(okJson("{\"new\":true,\"contact\":{\"id\":\"" + contactId + "\"},\"traceId\":\"t\"}")));
        ghl.stubFor(post(urlPathMatching("/contacts/[^/]+/notes"))
                .willReturn(created("{\"note\":{\"id\":\"note-1\",\"body\":\"x\"}}")));
        ghl.stubFor(put(urlPathMatching("/contacts/[^/]+"))
                .willReturn(okJson("{\"succeded\":true,\"contact\":{\"id\":\"" + contactId + "\"}}")));
        ghl.stubFor(post(urlPathMatching("/contacts/[^/]+/tags")).willReturn(created("{\"tags\":[]}")));
        ghl.stubFor(delete(urlPathMatching("/contacts/[^/]+/tags")).willReturn(okJson("{\"tags\":[]}")));
        ghl.stubFor(post(urlPathMatching("/contacts/[^/]+/tasks"))
                .willReturn(created("{\"task\":{\"id\":\"task-1\",\"title\":\"x\"}}")));
        ghl.stubFor(put(urlPathMatching("/contacts/[^/]+/tasks/[^/]+"))
                .willReturn(okJson("{\"task\":{\"id\":\"task-1\"}}")));
        ghl.stubFor(get(urlPathMatching("/locations/[^/]+/customFields")).willReturn(okJson("""
                {"customFields": [
                  {"id": "cf-status", "name": "Appointment Status", "fieldKey": "contact.appointment_status"},
                  {"id": "cf-next", "name": "Next Appointment Date", "fieldKey": "contact.next_appointment_date"},
                  {"id": "cf-last", "name": "Last Service Date", "fieldKey": "contact.last_service_date"}]}""")));
    }

    public static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder created(String json) {
        return aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody(json);
    }
}
