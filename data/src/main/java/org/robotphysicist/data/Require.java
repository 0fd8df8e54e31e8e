package org.robotphysicist.data;

import java.util.Arrays;

/**
 * Argument checks for public boundaries. Each throws one of the {@link InvalidInputException}
 * types with a message naming the argument, what was expected and what was found.
 */
public final class Require {
    private Require() {
    }

    /** Requires {@code values} to have exactly {@code expected} entries, all finite. */
    public static double[] finiteVector(String name, double[] values, int expected) {
        if (values == null) {
            throw new InvalidInputException(name + ": expected " + expected + " values but found null");
        }
        if (values.length != expected) {
            throw new DimensionMismatchException(name + " length", expected, values.length);
        }
        return finite(name, values);
    }

    /** Requires every entry of {@code values} to be finite. */
    public static double[] finite(String name, double[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new NonFiniteValueException(name + "[" + i + "]: expected a finite number but found "
                        + values[i] + " in " + abbreviate(values));
            }
        }
        return values;
    }

    /** Requires {@code value} to be finite. */
    public static double finite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new NonFiniteValueException(name + ": expected a finite number but found " + value);
        }
        return value;
    }

    /** Requires {@code value} to be finite and strictly positive. */
    public static double positive(String name, double value) {
        finite(name, value);
        if (!(value > 0)) {
            throw new InvalidInputException(name + ": expected a value > 0 but found " + value);
        }
        return value;
    }

    /** Requires {@code value} to be finite and {@code >= 0}. */
    public static double nonNegative(String name, double value) {
        finite(name, value);
        if (value < 0) {
            throw new InvalidInputException(name + ": expected a value >= 0 but found " + value);
        }
        return value;
    }

    /** Requires {@code value >= 1}. */
    public static int positive(String name, int value) {
        if (value < 1) {
            throw new InvalidInputException(name + ": expected a count >= 1 but found " + value);
        }
        return value;
    }

    /** Requires {@code lower <= value <= upper}. */
    public static double inRange(String name, double value, double lower, double upper) {
        finite(name, value);
        if (value < lower || value > upper) {
            throw new OutOfSupportException(name + ": expected a value in [" + lower + ", " + upper
                    + "] but found " + value);
        }
        return value;
    }

    /** A short rendering of a vector for error messages (at most 8 entries). */
    public static String abbreviate(double[] values) {
        if (values.length <= 8) {
            return Arrays.toString(values);
        }
        return Arrays.toString(Arrays.copyOf(values, 8)).replace("]", ", ... (" + values.length + " values)]");
    }
}
