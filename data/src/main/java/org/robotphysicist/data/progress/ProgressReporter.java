package org.robotphysicist.data.progress;

/**
 * Starts {@link Progress} reports. Long-running code takes a reporter and calls
 * {@link #start} once per task; the caller decides where reports go (a terminal bar, log lines,
 * nowhere).
 */
public interface ProgressReporter {

    /**
     * Starts reporting a task.
     *
     * @param task  a short name, e.g. {@code "simulate"}
     * @param total units of work in the task (≥ 1)
     * @param unit  what a unit is, e.g. {@code "events"}
     */
    Progress start(String task, long total, String unit);

    /** A reporter that reports nothing (quiet mode, tests, library use). */
    static ProgressReporter silent() {
        return Progress.Silent.INSTANCE;
    }
}
