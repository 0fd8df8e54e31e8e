package org.robotphysicist.engine.posterior;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.robotphysicist.data.InvalidInputException;

/**
 * Maximum likelihood and profile-likelihood-ratio intervals on a θ grid, the frequentist
 * counterpart of {@link GridPosterior} (no prior enters).
 *
 * <p>The profile log-likelihood of component d is ℓ<sub>p</sub>(t) = max over the nuisance
 * components of ℓ(θ) with θ<sub>d</sub> = t, taken over the grid points sharing that coordinate.
 * Its peak is refined by the parabola through the best grid value and its two neighbours
 * (exact for a Gaussian likelihood). The Wilks interval at level 1 − α is the connected set
 * around the estimate where 2·(ℓ̂ − ℓ<sub>p</sub>(t)) ≤ χ²<sub>1</sub>(1 − α) (Wilks 1938), its
 * ends interpolated linearly between grid values. Asymptotically its coverage is 1 − α;
 * 68.27% and 95% correspond to thresholds 1 and 3.84.
 */
public final class ProfileLikelihood {
    private static final NormalDistribution STANDARD = new NormalDistribution(null, 0, 1);
    private final ThetaGrid grid;
    private final List<String> names;
    private final double[] logLikelihood;

    ProfileLikelihood(ThetaGrid grid, List<String> names, double[] logLikelihood) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : logLikelihood) {
            max = Math.max(max, v);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            throw new InvalidInputException("profile likelihood: expected a finite log-likelihood at some grid point"
                    + " but found -Infinity everywhere");
        }
        this.grid = grid;
        this.names = List.copyOf(names);
        this.logLikelihood = logLikelihood;
    }

    /**
     * One component's profile.
     *
     * @param parameter        the component's name
     * @param values           the K distinct grid coordinates, ascending
     * @param logLikelihood    ℓ<sub>p</sub> at each value (max over nuisance components)
     * @param estimate         the refined maximizer
     * @param maxLogLikelihood the refined maximum ℓ̂
     */
    public record Profile(String parameter, double[] values, double[] logLikelihood, double estimate,
            double maxLogLikelihood) {
        public Profile {
            values = values.clone();
            logLikelihood = logLikelihood.clone();
        }

        @Override
        public double[] values() {
            return values.clone();
        }

        @Override
        public double[] logLikelihood() {
            return logLikelihood.clone();
        }
    }

    /** The χ²<sub>1</sub> quantile at {@code level}: (Φ⁻¹((1 + level)/2))². */
    public static double wilksThreshold(double level) {
        if (!(level > 0 && level < 1)) {
            throw new InvalidInputException("confidence level: expected a value in (0, 1) but found " + level);
        }
        double z = STANDARD.inverseCumulativeProbability((1 + level) / 2);
        return z * z;
    }

    /** The grid point of maximum summed log-likelihood. */
    public double[] mleGridPoint() {
        return grid.points().row(GridPosterior.argmax(logLikelihood));
    }

    /** The maximum-likelihood estimate: each component's refined profile peak. */
    public double[] mle() {
        double[] out = new double[grid.dim()];
        for (int d = 0; d < out.length; d++) {
            out[d] = profile(d).estimate();
        }
        return out;
    }

    /** The profile of component {@code d}. */
    public Profile profile(int d) {
        if (d < 0 || d >= grid.dim()) {
            throw new InvalidInputException("theta dimension: expected an index in [0, " + grid.dim() + ") but found "
                    + d);
        }
        ThetaGrid.AxisCells cells = grid.axisCells(d);
        if (grid.dim() > 1 && cells.count() == grid.size() && grid.size() > 1) {
            throw new InvalidInputException("profile likelihood of " + names.get(d) + ": expected grid points that"
                    + " share values of " + names.get(d) + " (a tensor-product layout) but found " + grid.size()
                    + " distinct values for " + grid.size() + " points");
        }
        double[] x = cells.values();
        double[] y = grid.regular().map(regular -> refinedProfile(regular, d, cells))
                .orElseGet(() -> cells.maxByGroup(logLikelihood));
        int k = GridPosterior.argmax(y);
        double estimate = x[k];
        double peak = y[k];
        if (k > 0 && k < x.length - 1 && Double.isFinite(y[k - 1]) && Double.isFinite(y[k + 1])) {
            double u0 = x[k - 1] - x[k];
            double u2 = x[k + 1] - x[k];
            double[] ab = parabola(u0, y[k - 1] - y[k], u2, y[k + 1] - y[k]);
            double a = ab[0];
            double b = ab[1];
            if (a < 0) {
                double u = Math.min(Math.max(-b / (2 * a), u0), u2);
                estimate = x[k] + u;
                peak = y[k] + Math.max(0, a * u * u + b * u);
            }
        }
        return new Profile(names.get(d), x, y, estimate, peak);
    }

    /**
     * On a regular grid the maximum over the nuisance components within each slice θ<sub>d</sub>
     * = t is refined like the peak: the best grid point of the slice gains, along each nuisance
     * axis, the rise of the parabola through it and its two neighbours (exact for a quadratic
     * log-likelihood in one nuisance component, a close approximation in two).
     */
    private double[] refinedProfile(org.robotphysicist.data.RegularGrid g, int d, ThetaGrid.AxisCells cells) {
        int k = cells.count();
        int[] best = new int[k];
        java.util.Arrays.fill(best, -1);
        int[] group = cells.groupOfPoint();
        for (int j = 0; j < logLikelihood.length; j++) {
            int c = group[j];
            if (best[c] < 0 || logLikelihood[j] > logLikelihood[best[c]]) {
                best[c] = j;
            }
        }
        double[] y = new double[k];
        for (int c = 0; c < k; c++) {
            int j = best[c];
            y[c] = logLikelihood[j];
            if (y[c] == Double.NEGATIVE_INFINITY) {
                continue;
            }
            int[] idx = g.multiIndex(j);
            int stride = 1;
            for (int e = g.dim() - 1; e >= 0; e--) {
                if (e != d && idx[e] > 0 && idx[e] < g.count(e) - 1) {
                    y[c] += parabolaRise(logLikelihood[j - stride], logLikelihood[j], logLikelihood[j + stride]);
                }
                stride *= g.count(e);
            }
        }
        return y;
    }

    /** The rise above the centre value of the parabola through three equally spaced values (0 if not concave). */
    private static double parabolaRise(double left, double centre, double right) {
        if (!Double.isFinite(left) || !Double.isFinite(right)) {
            return 0;
        }
        double a = (left + right - 2 * centre) / 2;
        double b = (right - left) / 2;
        if (!(a < 0)) {
            return 0;
        }
        double u = Math.min(1, Math.max(-1, -b / (2 * a)));
        return Math.max(0, a * u * u + b * u);
    }

    /** The Wilks interval of component {@code d} at {@code level}. */
    public ProfileInterval wilksInterval(int d, double level) {
        double threshold = wilksThreshold(level);
        Profile p = profile(d);
        double[] x = p.values;
        double[] delta = new double[x.length];
        for (int k = 0; k < x.length; k++) {
            delta[k] = 2 * (p.maxLogLikelihood - p.logLikelihood[k]);
        }
        int firstRight = 0;
        while (firstRight < x.length && x[firstRight] < p.estimate) {
            firstRight++;
        }
        Crossing lower = walk(x, delta, firstRight - 1, -1, p.estimate, threshold);
        Crossing upper = walk(x, delta, firstRight, +1, p.estimate, threshold);
        return new ProfileInterval(p.parameter, level, p.estimate, lower.at, upper.at, lower.limited, upper.limited);
    }

    private record Crossing(double at, boolean limited) {
    }

    /** Walks from the estimate (Δ = 0) over grid values in direction {@code step} until Δ exceeds the threshold. */
    private static Crossing walk(double[] x, double[] delta, int start, int step, double estimate, double threshold) {
        double beforeX = Double.NaN;
        double beforeDelta = Double.NaN;
        double prevX = estimate;
        double prevDelta = 0;
        for (int k = start; k >= 0 && k < x.length; k += step) {
            if (delta[k] > threshold) {
                return new Crossing(crossing(beforeX, beforeDelta, prevX, prevDelta, x[k], delta[k], threshold), false);
            }
            beforeX = prevX;
            beforeDelta = prevDelta;
            prevX = x[k];
            prevDelta = delta[k];
        }
        return new Crossing(prevX, true);
    }

    /**
     * Where Δ reaches c between (x1, d1) ≤ c and (x2, d2) &gt; c: on the parabola through these and
     * the point before, (x0, d0) — or, when x1 is the estimate itself (x0 NaN), the parabola with
     * its vertex there — so a Gaussian likelihood gives exact ends; linear interpolation when the
     * parabola does not cross inside the bracket or Δ is infinite.
     */
    static double crossing(double x0, double d0, double x1, double d1, double x2, double d2, double c) {
        double linear = Double.isFinite(d2) ? x1 + (x2 - x1) * (c - d1) / (d2 - d1) : x1;
        if (!Double.isFinite(d2)) {
            return linear;
        }
        double u2 = x2 - x1;
        double u;
        if (Double.isNaN(x0)) {
            u = Math.signum(u2) * Math.abs(u2) * Math.sqrt(c / d2);
        } else {
            double[] ab = parabola(x0 - x1, d0 - d1, u2, d2 - d1);
            u = solveInBracket(ab[0], ab[1], d1 - c, u2);
        }
        return Double.isFinite(u) && u * Math.signum(u2) >= 0 && Math.abs(u) <= Math.abs(u2) ? x1 + u : linear;
    }

    /**
     * {a, b} of the parabola v = a·u² + b·u through the origin and (u0, v0), (u2, v2), for
     * distinct non-zero u0, u2 (coordinates relative to a middle point).
     */
    private static double[] parabola(double u0, double v0, double u2, double v2) {
        double det = u0 * u2 * (u0 - u2);
        return new double[] {(v0 * u2 - v2 * u0) / det, (u0 * u0 * v2 - u2 * u2 * v0) / det};
    }

    /** The root of a·u² + b·u + e between 0 and {@code end}, or NaN. */
    private static double solveInBracket(double a, double b, double e, double end) {
        if (Math.abs(a) < 1e-12 * (Math.abs(b) + Math.abs(e)) / Math.max(Math.abs(end), 1e-300)) {
            return -e / b;
        }
        double disc = b * b - 4 * a * e;
        if (disc < 0) {
            return Double.NaN;
        }
        double q = -0.5 * (b + Math.copySign(Math.sqrt(disc), b));
        double r1 = q / a;
        double r2 = e / q;
        boolean firstInside = r1 * Math.signum(end) >= 0 && Math.abs(r1) <= Math.abs(end);
        return firstInside ? r1 : r2;
    }

    /** MLE, maximum log-likelihood and Wilks intervals at the given levels for every component. */
    public LikelihoodSummary summarize(double... levels) {
        List<ProfileInterval> intervals = new ArrayList<>();
        double[] mle = new double[grid.dim()];
        double max = Double.NEGATIVE_INFINITY;
        for (int d = 0; d < grid.dim(); d++) {
            Profile p = profile(d);
            mle[d] = p.estimate;
            max = Math.max(max, p.maxLogLikelihood);
            for (double level : levels) {
                intervals.add(wilksInterval(d, level));
            }
        }
        return new LikelihoodSummary(names, mle, max, intervals);
    }
}
