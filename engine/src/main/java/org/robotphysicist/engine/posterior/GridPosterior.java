package org.robotphysicist.engine.posterior;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.robotphysicist.data.DimensionMismatchException;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.OutOfSupportException;
import org.robotphysicist.data.RegularGrid;
import org.robotphysicist.data.prior.Prior;

/**
 * A posterior over a regular θ grid:
 * <pre>
 *   log p(θ_j | X) = log p(θ_j) + Σ_i log p̂(x_i | θ_j, φ) − log Z,
 *   Z = Σ_j exp(log p(θ_j) + Σ_i log p̂(x_i | θ_j, φ)) · V_cell
 * </pre>
 * normalized with log-sum-exp, so any θ-independent constant in the likelihood cancels. Each grid
 * point stands for a cell of volume V<sub>cell</sub> centred on it (midpoint rule): the
 * posterior probability of cell j is p<sub>j</sub> = exp(log p(θ<sub>j</sub> | X)) · V<sub>cell</sub>.
 *
 * <p>Summaries: MAP (the grid point of highest density), mean and standard deviation (cell
 * masses at cell centres), one-dimensional marginals and central credible intervals, computed
 * from the marginal CDF taken as linear within each cell.
 */
public final class GridPosterior {
    private final RegularGrid grid;
    private final List<String> names;
    private final double[] logProbability;

    private GridPosterior(RegularGrid grid, List<String> names, double[] logProbability) {
        this.grid = grid;
        this.names = List.copyOf(names);
        this.logProbability = logProbability;
    }

    /**
     * Combines a prior with summed log-likelihoods Σ<sub>i</sub> log p̂(x<sub>i</sub> | θ<sub>j</sub>, φ).
     *
     * @param names         θ component names, length D<sub>θ</sub>
     * @param logLikelihood length M = grid.size(), finite or −∞
     * @throws OutOfSupportException when the grid extends beyond the prior's support
     * @throws InvalidInputException when the likelihood is NaN, +∞, or −∞ at every grid point
     */
    public static GridPosterior fromLogLikelihood(Prior prior, RegularGrid grid, List<String> names,
            double[] logLikelihood) {
        if (grid.dim() != prior.dim() || names.size() != grid.dim()) {
            throw new DimensionMismatchException("posterior grid: expected a grid and names of the prior's dimension "
                    + prior.dim() + " but found " + grid.dim() + " and " + names.size());
        }
        if (!grid.bounds().within(prior.support())) {
            throw new OutOfSupportException("posterior grid: expected a grid inside the prior's support "
                    + prior.support() + " but found " + grid.bounds());
        }
        if (logLikelihood.length != grid.size()) {
            throw new DimensionMismatchException("log-likelihood values", grid.size(), logLikelihood.length);
        }
        double[] logPrior = prior.logProb(grid.points());
        double[] joint = new double[grid.size()];
        for (int j = 0; j < joint.length; j++) {
            double ll = logLikelihood[j];
            if (Double.isNaN(ll) || ll == Double.POSITIVE_INFINITY) {
                throw new InvalidInputException("log-likelihood at grid point " + j + ": expected a finite value or"
                        + " -Infinity but found " + ll);
            }
            joint[j] = logPrior[j] + ll;
        }
        double logNorm = logSumExp(joint);
        if (logNorm == Double.NEGATIVE_INFINITY) {
            throw new InvalidInputException("posterior: the data have zero probability at every grid point; expected"
                    + " at least one grid point with positive prior and likelihood");
        }
        for (int j = 0; j < joint.length; j++) {
            joint[j] -= logNorm;
        }
        return new GridPosterior(grid, names, joint);
    }

    /** log Σ exp(v), stable for large magnitudes; −∞ if all entries are −∞. */
    public static double logSumExp(double[] v) {
        double max = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            max = Math.max(max, x);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        double sum = 0;
        for (double x : v) {
            sum += Math.exp(x - max);
        }
        return max + Math.log(sum);
    }

    public RegularGrid grid() {
        return grid;
    }

