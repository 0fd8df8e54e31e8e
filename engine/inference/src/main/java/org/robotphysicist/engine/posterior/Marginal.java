package org.robotphysicist.engine.posterior;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.robotphysicist.data.InvalidInputException;

/**
 * A one-dimensional marginal posterior on cells: value k holds mass m<sub>k</sub> spread
 * uniformly over its cell [e<sub>k</sub>, e<sub>k+1</sub>], so the density is piecewise constant,
 * m<sub>k</sub> / (e<sub>k+1</sub> − e<sub>k</sub>), and the CDF F piecewise linear. Interval ends
 * are computed under this model and then clipped to the support [lo, hi] of the grid (the outer
 * cells of a midpoint-rule grid reach half a spacing beyond it).
 */
public final class Marginal {
    private final String parameter;
    private final double[] values;
    private final double[] edges;
    private final double[] masses;
    private final double[] cdfAtEdges;
    private final double lo;
    private final double hi;

    /**
     * @param values  K ascending cell values
     * @param edges   K + 1 ascending cell edges
     * @param masses  K non-negative masses (normalized here)
     * @param lo      lower end of the support, for clipping
     * @param hi      upper end of the support, for clipping
     */
    public Marginal(String parameter, double[] values, double[] edges, double[] masses, double lo, double hi) {
        if (edges.length != values.length + 1 || masses.length != values.length || values.length == 0) {
            throw new InvalidInputException("marginal: expected K >= 1 values, K masses and K + 1 edges but found "
                    + values.length + ", " + masses.length + " and " + edges.length);
        }
        double total = 0;
        for (double m : masses) {
            if (!(m >= 0) || Double.isInfinite(m)) {
                throw new InvalidInputException("marginal masses: expected finite values >= 0 but found " + m);
            }
            total += m;
        }
        if (!(total > 0)) {
            throw new InvalidInputException("marginal masses: expected a positive total but found " + total);
        }
        this.parameter = parameter;
        this.values = values.clone();
        this.edges = edges.clone();
        this.masses = new double[masses.length];
        this.cdfAtEdges = new double[edges.length];
        for (int k = 0; k < masses.length; k++) {
            this.masses[k] = masses[k] / total;
            cdfAtEdges[k + 1] = cdfAtEdges[k] + this.masses[k];
        }
        cdfAtEdges[masses.length] = 1.0;
        this.lo = lo;
        this.hi = hi;
    }

    public String parameter() {
        return parameter;
    }

    /** The K cell values (grid coordinates). */
    public double[] values() {
        return values.clone();
    }

    /** Cell masses, summing to 1. */
    public double[] masses() {
        return masses.clone();
    }

    /** Piecewise-constant density m<sub>k</sub> / width<sub>k</sub>; +∞ for a zero-width cell with mass. */
    public double[] densities() {
        double[] out = new double[masses.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = density(k);
        }
        return out;
    }

    private double density(int k) {
        double w = edges[k + 1] - edges[k];
        return w > 0 ? masses[k] / w : (masses[k] > 0 ? Double.POSITIVE_INFINITY : 0);
    }

    /** Σ m<sub>k</sub>·v<sub>k</sub>. */
    public double mean() {
        double m = 0;
        for (int k = 0; k < masses.length; k++) {
            m += masses[k] * values[k];
        }
        return m;
    }

    /** The smallest x with F(x) ≥ q (clipped to the support). */
    public double quantile(double q) {
        return clip(inverseLow(q));
    }

    /** [Q((1 − level)/2), Q((1 + level)/2)]. */
    public CredibleInterval centralInterval(double level) {
        requireLevel(level);
        return new CredibleInterval(parameter, level, quantile((1 - level) / 2), quantile((1 + level) / 2));
    }

    /**
     * The highest-posterior-density interval: the shortest [a, b] with F(b) − F(a) = level. For a
     * unimodal marginal it is the HPD region {θ : p(θ) ≥ c}; for a multimodal one see
     * {@link #hpdRegion(double)}. Exact under the piecewise-constant density: the optimum has a or
     * b on a cell edge, and every such candidate is tried.
     */
    public CredibleInterval hpdInterval(double level) {
        requireLevel(level);
        double bestA = inverseLow(0);
        double bestB = inverseLow(level);
        for (int i = 0; i < edges.length; i++) {
            if (cdfAtEdges[i] + level <= 1) {
                double b = inverseLow(cdfAtEdges[i] + level);
                if (b - edges[i] < bestB - bestA) {
                    bestA = edges[i];
                    bestB = b;
                }
            }
            if (cdfAtEdges[i] - level >= 0) {
                double a = inverseHigh(cdfAtEdges[i] - level);
                if (edges[i] - a < bestB - bestA) {
                    bestA = a;
                    bestB = edges[i];
                }
            }
        }
        return new CredibleInterval(parameter, level, clip(bestA), clip(bestB));
    }

