package org.robotphysicist.data;

import java.util.Arrays;

/**
 * An axis-aligned box {l ≤ v ≤ u} in D dimensions; bounds may be infinite. Used for prior
 * supports, simulator domains and the ranges a surrogate was trained on. D may be 0: the φ
 * domain of a simulator without settings, whose only point is the empty vector.
 */
public record Box(double[] lower, double[] upper) {

    public Box {
        if (lower == null || upper == null || lower.length != upper.length) {
            throw new DimensionMismatchException("box bounds: expected two arrays of equal length but found "
                    + (lower == null ? "null" : lower.length) + " and " + (upper == null ? "null" : upper.length));
        }
        lower = lower.clone();
        upper = upper.clone();
        for (int i = 0; i < lower.length; i++) {
            if (Double.isNaN(lower[i]) || Double.isNaN(upper[i]) || !(lower[i] <= upper[i])) {
                throw new InvalidInputException("box dimension " + i + ": expected lower <= upper but found ["
                        + lower[i] + ", " + upper[i] + "]");
            }
        }
    }

    /** A one-dimensional interval. */
    public static Box interval(double lower, double upper) {
        return new Box(new double[] {lower}, new double[] {upper});
    }

    /** The box of dimension 0, whose only point is the empty vector. */
    public static Box empty() {
        return new Box(new double[0], new double[0]);
    }

    /** The whole of R<sup>D</sup>. */
    public static Box unbounded(int dim) {
        double[] lo = new double[dim];
        double[] hi = new double[dim];
        Arrays.fill(lo, Double.NEGATIVE_INFINITY);
        Arrays.fill(hi, Double.POSITIVE_INFINITY);
        return new Box(lo, hi);
    }

    public int dim() {
        return lower.length;
    }

    @Override
    public double[] lower() {
        return lower.clone();
    }

    @Override
    public double[] upper() {
        return upper.clone();
    }

    public double lower(int i) {
        return lower[i];
    }

    public double upper(int i) {
        return upper[i];
    }

    /** The centre, (l + u) / 2 per dimension (infinite or NaN where a bound is infinite). */
    public double[] middle() {
        double[] mid = new double[lower.length];
        for (int d = 0; d < mid.length; d++) {
            mid[d] = 0.5 * (lower[d] + upper[d]);
        }
        return mid;
    }

    /** True when every bound is finite. (Derived, so not part of the JSON form.) */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isBounded() {
        for (int i = 0; i < lower.length; i++) {
            if (!Double.isFinite(lower[i]) || !Double.isFinite(upper[i])) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code v} (of length {@link #dim()}) lies inside the closed box. */
    public boolean contains(double[] v) {
        for (int i = 0; i < lower.length; i++) {
            if (!(v[i] >= lower[i] && v[i] <= upper[i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * Validates {@code v}: right length, finite, inside the box; otherwise throws naming the
     * offending coordinate.
     */
    public double[] require(String name, double[] v) {
        Require.finiteVector(name, v, lower.length);
        for (int i = 0; i < lower.length; i++) {
            if (v[i] < lower[i] || v[i] > upper[i]) {
                throw new OutOfSupportException(name + "[" + i + "]: expected a value in [" + lower[i] + ", "
                        + upper[i] + "] but found " + v[i]);
            }
        }
        return v;
    }

    /** Validates every row of {@code m} with {@link #require(String, double[])}. */
    public Matrix requireRows(String name, Matrix m) {
        m.requireShape(name, -1, lower.length);
        double[] row = new double[lower.length];
        for (int r = 0; r < m.rows(); r++) {
            m.copyRow(r, row);
            require(name + " row " + r, row);
        }
        return m;
    }

    /** True when this box lies inside {@code other}. */
    public boolean within(Box other) {
        for (int i = 0; i < lower.length; i++) {
            if (lower[i] < other.lower[i] || upper[i] > other.upper[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Box b && Arrays.equals(b.lower, lower) && Arrays.equals(b.upper, upper);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(lower) + Arrays.hashCode(upper);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Box[");
        for (int i = 0; i < lower.length; i++) {
            sb.append(i == 0 ? "" : " x ").append('[').append(lower[i]).append(", ").append(upper[i]).append(']');
        }
        return sb.append(']').toString();
    }
}