    public List<String> parameterNames() {
        return names;
    }

    /** Cell probabilities p<sub>j</sub>, summing to 1. */
    public double[] probabilities() {
        double[] p = new double[logProbability.length];
        for (int j = 0; j < p.length; j++) {
            p[j] = Math.exp(logProbability[j]);
        }
        return p;
    }

    /** Normalized log-density log p(θ<sub>j</sub> | X) = log p<sub>j</sub> − log V<sub>cell</sub>. */
    public double[] logDensity() {
        double logVolume = Math.log(grid.cellVolume());
        double[] out = logProbability.clone();
        for (int j = 0; j < out.length; j++) {
            out[j] -= logVolume;
        }
        return out;
    }

    /** The grid point of highest posterior density. */
    public double[] map() {
        int best = 0;
        for (int j = 1; j < logProbability.length; j++) {
            if (logProbability[j] > logProbability[best]) {
                best = j;
            }
        }
        return grid.points().row(best);
    }

    /** Posterior mean, length D<sub>θ</sub>. */
    public double[] mean() {
        double[] p = probabilities();
        Matrix pts = grid.points();
        double[] m = new double[grid.dim()];
        for (int j = 0; j < p.length; j++) {
            for (int d = 0; d < m.length; d++) {
                m[d] += p[j] * pts.get(j, d);
            }
        }
        return m;
    }

    /** Posterior standard deviation per component (cell masses at cell centres). */
    public double[] standardDeviation() {
        double[] p = probabilities();
        Matrix pts = grid.points();
        double[] mean = mean();
        double[] var = new double[grid.dim()];
        for (int j = 0; j < p.length; j++) {
            for (int d = 0; d < var.length; d++) {
                double z = pts.get(j, d) - mean[d];
                var[d] += p[j] * z * z;
            }
        }
        for (int d = 0; d < var.length; d++) {
            var[d] = Math.sqrt(var[d]);
        }
        return var;
    }

    /** Marginal probabilities along dimension {@code d}: one mass per axis point, summing to 1. */
    public double[] marginal(int d) {
        double[] p = probabilities();
        double[] out = new double[grid.count(d)];
        for (int j = 0; j < p.length; j++) {
            out[grid.multiIndex(j)[d]] += p[j];
        }
        return out;
    }

    /**
     * The central interval of the marginal along {@code d}: [Q((1 − level)/2), Q((1 + level)/2)]
     * with Q the inverse of the marginal CDF, linear within each cell; clipped to the grid.
     */
    public CredibleInterval centralInterval(int d, double level) {
        if (!(level > 0 && level < 1)) {
            throw new InvalidInputException("credible level: expected a value in (0, 1) but found " + level);
        }
        double[] m = marginal(d);
        return new CredibleInterval(names.get(d), level, quantile(d, m, (1 - level) / 2),
                quantile(d, m, (1 + level) / 2));
    }

    private double quantile(int d, double[] masses, double q) {
        double h = grid.spacing(d);
        double cumulative = 0;
        for (int k = 0; k < masses.length; k++) {
            if (cumulative + masses[k] >= q && masses[k] > 0) {
                double cellStart = grid.coordinate(d, k) - h / 2;
                double v = cellStart + h * (q - cumulative) / masses[k];
                return Math.min(Math.max(v, grid.lower()[d]), grid.upper()[d]);
            }
            cumulative += masses[k];
        }
        return grid.upper()[d];
    }

    /** The usual summary: MAP, mean, sd and central intervals at the given levels, per component. */
    public PosteriorSummary summarize(double... levels) {
        List<CredibleInterval> intervals = new ArrayList<>();
        for (int d = 0; d < grid.dim(); d++) {
            for (double level : levels) {
                intervals.add(centralInterval(d, level));
            }
        }
        return new PosteriorSummary(names, map(), mean(), standardDeviation(), intervals);
    }

    @Override
    public String toString() {
        return "GridPosterior(" + grid + ", mean=" + Arrays.toString(mean()) + ")";
    }
}
