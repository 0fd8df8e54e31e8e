package org.robotphysicist.engine.cli;

import org.robotphysicist.data.InvalidInputException;

/** Durations given in seconds on the command line ({@code --timeout}, {@code --read-timeout}, ...). */
final class Seconds {
    private Seconds() {
    }

    /**
     * {@code seconds}, checked to be positive and finite.
     *
     * @throws InvalidInputException naming {@code option} when it is not
     */
    static double requirePositive(String option, double seconds) {
        if (!(seconds > 0) || Double.isInfinite(seconds)) {
            throw new InvalidInputException(option + ": expected a positive number of seconds but found " + seconds);
        }
        return seconds;
    }

    /** {@code seconds} ({@link #requirePositive checked}) in whole milliseconds, at least 1. */
    static long toMillis(String option, double seconds) {
        return Math.max(1, Math.round(requirePositive(option, seconds) * 1000));
    }
}
