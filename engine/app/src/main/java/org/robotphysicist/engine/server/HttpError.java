package org.robotphysicist.engine.server;

/**
 * An HTTP error answer: the status and a message naming what was expected and what was found,
 * sent as {@code {"error": {"status": S, "message": "..."}}}.
 */
final class HttpError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    HttpError(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }
}
