package org.robotphysicist.training.device;

/** A GPU was required and is not available to the engine. */
public final class GpuUnavailableException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public GpuUnavailableException(String message) {
        super(message);
    }
}
