package org.robotphysicist.data.compute;

/**
 * Thrown by {@link Cancellation#check()} inside a computation whose deadline passed or that was
 * cancelled (for example because the server shuts down). Not an input error: the same request
 * may succeed with more time. The message says why the computation stopped.
 */
public final class ComputationCancelledException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final boolean deadlinePassed;

    ComputationCancelledException(String message, boolean deadlinePassed) {
        super(message, null, false, false); // thrown from hot loops: no stack trace to fill in
        this.deadlinePassed = deadlinePassed;
    }

    /** True when the computation ran past its deadline, false when it was cancelled explicitly. */
    public boolean deadlinePassed() {
        return deadlinePassed;
    }
}
