package org.robotphysicist.data.progress;

/**
 * The progress of one long task (a simulation, a training run, an EIG scan): {@code total} units
 * of work, of which {@link #advance} reports the ones done. Implementations are thread-safe, so
 * parallel workers may report directly. {@link #close()} ends the report (idempotent); use
 * try-with-resources.
 */
public interface Progress extends AutoCloseable {

    /** Reports {@code units} more units done (≥ 0). */
    void advance(long units);

    /** Ends the report, whether or not every unit was done. */
    @Override
    void close();

    /** A progress that reports nothing. */
    static Progress none() {
        return Silent.INSTANCE;
    }

    /** The do-nothing progress and reporter. */
    enum Silent implements Progress, ProgressReporter {
        INSTANCE;

        @Override
        public void advance(long units) {
        }

        @Override
        public void close() {
        }

        @Override
        public Progress start(String task, long total, String unit) {
            return this;
        }
    }
}
