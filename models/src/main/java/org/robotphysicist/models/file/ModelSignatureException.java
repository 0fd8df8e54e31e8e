package org.robotphysicist.models.file;

/**
 * A model file that had to be signed by a trusted key is not: it carries no signature, it was
 * signed by a key that is not trusted, or its signature does not match its content. The message
 * names the file and what failed.
 */
public final class ModelSignatureException extends ModelFileException {
    private static final long serialVersionUID = 1L;

    public ModelSignatureException(String message) {
        super(message);
    }

    public ModelSignatureException(String message, Throwable cause) {
        super(message, cause);
    }
}
