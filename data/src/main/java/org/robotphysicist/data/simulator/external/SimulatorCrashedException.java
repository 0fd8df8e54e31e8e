package org.robotphysicist.data.simulator.external;

/** The program could not be started, exited, or closed its output in the middle of the conversation. */
public final class SimulatorCrashedException extends ExternalSimulatorException {
    private static final long serialVersionUID = 1L;

    public SimulatorCrashedException(String message) {
        super(message);
    }

    public SimulatorCrashedException(String message, Throwable cause) {
        super(message, cause);
    }
}
