package org.robotphysicist.data;

import java.util.Arrays;

/**
 * The smallest box holding every row added so far: running minima and maxima per column, for
 * rows that arrive in pieces (blocks of a table, simulations per cell) as well as all at once.
 */
public final class BoundingBox {
    private final double[] lo;
    private final double[] hi;

    /** An empty accumulator for rows of {@code dim} columns: its bounds start at +∞ and −∞. */
    public BoundingBox(int dim) {
        lo = new double[dim];
        hi = new double[dim];
        Arrays.fill(lo, Double.POSITIVE_INFINITY);
        Arrays.fill(hi, Double.NEGATIVE_INFINITY);
    }

    /** The bounding box of the rows of {@code rows} (at least one). */
    public static Box of(Matrix rows) {
        return new BoundingBox(rows.cols()).add(rows).box();
    }

    /** Widens the bounds to hold every row of {@code rows} (N ≥ 0, D). */
    public BoundingBox add(Matrix rows) {
        rows.requireShape("bounding box rows", -1, lo.length);
        double[] row = new double[lo.length];
        for (int i = 0; i < rows.rows(); i++) {
            rows.copyRow(i, row);
            for (int j = 0; j < row.length; j++) {
                lo[j] = Math.min(lo[j], row[j]);
                hi[j] = Math.max(hi[j], row[j]);
            }
        }
        return this;
    }

    /** The minima so far (+∞ in a column before any row). */
    public double[] lower() {
        return lo.clone();
    }

    /** The maxima so far (−∞ in a column before any row). */
    public double[] upper() {
        return hi.clone();
    }

    /**
     * The bounds as a box.
     *
     * @throws InvalidInputException before any row was added (lower +∞ above upper −∞)
     */
    public Box box() {
        return new Box(lo, hi);
    }
}
