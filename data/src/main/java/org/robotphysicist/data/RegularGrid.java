package org.robotphysicist.data;

import java.util.Arrays;

/**
 * A regular grid over a box: along dimension d, {@code counts[d]} points from {@code lower[d]} to
 * {@code upper[d]} inclusive (a single point sits at {@code lower[d]}, which must equal
 * {@code upper[d]}). Points are numbered row-major, the last dimension fastest, so point
 * {@code k} has multi-index (k<sub>0</sub>, …, k<sub>D−1</sub>) with
 * k = ((k<sub>0</sub>·n<sub>1</sub> + k<sub>1</sub>)·n<sub>2</sub> + …).
 *
 * <p>A grid of dimension 0 holds one point, the empty vector (the φ grid of a simulator without
 * settings).
 *
 * <p>Each point stands for a cell of width {@link #spacing(int)} centred on it, so sums over the
 * grid are midpoint-rule integrals.
 */
public record RegularGrid(double[] lower, double[] upper, int[] counts) {

    public RegularGrid {
        if (lower == null || upper == null || counts == null
                || lower.length != upper.length || lower.length != counts.length) {
            throw new DimensionMismatchException("grid: expected lower, upper and counts of equal length");
        }
        lower = Require.finite("grid lower", lower.clone());
        upper = Require.finite("grid upper", upper.clone());
        counts = counts.clone();
        long total = 1;
        for (int d = 0; d < counts.length; d++) {
            if (counts[d] < 1) {
                throw new InvalidInputException("grid dimension " + d + ": expected at least 1 point but found "
                        + counts[d]);
            }
            if (counts[d] == 1 ? lower[d] != upper[d] : !(lower[d] < upper[d])) {
                throw new InvalidInputException("grid dimension " + d + ": expected lower < upper (or equal with one"
                        + " point) but found [" + lower[d] + ", " + upper[d] + "] with " + counts[d] + " points");
            }
            total *= counts[d];
        }
        if (total > Integer.MAX_VALUE) {
            throw new InvalidInputException("grid: expected at most " + Integer.MAX_VALUE + " points but found " + total);
        }
    }

    /** A 1-D grid of {@code count} points on [lower, upper]. */
    public static RegularGrid of(double lower, double upper, int count) {
        return new RegularGrid(new double[] {lower}, new double[] {upper}, new int[] {count});
    }

    /** A grid holding the single point {@code v}. */
    public static RegularGrid point(double... v) {
        int[] ones = new int[v.length];
        Arrays.fill(ones, 1);
        return new RegularGrid(v, v, ones);
    }

    public int dim() {
        return counts.length;
    }

    @Override
    public double[] lower() {
        return lower.clone();
    }

    @Override
    public double[] upper() {
        return upper.clone();
    }

    @Override
    public int[] counts() {
        return counts.clone();
    }

    public int count(int d) {
        return counts[d];
    }

    /** Total number of points M = Π n<sub>d</sub>. */
    public int size() {
        int m = 1;
        for (int c : counts) {
            m *= c;
        }
        return m;
    }

    /** Distance between neighbouring points along {@code d}; 0 for a single-point dimension. */
    public double spacing(int d) {
        return counts[d] == 1 ? 0.0 : (upper[d] - lower[d]) / (counts[d] - 1);
    }

    /** Coordinate of the {@code i}-th point along dimension {@code d}. */
    public double coordinate(int d, int i) {
        return counts[d] == 1 ? lower[d] : (i == counts[d] - 1 ? upper[d] : lower[d] + i * spacing(d));
    }

    /** All coordinates along dimension {@code d}. */
    public double[] axis(int d) {
        double[] out = new double[counts[d]];
        for (int i = 0; i < out.length; i++) {
            out[i] = coordinate(d, i);
        }
        return out;
    }

    /** The volume of one cell: the product of spacings over dimensions with more than one point. */
    public double cellVolume() {
        double v = 1;
        for (int d = 0; d < counts.length; d++) {
            if (counts[d] > 1) {
                v *= spacing(d);
            }
        }
        return v;
    }

