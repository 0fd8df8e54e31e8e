package org.robotphysicist.data;

/** A value lies outside the range where a prior, simulator or trained surrogate is defined. */
public final class OutOfSupportException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    public OutOfSupportException(String message) {
        super(message);
    }
}
