package io.ghlsync.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.ghlsync.config.Json;
import io.ghlsync.ghl.GhlApi;
import io.ghlsync.ghl.GhlException;
import io.ghlsync.ghl.GhlRequest;
import io.ghlsync.ghl.GhlResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Collectors;

/** Test-only GhlApi over java.net.http, so sync code can run against WireMock without the Camel route. */
public final class GhlHttpClient implements GhlApi {

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    public GhlHttpClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    @Override
    public GhlResponse call(GhlRequest request) {
        String query = request.query().isEmpty() ? "" : "?" + request.query().entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + request.path() + query))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer test-token")
                .header("Version", request.version())
                .header("Accept", "application/json");
        if (request.body() != null) {
            String json;
            try {
                json = Json.MAPPER.writeValueAsString(request.body());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            b.header("Content-Type", "application/json")
                    .method(request.method(), HttpRequest.BodyPublishers.ofString(json));
        } else {
            b.method(request.method(), HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response;
        try {
            response = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new GhlException(request.operation() + " failed: " + e.getMessage(), 0, true, "network", 0, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GhlException(request.operation() + " interrupted", 0, true, "network", 0, e);
        }
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            boolean retryable = status == 429 || status >= 500;
            throw new GhlException(request.operation() + " answered " + status, status, retryable,
                    retryable ? "server" : "client", 0, null);
        }
        try {
            JsonNode body = response.body().isBlank() ? null : Json.MAPPER.readTree(response.body());
            return new GhlResponse(status, body);
        } catch (IOException e) {
            throw new GhlException(request.operation() + " answered unreadable JSON", status, false,
                    "unexpected_response", 0, e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
