package org.robotphysicist.engine.posterior;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.robotphysicist.data.DimensionMismatchException;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.LogSumExp;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.OutOfSupportException;
import org.robotphysicist.data.RegularGrid;
import org.robotphysicist.data.Require;
import org.robotphysicist.data.prior.Prior;

/**
 * A posterior over a θ grid ({@link ThetaGrid}) of M points with cell volumes V<sub>j</sub>:
 * <pre>
 *   log p(θ_j | X) = log p(θ_j) + ℓ_j − log Z,   ℓ_j = Σ_i log p̂(x_i | θ_j, φ),
 *   Z = Σ_j exp(log p(θ_j) + ℓ_j) · V_j,
 * </pre>
 * normalized with log-sum-exp, so any θ-independent constant in the likelihood cancels. Cell j
 * holds probability P<sub>j</sub> = p(θ<sub>j</sub> | X)·V<sub>j</sub> (the midpoint rule on a
 * regular grid).
 *
 * <p>Summaries: MAP (the point of highest density), mean, standard deviation and covariance
 * (cell masses at the points), one-dimensional marginals with central and highest-density
 * intervals ({@link Marginal}), the credibility of a θ value (for expected coverage), draws, the
 * profile likelihood with Wilks intervals ({@link #profileLikelihood()}), combination with another
 * experiment's posterior, and use as the next prior ({@link #asPrior()}).
 */
public final class GridPosterior {
    private final ThetaGrid grid;
    private final List<String> names;
    private final double[] logPrior;
    private final double[] logLikelihood;
    private final double[] logMass;
    private final double logEvidence;

    private GridPosterior(ThetaGrid grid, List<String> names, double[] logPrior, double[] logLikelihood) {
        double[] joint = new double[grid.size()];
        for (int j = 0; j < joint.length; j++) {
            joint[j] = logPrior[j] + logLikelihood[j] + Math.log(grid.cellVolume(j));
        }
        double logNorm = logSumExp(joint);
        if (logNorm == Double.NEGATIVE_INFINITY) {
            throw new InvalidInputException("posterior: the data have zero probability at every grid point; expected"
                    + " at least one grid point with positive prior and likelihood");
        }
        for (int j = 0; j < joint.length; j++) {
            joint[j] -= logNorm;
        }
        this.grid = grid;
        this.names = List.copyOf(names);
        this.logPrior = logPrior;
        this.logLikelihood = logLikelihood;
        this.logMass = joint;
        this.logEvidence = logNorm;
    }

    /** {@link #fromLogLikelihood(Prior, ThetaGrid, List, double[])} on a regular grid. */
    public static GridPosterior fromLogLikelihood(Prior prior, RegularGrid grid, List<String> names,
            double[] logLikelihood) {
        return fromLogLikelihood(prior, ThetaGrid.of(grid), names, logLikelihood);
    }

    /**
     * Combines a prior with summed log-likelihoods ℓ<sub>j</sub>.
     *
     * @param names         θ component names, length D<sub>θ</sub>
     * @param logLikelihood length M = grid.size(), finite or −∞
     * @throws OutOfSupportException when the grid extends beyond the prior's support
     * @throws InvalidInputException when the likelihood is NaN, +∞, or −∞ at every grid point
     */
    public static GridPosterior fromLogLikelihood(Prior prior, ThetaGrid grid, List<String> names,
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
        for (int j = 0; j < logLikelihood.length; j++) {
            double ll = logLikelihood[j];
            if (Double.isNaN(ll) || ll == Double.POSITIVE_INFINITY) {
                throw new InvalidInputException("log-likelihood at grid point " + j + ": expected a finite value or"
                        + " -Infinity but found " + ll);
            }
        }
        return new GridPosterior(grid, names, prior.logProb(grid.points()), logLikelihood.clone());
    }

