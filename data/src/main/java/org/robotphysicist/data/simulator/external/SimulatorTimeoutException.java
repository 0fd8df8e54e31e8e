package org.robotphysicist.data.simulator.external;

/** No handshake or reply line arrived within the configured timeout; the process was killed. */
public final class SimulatorTimeoutException extends ExternalSimulatorException {
    private static final long serialVersionUID = 1L;

    public SimulatorTimeoutException(String message) {
        super(message);
    }
}
