package org.robotphysicist.models;

/**
 * What a trained surrogate does when asked to evaluate outside the θ, φ and x ranges it was
 * trained on, where a network's output is an extrapolation nobody checked.
 */
public enum RangePolicy {
    /** Refuse with an {@link org.robotphysicist.data.OutOfSupportException} naming the value and the range. */
    FAIL,
    /** Log a warning (how many rows, which range) and evaluate anyway. */
    WARN;

    /** How to evaluate outside the trained ranges anyway, for the messages of {@link #FAIL}. */
    public static final String HINT = "a trained model loaded with RangePolicy.WARN (LoadOptions.withRangePolicy in"
            + " Java, --range-policy warn on the command line) evaluates there anyway, with a warning";
}
