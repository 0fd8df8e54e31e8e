package org.robotphysicist.engine.design.gp;

import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Require;

/**
 * A closed interval [lower, upper] of positive values for a kernel hyperparameter; the optimizer
 * searches it on a log scale. lower == upper fixes the parameter.
 */
public record Bounds(double lower, double upper) {

    public Bounds {
        Require.positive("hyperparameter bound lower", lower);
        Require.positive("hyperparameter bound upper", upper);
        if (lower > upper) {
            throw new InvalidInputException("hyperparameter bounds: expected lower <= upper but found [" + lower + ", "
                    + upper + "]");
        }
    }

    /** {@code value} moved into the interval. */
    public double clamp(double value) {
        return Math.min(upper, Math.max(lower, value));
    }

    /** Whether {@code value} lies in the interval. */
    public boolean contains(double value) {
        return value >= lower && value <= upper;
    }
}
