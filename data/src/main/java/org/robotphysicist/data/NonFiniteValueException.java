package org.robotphysicist.data;

/** A NaN or an infinity reached a place that needs finite numbers. */
public final class NonFiniteValueException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    public NonFiniteValueException(String message) {
        super(message);
    }
}