    /**
     * The HPD region {θ : p(θ) ≥ c} holding {@code level}, as disjoint intervals in ascending
     * order (one for a unimodal marginal). Cells are taken by decreasing density; the last one
     * only in part, on the side that touches the region already taken.
     */
    public List<CredibleInterval> hpdRegion(double level) {
        requireLevel(level);
        Integer[] order = new Integer[masses.length];
        for (int k = 0; k < order.length; k++) {
            order[k] = k;
        }
        Arrays.sort(order, (a, b) -> Double.compare(density(b), density(a)));
        double[] from = new double[masses.length];
        double[] to = new double[masses.length];
        boolean[] taken = new boolean[masses.length];
        double cumulative = 0;
        for (int k : order) {
            if (cumulative >= level || masses[k] == 0) {
                break;
            }
            double fraction = Math.min(1, (level - cumulative) / masses[k]);
            double width = (edges[k + 1] - edges[k]) * fraction;
            boolean leftTaken = k > 0 && taken[k - 1];
            boolean rightTaken = k + 1 < masses.length && taken[k + 1];
            double start;
            if (fraction >= 1 || leftTaken) {
                start = edges[k];
            } else if (rightTaken) {
                start = edges[k + 1] - width;
            } else {
                start = (edges[k] + edges[k + 1] - width) / 2;
            }
            from[k] = start;
            to[k] = fraction >= 1 || (rightTaken && !leftTaken) ? edges[k + 1] : start + width;
            taken[k] = true;
            cumulative += masses[k] * fraction;
        }
        List<CredibleInterval> region = new ArrayList<>();
        int k = 0;
        while (k < masses.length) {
            if (!taken[k]) {
                k++;
                continue;
            }
            double a = from[k];
            double b = to[k];
            while (k + 1 < masses.length && taken[k + 1] && to[k] >= edges[k + 1] && from[k + 1] <= edges[k + 1]) {
                k++;
                b = to[k];
            }
            region.add(new CredibleInterval(parameter, level, clip(a), clip(b)));
            k++;
        }
        return region;
    }

    /** inf{x : F(x) ≥ p}. */
    private double inverseLow(double p) {
        if (p <= 0) {
            for (int k = 0; k < masses.length; k++) {
                if (masses[k] > 0) {
                    return edges[k];
                }
            }
        }
        int k = cellReaching(p);
        return edges[k] + (edges[k + 1] - edges[k]) * Math.min(1, (p - cdfAtEdges[k]) / masses[k]);
    }

    /** sup{x : F(x) ≤ p}. */
    private double inverseHigh(double p) {
        for (int k = masses.length - 1; k >= 0; k--) {
            if (masses[k] > 0 && cdfAtEdges[k] <= p) {
                return edges[k] + (edges[k + 1] - edges[k]) * Math.min(1, (p - cdfAtEdges[k]) / masses[k]);
            }
        }
        return edges[0];
    }

    /** The first cell with mass whose upper CDF value reaches p. */
    private int cellReaching(double p) {
        int lowIdx = 0;
        int highIdx = masses.length - 1;
        while (lowIdx < highIdx) {
            int mid = (lowIdx + highIdx) >>> 1;
            if (cdfAtEdges[mid + 1] >= p) {
                highIdx = mid;
            } else {
                lowIdx = mid + 1;
            }
        }
        while (masses[lowIdx] == 0 && lowIdx + 1 < masses.length) {
            lowIdx++;
        }
        return lowIdx;
    }

    private double clip(double v) {
        return Math.min(Math.max(v, lo), hi);
    }

    private static void requireLevel(double level) {
        if (!(level > 0 && level < 1)) {
            throw new InvalidInputException("credible level: expected a value in (0, 1) but found " + level);
        }
    }

    @Override
    public String toString() {
        return "Marginal(" + parameter + ", " + values.length + " cells, mean " + mean() + ")";
    }
}