    /** log Σ exp(v), stable for large magnitudes; −∞ if all entries are −∞ ({@link LogSumExp}). */
    public static double logSumExp(double[] v) {
        return LogSumExp.of(v);
    }

    public ThetaGrid grid() {
        return grid;
    }

    public List<String> parameterNames() {
        return names;
    }

    public int dim() {
        return grid.dim();
    }

    /** ℓ<sub>j</sub>, the summed log-likelihood at each point (length M). */
    public double[] logLikelihood() {
        return logLikelihood.clone();
    }

    /** log p(θ<sub>j</sub>) at each point (length M). */
    public double[] logPrior() {
        return logPrior.clone();
    }

    /**
     * log Z = log Σ<sub>j</sub> p(θ<sub>j</sub>)·exp(ℓ<sub>j</sub>)·V<sub>j</sub>, the log marginal
     * likelihood of the data — meaningful in absolute terms only for a normalized surrogate.
     */
    public double logEvidence() {
        return logEvidence;
    }

    /** Cell probabilities P<sub>j</sub>, summing to 1. */
    public double[] probabilities() {
        double[] p = new double[logMass.length];
        for (int j = 0; j < p.length; j++) {
            p[j] = Math.exp(logMass[j]);
        }
        return p;
    }

    /** Normalized log-density log p(θ<sub>j</sub> | X) = log P<sub>j</sub> − log V<sub>j</sub>. */
    public double[] logDensity() {
        double[] out = logMass.clone();
        for (int j = 0; j < out.length; j++) {
            out[j] -= Math.log(grid.cellVolume(j));
        }
        return out;
    }

    /** The grid point of highest posterior density. */
    public double[] map() {
        return grid.points().row(argmax(logDensity()));
    }

    /** The index of the largest entry (the first of ties). */
    static int argmax(double[] v) {
        int best = 0;
        for (int j = 1; j < v.length; j++) {
            if (v[j] > v[best]) {
                best = j;
            }
        }
        return best;
    }

    /** Posterior mean, length D<sub>θ</sub>. */
    public double[] mean() {
        double[] p = probabilities();
        Matrix pts = grid.points();
        double[] m = new double[dim()];
        for (int j = 0; j < p.length; j++) {
            for (int d = 0; d < m.length; d++) {
                m[d] += p[j] * pts.get(j, d);
            }
        }
        return m;
    }

    /** Posterior covariance (D<sub>θ</sub>, D<sub>θ</sub>), cell masses at the points. */
    public double[][] covariance() {
        double[] p = probabilities();
        Matrix pts = grid.points();
        double[] mean = mean();
        int dim = dim();
        double[][] cov = new double[dim][dim];
        double[] z = new double[dim];
        for (int j = 0; j < p.length; j++) {
            for (int d = 0; d < dim; d++) {
                z[d] = pts.get(j, d) - mean[d];
            }
            for (int a = 0; a < dim; a++) {
                for (int b = 0; b <= a; b++) {
                    cov[a][b] += p[j] * z[a] * z[b];
                }
            }
        }
        for (int a = 0; a < dim; a++) {
            for (int b = a + 1; b < dim; b++) {
                cov[a][b] = cov[b][a];
            }
        }
        return cov;
    }

    /** Posterior standard deviation per component. */
    public double[] standardDeviation() {
        double[][] cov = covariance();
        double[] sd = new double[dim()];
        for (int d = 0; d < sd.length; d++) {
            sd[d] = Math.sqrt(cov[d][d]);
        }
        return sd;
    }

    /** Marginal probabilities along dimension {@code d}: one mass per distinct coordinate, summing to 1. */
    public double[] marginal(int d) {
        return grid.axisCells(requireDimension(d)).sumByGroup(probabilities());
    }

    /** The marginal distribution along dimension {@code d}, with its intervals. */
    public Marginal marginalDistribution(int d) {
        ThetaGrid.AxisCells cells = grid.axisCells(requireDimension(d));
        return new Marginal(names.get(d), cells.values(), cells.edges(), cells.sumByGroup(probabilities()),
                grid.bounds().lower(d), grid.bounds().upper(d));
    }

