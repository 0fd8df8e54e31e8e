package org.robotphysicist.data.simulator.external;

import org.robotphysicist.data.simulator.SimulatorFailedException;

/**
 * An external simulator program failed: it timed out, crashed, broke the protocol
 * (docs/simulator-protocol.md), or refused a request. The message names the program, what was
 * expected and what was found, and quotes the last lines of its standard error. A
 * {@link SimulatorFailedException}, not invalid input: the request was valid, the program failed it.
 */
public class ExternalSimulatorException extends SimulatorFailedException {
    private static final long serialVersionUID = 1L;

    public ExternalSimulatorException(String message) {
        super(message);
    }

    public ExternalSimulatorException(String message, Throwable cause) {
        super(message, cause);
    }
}
