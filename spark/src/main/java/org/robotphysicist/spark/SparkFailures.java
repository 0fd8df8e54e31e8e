package org.robotphysicist.spark;

import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.simulator.SimulatorFailedException;

/**
 * Turns a failed Spark job back into the engine's error: Spark wraps an exception thrown in a task
 * ("Job aborted due to stage failure: Task 3 in stage 1.0 failed 4 times, most recent failure:
 * ...") with the task's exception as its cause; bad input found on an executor (an
 * {@link InvalidInputException}: wrong columns, a NaN, a model file that fails its checksum) and a
 * simulator that failed on an executor ({@link SimulatorFailedException}) are rethrown as
 * themselves, so the command reports them in one line with their exit code.
 */
final class SparkFailures {
    private SparkFailures() {
    }

    /**
     * The first {@link InvalidInputException} or {@link SimulatorFailedException} in the cause chain
     * of {@code e}, else {@code e} itself (a checked one, as Scala throws {@code SparkException},
     * wrapped).
     */
    static RuntimeException unwrap(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InvalidInputException || t instanceof SimulatorFailedException) {
                return (RuntimeException) t;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
    }
}
