package org.robotphysicist.data.simulator.external;

/** The program answered a request with an {@code error} reply; it stays ready for the next request. */
public final class SimulatorReportedErrorException extends ExternalSimulatorException {
    private static final long serialVersionUID = 1L;

    public SimulatorReportedErrorException(String message) {
        super(message);
    }
}
