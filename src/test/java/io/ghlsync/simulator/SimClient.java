package io.ghlsync.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.ghlsync.config.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Test client for the simulator: sends GHL-style requests and parses the JSON answers. */
final class SimClient {

    static final String CONTACTS = "2021-07-28";
    static final String CALENDARS = "2021-04-15";

    record Reply(int status, JsonNode json, HttpResponse<String> raw) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String token;

    SimClient(GhlSimulator simulator, String token) {
        this.baseUrl = simulator.baseUrl();
        this.token = token;
    }

    Reply contacts(String method, String path, String json) {
        return send(method, path, json, CONTACTS);
    }

    Reply calendars(String method, String path, String json) {
        return send(method, path, json, CALENDARS);
    }

    /** {@code version} or {@code token} null: that header is left out. */
    Reply send(String method, String path, String json, String version) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (version != null) {
            request.header("Version", version);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isEmpty() ? null : Json.MAPPER.readTree(response.body());
            return new Reply(response.statusCode(), body, response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