    /**
     * The central interval of the marginal along {@code d}: [Q((1 − level)/2), Q((1 + level)/2)]
     * with Q the inverse of the marginal CDF, linear within each cell; clipped to the grid.
     */
    public CredibleInterval centralInterval(int d, double level) {
        return marginalDistribution(d).centralInterval(level);
    }

    /** The highest-density (shortest) interval of the marginal along {@code d}; see {@link Marginal#hpdInterval}. */
    public CredibleInterval hpdInterval(int d, double level) {
        return marginalDistribution(d).hpdInterval(level);
    }

    /** The HPD region of the marginal along {@code d}, one interval per mode; see {@link Marginal#hpdRegion}. */
    public List<CredibleInterval> hpdRegion(int d, double level) {
        return marginalDistribution(d).hpdRegion(level);
    }

    /**
     * The credibility of θ (Hermans et al. 2021): the posterior mass of the cells
     * whose density is strictly higher than that of the cell holding θ. θ lies in the
     * joint highest-density region of level 1 − α exactly when its credibility is below 1 − α
     * (up to the mass of its own cell).
     */
    public double credibility(double[] theta) {
        int own = grid.cellOf(theta);
        double[] density = logDensity();
        double mass = 0;
        for (int j = 0; j < density.length; j++) {
            if (density[j] > density[own]) {
                mass += Math.exp(logMass[j]);
            }
        }
        return Math.min(1.0, mass);
    }

    /**
     * n independent draws (n, D<sub>θ</sub>): a cell with probability P<sub>j</sub>, then a point
     * in it ({@link ThetaGrid#drawInCell}).
     */
    public Matrix sample(int n, SplittableRandom rng) {
        Require.positive("number of posterior draws", n);
        double[] cumulative = new double[logMass.length];
        double total = 0;
        for (int j = 0; j < cumulative.length; j++) {
            total += Math.exp(logMass[j]);
            cumulative[j] = total;
        }
        double[] out = new double[n * dim()];
        for (int i = 0; i < n; i++) {
            double u = rng.nextDouble() * total;
            int j = Arrays.binarySearch(cumulative, u);
            j = j >= 0 ? j + 1 : -j - 1;
            j = Math.min(j, cumulative.length - 1);
            while (logMass[j] == Double.NEGATIVE_INFINITY && j > 0) {
                j--;
            }
            System.arraycopy(grid.drawInCell(j, rng), 0, out, i * dim(), dim());
        }
        return Matrix.of(n, dim(), out);
    }

    /**
     * The posterior given this experiment and {@code other}'s: same grid and prior, log-likelihoods
     * added (the experiments may have been run at different φ).
     */
    public GridPosterior combine(GridPosterior other) {
        requireSameGridAndPrior("combining posteriors", other);
        double[] sum = new double[logLikelihood.length];
        for (int j = 0; j < sum.length; j++) {
            sum[j] = logLikelihood[j] + other.logLikelihood[j];
        }
        return new GridPosterior(grid, names, logPrior, sum);
    }

    private void requireSameGridAndPrior(String what, GridPosterior other) {
        if (!other.grid.equals(grid) || !other.names.equals(names)) {
            throw new InvalidInputException(what + ": expected the same grid and parameters but found "
                    + grid + " " + names + " and " + other.grid + " " + other.names);
        }
        for (int j = 0; j < logPrior.length; j++) {
            if (Double.compare(logPrior[j], other.logPrior[j]) != 0
                    && !(Math.abs(logPrior[j] - other.logPrior[j]) <= 1e-12 * Math.max(1, Math.abs(logPrior[j])))) {
                throw new InvalidInputException(what + ": expected the same prior but at grid point " + j
                        + " log p(theta) is " + logPrior[j] + " and " + other.logPrior[j]);
            }
        }
    }

