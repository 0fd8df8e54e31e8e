package org.robotphysicist.data;

/**
 * A file or stream could not be read as the documented format; the message says where. Formats with
 * their own failure modes (model files) raise a subtype.
 */
public class MalformedDataException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    public MalformedDataException(String message) {
        super(message);
    }

    public MalformedDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
