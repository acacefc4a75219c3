package io.ghlsync.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GhlSimulatorConcurrencyTest {

    private static final int THREADS = 20;
    private static final int REQUESTS = 50;
    private GhlSimulator simulator;
    private ExecutorService pool;

    @BeforeAll
    void start() {
        simulator = GhlSimulator.start(GhlSimulator.Settings.defaults().withBurst(1_000_000, 10_000));
        pool = Executors.newFixedThreadPool(THREADS);
    }

    @AfterAll
    void stop() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(5, TimeUnit.SECONDS);
        simulator.close();
    }

    @Test
    void twentyThreadsOfFiftyRequestsKeepExactCounts() throws Exception {
        simulator.reset();
        SimClient client = new SimClient(simulator, "token");
        String shared = client.contacts("POST", "/contacts/upsert", "{\"locationId\":\"loc\",\"email\":\"s@x.io\"}")
                .json().path("contact").path("id").asText();

        List<Integer> statuses = runConcurrently((thread, i) -> {
            return i % 2 == 0
                    ? client.contacts("POST", "/contacts/upsert",
                            "{\"locationId\":\"loc\",\"email\":\"c" + thread + "-" + i + "@x.io\"}").status()
                    : client.contacts("POST", "/contacts/" + shared + "/tags",
                            "{\"tags\":[\"t" + thread + "-" + i + "\"]}").status();
        });

        assertThat(statuses).hasSize(THREADS * REQUESTS).allMatch(s -> s == 200 || s == 201);
        assertThat(simulator.state().contacts()).hasSize(1 + THREADS * REQUESTS / 2);
        assertThat(simulator.state().tags(shared)).hasSize(THREADS * REQUESTS / 2);
        assertThat(simulator.state().requestCount()).isEqualTo(1 + THREADS * REQUESTS);
        assertThat(simulator.state().requestCount("upsert-contact")).isEqualTo(1 + THREADS * REQUESTS / 2);
        assertThat(simulator.state().requestCount("add-tags")).isEqualTo(THREADS * REQUESTS / 2);
        assertThat(simulator.state().requests()).hasSize(1 + THREADS * REQUESTS);
    }

    @Test
    void concurrentUpsertsOfOneEmailCreateOneContact() throws Exception {
        simulator.reset();
        SimClient client = new SimClient(simulator, "token");
        List<Integer> statuses = runConcurrently((thread, i) -> client.contacts("POST", "/contacts/upsert", "{\"locationId\":\"loc\",\"email\":\"same@x.io\",\"firstName\":\"T"
                        + thread + "\"}").status());
        assertThat(statuses).allMatch(s -> s == 200);
        assertThat(simulator.state().contacts()).hasSize(1);
    }

    @Test
    void theRateLimitAdmitsExactlyTheBudgetUnderConcurrency() throws Exception {
        try (GhlSimulator limited = GhlSimulator.start(GhlSimulator.Settings.defaults().withBurst(100, 600_000))) {
            SimClient client = new SimClient(limited, "token");
            List<Integer> statuses = runConcurrently((thread, i) -> client.contacts("GET", "/contacts/none", null).status());
            assertThat(statuses.stream().filter(s -> s == 400).count()).isEqualTo(100);
            assertThat(statuses.stream().filter(s -> s == 429).count()).isEqualTo(THREADS * REQUESTS - 100);
            assertThat(limited.state().rateLimited429()).isEqualTo(THREADS * REQUESTS - 100);
        }
    }

    private interface Work {
        int run(int thread, int request) throws Exception;
    }

    private List<Integer> runConcurrently(Work work) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<List<Integer>>> futures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                go.await();
                List<Integer> statuses = new ArrayList<>();
                for (int i = 0; i < REQUESTS; i++) {
                    statuses.add(work.run(thread, i));
                }
                return statuses;
            }));
        }
        go.countDown();
        List<Integer> all = new ArrayList<>();
        for (Future<List<Integer>> future : futures) {
            all.addAll(future.get(60, TimeUnit.SECONDS));
        }
        return all;
    }
}
