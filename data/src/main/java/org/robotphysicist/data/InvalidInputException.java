package org.robotphysicist.data;

/**
 * Base type of every error raised because a caller handed the engine something it cannot use:
 * wrong shapes, non-finite numbers, values outside a support, malformed files. The message always
 * names what was expected and what was found.
 */
public class InvalidInputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
