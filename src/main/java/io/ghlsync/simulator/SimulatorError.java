package io.ghlsync.simulator;

/** Thrown by an endpoint to answer with an error response instead of its normal result. */
final class SimulatorError extends RuntimeException {

    private final transient SimResponse response;

    SimulatorError(SimResponse response) {
        super("simulated GHL error " + response.status(), null, false, false);
        this.response = response;
    }

    SimResponse response() {
        return response;
    }

    static SimulatorError badRequest(String message) {
        return new SimulatorError(SimResponse.error(400, message));
    }

    static SimulatorError unprocessable(String... messages) {
        return new SimulatorError(SimResponse.unprocessable(java.util.List.of(messages)));
    }
}
