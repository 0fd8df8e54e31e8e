package org.robotphysicist.training;

/** The training loss became NaN or infinite; the message says when and suggests a remedy. */
public final class TrainingDivergedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public TrainingDivergedException(String message) {
        super(message);
    }
}
