package org.robotphysicist.data;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A union B<sub>1</sub> ∪ … ∪ B<sub>K</sub> of K ≥ 1 axis-aligned boxes of one dimension D whose
 * interiors do not overlap: the settings φ a surrogate is trained across, e.g. the two beam-energy
 * windows [40, 60] ∪ [85, 95]. {@link #sample} draws uniformly over the union: box k with probability
 * V<sub>k</sub> / Σ V<sub>j</sub> (V the volume along the dimensions where some box has extent), then
 * uniformly inside it. Boxes that are all flat along every such dimension (single settings) are drawn
 * with equal probability.
 *
 * @param boxes the boxes, in the order given (names in messages follow it)
 */
public record BoxUnion(List<Box> boxes) {

    public BoxUnion {
        if (boxes == null || boxes.isEmpty()) {
            throw new InvalidInputException("box union: expected at least one box but found none");
        }
        boxes = List.copyOf(boxes);
        int dim = boxes.get(0).dim();
        for (Box b : boxes) {
            if (b.dim() != dim) {
                throw new DimensionMismatchException("box union: expected boxes of one dimension but found " + boxes);
            }
            if (!b.isBounded()) {
                throw new InvalidInputException("box union: expected bounded boxes but found " + b);
            }
        }
        for (int i = 0; i < boxes.size(); i++) {
            for (int j = i + 1; j < boxes.size(); j++) {
                if (overlap(boxes.get(i), boxes.get(j))) {
                    throw new InvalidInputException("box union: expected boxes whose interiors do not overlap (a"
                            + " shared region would be drawn twice as often) but " + boxes.get(i) + " and "
                            + boxes.get(j) + " overlap");
                }
            }
        }
        double[] volumes = volumes(boxes);
        boolean anyVolume = false;
        boolean anyFlat = false;
        for (double v : volumes) {
            anyVolume |= v > 0;
            anyFlat |= v == 0;
        }
        if (anyVolume && anyFlat) {
            throw new InvalidInputException("box union: expected every box to have extent along the dimensions any"
                    + " box has (a flat box among boxes with volume would get no draws) but found " + boxes);
        }
    }

    /** The union of one box. */
    public static BoxUnion of(Box box) {
        return new BoxUnion(List.of(box));
    }

    public int dim() {
        return boxes.get(0).dim();
    }

    /** Whether it is a single box. */
    public boolean isSingle() {
        return boxes.size() == 1;
    }

    /** The smallest box holding every box. */
    public Box bounds() {
        double[] lo = boxes.get(0).lower();
        double[] hi = boxes.get(0).upper();
        for (Box b : boxes) {
            for (int d = 0; d < lo.length; d++) {
                lo[d] = Math.min(lo[d], b.lower(d));
                hi[d] = Math.max(hi[d], b.upper(d));
            }
        }
        return new Box(lo, hi);
    }

    /** Whether {@code v} lies in some box. */
    public boolean contains(double[] v) {
        for (Box b : boxes) {
            if (b.contains(v)) {
                return true;
            }
        }
        return false;
    }

    /** Whether every box lies inside {@code other}. */
    public boolean within(Box other) {
        return boxes.stream().allMatch(b -> b.within(other));
    }

    /**
     * Validates {@code v}: right length, finite, inside some box; otherwise throws naming the boxes.
     *
     * @throws OutOfSupportException when it lies outside every box
     */
    public double[] require(String name, double[] v) {
        if (isSingle()) {
            return boxes.get(0).require(name, v);
        }
        Require.finiteVector(name, v, dim());
        if (!contains(v)) {
            throw new OutOfSupportException(name + ": expected a value inside one of the boxes " + this
                    + " but found " + java.util.Arrays.toString(v));
        }
        return v;
    }

    /** n draws uniform over the union, (n, D); see the class comment. */
    public Matrix sample(int n, SplittableRandom rng) {
        double[] cumulative = volumes(boxes);
        double total = 0;
        for (double v : cumulative) {
            total += v;
        }
        for (int k = 0; k < cumulative.length; k++) {
            double share = total > 0 ? cumulative[k] / total : 1.0 / cumulative.length;
            cumulative[k] = (k == 0 ? 0 : cumulative[k - 1]) + share;
        }
        int dim = dim();
        double[] values = new double[n * dim];
        for (int i = 0; i < n; i++) {
            int k = 0;
            if (!isSingle()) { // one box: no draw for the choice, so the draws are those of a plain box
                double u = rng.nextDouble();
                while (k < cumulative.length - 1 && u >= cumulative[k]) {
                    k++;
                }
            }
            Box b = boxes.get(k);
            for (int d = 0; d < dim; d++) {
                values[i * dim + d] = b.lower(d) + (b.upper(d) - b.lower(d)) * rng.nextDouble();
            }
        }
        return Matrix.of(n, dim, values);
    }

    /** Each box's volume along the dimensions where some box has extent. */
    private static double[] volumes(List<Box> boxes) {
        int dim = boxes.get(0).dim();
        boolean[] open = new boolean[dim];
        for (Box b : boxes) {
            for (int d = 0; d < dim; d++) {
                open[d] |= b.upper(d) > b.lower(d);
            }
        }
        double[] out = new double[boxes.size()];
        for (int k = 0; k < out.length; k++) {
            double v = 1;
            for (int d = 0; d < dim; d++) {
                if (open[d]) {
                    v *= boxes.get(k).upper(d) - boxes.get(k).lower(d);
                }
            }
            out[k] = v;
        }
        return out;
    }

    /** Whether the interiors of {@code a} and {@code b} meet (touching faces do not count). */
    private static boolean overlap(Box a, Box b) {
        for (int d = 0; d < a.dim(); d++) {
            if (a.upper(d) <= b.lower(d) || b.upper(d) <= a.lower(d)) {
                if (!(a.lower(d) == a.upper(d) && b.lower(d) == b.upper(d) && a.lower(d) == b.lower(d))) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Box b : boxes) {
            sb.append(sb.length() == 0 ? "" : " u ").append(b);
        }
        return sb.toString();
    }
}
