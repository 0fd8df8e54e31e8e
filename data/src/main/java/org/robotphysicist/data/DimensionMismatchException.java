package org.robotphysicist.data;

/** A vector or matrix had a different length, width or row count than the contract requires. */
public final class DimensionMismatchException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    public DimensionMismatchException(String what, long expected, long found) {
        super(what + ": expected " + expected + " but found " + found);
    }

    public DimensionMismatchException(String message) {
        super(message);
    }
}