    /** All points as a matrix (M, D), row-major order as documented above. */
    public Matrix points() {
        int m = size();
        int dim = dim();
        double[] data = new double[m * dim];
        int[] idx = new int[dim];
        for (int k = 0; k < m; k++) {
            for (int d = 0; d < dim; d++) {
                data[k * dim + d] = coordinate(d, idx[d]);
            }
            for (int d = dim - 1; d >= 0; d--) {
                if (++idx[d] < counts[d]) {
                    break;
                }
                idx[d] = 0;
            }
        }
        return Matrix.of(m, dim, data);
    }

    /** Multi-index of point {@code k}. */
    public int[] multiIndex(int k) {
        int[] idx = new int[dim()];
        for (int d = dim() - 1; d >= 0; d--) {
            idx[d] = k % counts[d];
            k /= counts[d];
        }
        return idx;
    }

    /** Flat index of a multi-index. */
    public int flatIndex(int[] idx) {
        int k = 0;
        for (int d = 0; d < dim(); d++) {
            k = k * counts[d] + idx[d];
        }
        return k;
    }

    /** The closed box spanned by the grid. */
    public Box bounds() {
        return new Box(lower, upper);
    }

    /**
     * The flat index of the grid point nearest to {@code v}, per axis (the point whose cell of
     * width {@link #spacing(int)} holds v; ties go up).
     *
     * @param what a name for the message when v lies outside
     * @throws OutOfSupportException when {@code v} lies outside the grid's box
     */
    public int nearestIndex(String what, double[] v) {
        bounds().require(what, v);
        int[] idx = new int[dim()];
        for (int d = 0; d < idx.length; d++) {
            idx[d] = counts[d] == 1 ? 0 : (int) Math.min(counts[d] - 1, Math.round((v[d] - lower[d]) / spacing(d)));
        }
        return flatIndex(idx);
    }

    /**
     * The n<sub>d</sub> + 1 edges of the cells along dimension {@code d}: cell i is
     * [edges[i], edges[i+1]], of width {@link #spacing(int)} centred on {@link #coordinate}(d, i),
     * so the outer edges lie half a spacing beyond the box (both equal the coordinate for a
     * single-point dimension).
     */
    public double[] cellEdges(int d) {
        double h = spacing(d);
        double[] edges = new double[counts[d] + 1];
        for (int i = 0; i < counts[d]; i++) {
            edges[i] = coordinate(d, i) - h / 2;
        }
        edges[counts[d]] = coordinate(d, counts[d] - 1) + h / 2;
        return edges;
    }

    /**
     * Multilinear interpolation weights of point {@code v}: the flat indices of the (at most)
     * 2<sup>D</sup> surrounding grid points and their weights, which are non-negative and sum
     * to 1. Throws {@link OutOfSupportException} when {@code v} lies outside the grid's box.
     */
    public Stencil stencil(double[] v) {
        bounds().require("grid point", v);
        int dim = dim();
        int[] base = new int[dim];
        double[] frac = new double[dim];
        int corners = 1;
        for (int d = 0; d < dim; d++) {
            if (counts[d] == 1) {
                continue;
            }
            double t = (v[d] - lower[d]) / spacing(d);
            int i = Math.min((int) Math.floor(t), counts[d] - 2);
            base[d] = i;
            frac[d] = t - i;
            corners *= 2;
        }
        int[] index = new int[corners];
        double[] weight = new double[corners];
        int[] idx = new int[dim];
        for (int c = 0; c < corners; c++) {
            double w = 1;
            int bit = 0;
            for (int d = 0; d < dim; d++) {
                if (counts[d] == 1) {
                    idx[d] = 0;
                    continue;
                }
                boolean upperCorner = ((c >> bit++) & 1) == 1;
                idx[d] = base[d] + (upperCorner ? 1 : 0);
                w *= upperCorner ? frac[d] : 1 - frac[d];
            }
            index[c] = flatIndex(idx);
            weight[c] = w;
        }
        return new Stencil(index, weight);
    }

    /** Flat grid indices and multilinear weights; see {@link #stencil(double[])}. */
    public record Stencil(int[] indices, double[] weights) {
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RegularGrid g && Arrays.equals(g.lower, lower) && Arrays.equals(g.upper, upper)
                && Arrays.equals(g.counts, counts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(lower) * 31 * 31 + Arrays.hashCode(upper) * 31 + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "RegularGrid" + Arrays.toString(counts) + " on " + bounds();
    }
}
