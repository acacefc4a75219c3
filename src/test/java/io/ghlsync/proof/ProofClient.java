package io.ghlsync.proof;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/** Plain HTTP client of the proof tests: JSON posts and a fixed-concurrency runner. */
final class ProofClient {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();

    private ProofClient() {}

    static HttpResponse<String> postJson(String url, String json) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Runs task(0..count-1) on `threads` threads and returns the results in index order. */
    static <T> List<T> run(int count, int threads, IntFunction<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<T>> futures = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(pool.submit(() -> task.apply(index)));
            }
            List<T> results = new ArrayList<>(count);
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** A booking create body for appointment number i: its own customer (email, phone) and its own time slot. */
    static String createBody(String tag, int i, long slotBaseEpochHour) {
        String start = java.time.Instant.ofEpochSecond((slotBaseEpochHour + i) * 3600L).toString();
        return """
                {"customer":{"name":"Proof Customer %d","email":"%s-%d@example.com","phone":"+3161%07d"},
                 "serviceType":"proof service","startTime":"%s"}""".formatted(i, tag, i, i, start);
    }
}
