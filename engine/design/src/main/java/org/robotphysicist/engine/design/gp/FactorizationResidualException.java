package org.robotphysicist.engine.design.gp;

/**
 * A factorization or solve of the GP's linear algebra failed its own residual check: the result
 * does not reproduce the matrix or the right-hand side it was computed from. This is a numerical
 * fault (wrong arithmetic), not a property of the data; the message names the size n, the
 * measured relative residual and the tolerance.
 */
public final class FactorizationResidualException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public FactorizationResidualException(String message) {
        super(message);
    }
}
