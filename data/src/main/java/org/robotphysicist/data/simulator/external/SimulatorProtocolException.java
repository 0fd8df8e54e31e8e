package org.robotphysicist.data.simulator.external;

/**
 * The program wrote something the protocol does not allow: a malformed line, an unknown version,
 * a wrong event count or width, a non-finite event, an event outside the announced x interval.
 */
public final class SimulatorProtocolException extends ExternalSimulatorException {
    private static final long serialVersionUID = 1L;

    public SimulatorProtocolException(String message) {
        super(message);
    }
}
