package org.robotphysicist.data.io;

import org.robotphysicist.data.InvalidInputException;

/**
 * An output path cannot be written: it is an existing directory where a file is expected, a
 * parent is a file, or the directory refuses new files. Raised before any work is done
 * ({@link OutputTargets}), so it is invalid input, not a failure half-way.
 */
public final class UnwritableOutputException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    public UnwritableOutputException(String message) {
        super(message);
    }

    public UnwritableOutputException(String message, Throwable cause) {
        super(message, cause);
    }
}