    /**
     * The equal-weight mixture (1/K) Σ<sub>k</sub> p<sub>k</sub>(θ | X) of K ≥ 1 posteriors on the same
     * grid under the same prior (each normalized on its own, so each one's θ-independent likelihood
     * constant cancels). It is stored as the posterior of the same prior with the effective
     * log-likelihood
     * <pre>
     *   ℓ_j = log Σ_k exp(ℓ_{k,j} − log Z_k) − log K,
     * </pre>
     * whose evidence is 1 (log Z = 0 up to round-off): the cell masses are the mean of the members'.
     *
     * @throws InvalidInputException for no posteriors, or posteriors on other grids or priors
     */
    public static GridPosterior mixture(List<GridPosterior> members) {
        if (members == null || members.isEmpty()) {
            throw new InvalidInputException("posterior mixture: expected at least one posterior but found none");
        }
        GridPosterior first = members.get(0);
        for (GridPosterior m : members) {
            first.requireSameGridAndPrior("posterior mixture", m);
        }
        int k = members.size();
        double[] mixed = new double[first.logLikelihood.length];
        double[] terms = new double[k];
        for (int j = 0; j < mixed.length; j++) {
            for (int i = 0; i < k; i++) {
                GridPosterior m = members.get(i);
                terms[i] = m.logLikelihood[j] - m.logEvidence;
            }
            mixed[j] = logSumExp(terms) - Math.log(k);
        }
        return new GridPosterior(first.grid, first.names, first.logPrior, mixed);
    }

    /**
     * The posterior after one more experiment whose summed log-likelihood on this grid is
     * {@code more} (length M, finite or −∞): same grid and prior, log-likelihoods added. Cheaper
     * than {@link #fromLogLikelihood} when many datasets share one prior, since the prior is not
     * evaluated again.
     */
    public GridPosterior withLogLikelihood(double[] more) {
        if (more.length != logLikelihood.length) {
            throw new DimensionMismatchException("added log-likelihood values", logLikelihood.length, more.length);
        }
        double[] sum = new double[more.length];
        for (int j = 0; j < sum.length; j++) {
            double ll = more[j];
            if (Double.isNaN(ll) || ll == Double.POSITIVE_INFINITY) {
                throw new InvalidInputException("added log-likelihood at grid point " + j + ": expected a finite value"
                        + " or -Infinity but found " + ll);
            }
            sum[j] = logLikelihood[j] + ll;
        }
        return new GridPosterior(grid, names, logPrior, sum);
    }

    /**
     * The same posterior with its likelihood tempered: log-likelihoods divided by τ, prior and grid
     * unchanged, so log p<sub>τ</sub>(θ | X) = log p(θ) + ℓ(θ)/τ − log Z<sub>τ</sub>
     * ({@link org.robotphysicist.models.certificate.LikelihoodTempering}).
     *
     * @param tau the temperature, finite and &gt; 0 (1: this posterior)
     */
    public GridPosterior tempered(double tau) {
        if (!(tau > 0 && Double.isFinite(tau))) {
            throw new InvalidInputException("posterior temperature: expected a finite value > 0 but found " + tau);
        }
        if (tau == 1) {
            return this;
        }
        double[] scaled = new double[logLikelihood.length];
        for (int j = 0; j < scaled.length; j++) {
            scaled[j] = logLikelihood[j] / tau;
        }
        return new GridPosterior(grid, names, logPrior, scaled);
    }

    /**
     * The differential entropy in nats of the grid density, with the same quadrature as every
     * other summary (cell j carries mass P<sub>j</sub> at density P<sub>j</sub>/V<sub>j</sub>):
     * <pre>
     *   H = −Σ_j P_j log(P_j / V_j),
     * </pre>
     * empty cells contributing 0. For a uniform density over a box of volume V it is log V; it is
     * trustworthy only when the grid resolves the density (cells narrower than its width), and never
     * falls below the log-volume of one cell.
     */
    public double entropy() {
        double h = 0;
        for (int j = 0; j < logMass.length; j++) {
            if (logMass[j] > Double.NEGATIVE_INFINITY) {
                h -= Math.exp(logMass[j]) * (logMass[j] - Math.log(grid.cellVolume(j)));
            }
        }
        return h;
    }

