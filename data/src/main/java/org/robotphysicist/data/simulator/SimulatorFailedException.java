package org.robotphysicist.data.simulator;

/**
 * A simulator failed while running, through no fault of the values it was asked to simulate: an
 * external program crashed, went silent past its timeout, broke the protocol or reported an error.
 * Deliberately not an {@link org.robotphysicist.data.InvalidInputException}: the request was
 * valid, the simulator could not serve it, so the command line and the server report it apart from
 * bad input. The message names the simulator, what was expected and what was found.
 */
public class SimulatorFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SimulatorFailedException(String message) {
        super(message);
    }

    public SimulatorFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
