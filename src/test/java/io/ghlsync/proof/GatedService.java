package io.ghlsync.proof;

import io.ghlsync.support.TestService;

/**
 * The service with authentication on, shared by the hostile access proofs (credentials, Jolokia, static paths): a
 * start costs 15-20 s on two cores. None of them changes what another checks: the credentials proof compares table
 * digests it takes itself, the Jolokia proof the MBean state it takes itself, the static proof writes nothing.
 * Closed when the test JVM exits.
 */
final class GatedService {

    static final String SECRET = "hostile-access-proof-secret-of-32-bytes-or-more";
    private static TestService service;

    private GatedService() {}

    static synchronized TestService get() {
        if (service == null) {
            TestService started = TestService.builder()
                    .property("auth.jwt-secret", SECRET)
                    .property("sync.enabled", false)
                    .property("deadletter.replay.enabled", false)
                    .property("sync.wait-timeout-ms", 200)
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(started::close));
            service = started;
        }
        return service;
    }
}