    /**
     * The differential entropy of the marginal of components {@code dims} (distinct, in
     * [0, D)), in nats, with the same quadrature as {@link #entropy()}: the masses summed over the
     * other components into the cells of the chosen axes, each of volume Π_d w_d (the axis cell
     * widths, {@link ThetaGrid.AxisCells#edges()}),
     * <pre>
     *   H(θ_S) = −Σ_c P_c log(P_c / V_c).
     * </pre>
     * All components give {@link #entropy()}.
     */
    public double marginalEntropy(int... dims) {
        if (dims.length == 0) {
            throw new InvalidInputException("marginal entropy: expected at least one component but found none");
        }
        boolean[] seen = new boolean[dim()];
        for (int d : dims) {
            requireDimension(d);
            if (seen[d]) {
                throw new InvalidInputException("marginal entropy: expected distinct components but found "
                        + java.util.Arrays.toString(dims));
            }
            seen[d] = true;
        }
        if (dims.length == dim()) {
            return entropy();
        }
        ThetaGrid.AxisCells[] cells = new ThetaGrid.AxisCells[dims.length];
        int[][] groupOf = new int[dims.length][];
        double[][] edges = new double[dims.length][];
        int groups = 1;
        for (int i = 0; i < dims.length; i++) {
            cells[i] = grid.axisCells(dims[i]);
            groupOf[i] = cells[i].groupOfPoint();
            edges[i] = cells[i].edges();
            groups = Math.multiplyExact(groups, cells[i].count());
        }
        double[] mass = new double[groups];
        double[] p = probabilities();
        for (int j = 0; j < p.length; j++) {
            int key = 0;
            for (int i = 0; i < dims.length; i++) {
                key = key * cells[i].count() + groupOf[i][j];
            }
            mass[key] += p[j];
        }
        double h = 0;
        for (int key = 0; key < groups; key++) {
            if (mass[key] <= 0) {
                continue;
            }
            double volume = 1;
            int rest = key;
            for (int i = dims.length - 1; i >= 0; i--) {
                int g = rest % cells[i].count();
                rest /= cells[i].count();
                volume *= edges[i][g + 1] - edges[i][g];
            }
            h -= mass[key] * Math.log(mass[key] / volume);
        }
        return h;
    }

    /** This posterior as a prior for the next experiment; see {@link GridPrior}. */
    public GridPrior asPrior() {
        return new GridPrior(this);
    }

    /** The likelihood alone (no prior): maximum-likelihood estimate and Wilks intervals. */
    public ProfileLikelihood profileLikelihood() {
        return new ProfileLikelihood(grid, names, logLikelihood);
    }

    /** MAP, mean, sd, and central and HPD intervals at the given levels, per component. */
    public PosteriorSummary summarize(double... levels) {
        List<CredibleInterval> central = new ArrayList<>();
        List<CredibleInterval> hpd = new ArrayList<>();
        for (int d = 0; d < dim(); d++) {
            Marginal m = marginalDistribution(d);
            for (double level : levels) {
                central.add(m.centralInterval(level));
                hpd.add(m.hpdInterval(level));
            }
        }
        return new PosteriorSummary(names, map(), mean(), standardDeviation(), central, hpd);
    }

    private int requireDimension(int d) {
        if (d < 0 || d >= dim()) {
            throw new InvalidInputException("theta dimension: expected an index in [0, " + dim() + ") but found " + d);
        }
        return d;
    }

    @Override
    public String toString() {
        return "GridPosterior(" + grid + ", mean=" + Arrays.toString(mean()) + ")";
    }
}
