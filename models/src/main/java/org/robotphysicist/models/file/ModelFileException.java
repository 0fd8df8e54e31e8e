package org.robotphysicist.models.file;

import org.robotphysicist.data.MalformedDataException;

/**
 * A model file is missing, unreadable, damaged or describes something impossible (a truncated file,
 * trailing bytes, a manifest that is not JSON or exceeds {@link ModelFile#MAX_MANIFEST_BYTES}, a
 * parameter shape beyond {@link ModelFile#MAX_PARAMETER_VALUES}, a checksum mismatch). The message
 * names the file, what was expected and what was found.
 */
public class ModelFileException extends MalformedDataException {
    private static final long serialVersionUID = 1L;

    public ModelFileException(String message) {
        super(message);
    }

    public ModelFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
