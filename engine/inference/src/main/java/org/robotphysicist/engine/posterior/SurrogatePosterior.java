package org.robotphysicist.engine.posterior;

import java.util.ArrayList;
import java.util.List;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.DimensionMismatchException;
import org.robotphysicist.data.Dimensions;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.OutOfSupportException;
import org.robotphysicist.data.RegularGrid;
import org.robotphysicist.data.prior.Prior;
import org.robotphysicist.models.CompensatedSums;
import org.robotphysicist.models.RangePolicy;
import org.robotphysicist.models.SurrogateArguments;
import org.robotphysicist.models.SurrogateLikelihood;

/**
 * The posterior given one or more experiments, each with its own setting φ<sub>e</sub>:
 * <pre>
 *   log p(θ | X_1..X_E) = log p(θ) + Σ_e Σ_{i} log p̂(x_{e,i} | θ, φ_e) − log Z.
 * </pre>
 * Realized on a θ grid by {@link #onGrid} (D<sub>θ</sub> ≤ 3), or sampled through its batched
 * unnormalized log-density ({@link BatchedLogDensity}) beyond that.
 *
 * <p>The surrogate is only valid on its θ range, so the density's support is the prior's support
 * intersected with that range: outside it {@link #logDensity} is −∞ — the posterior is truncated
 * to where the surrogate knows the likelihood ({@link #truncatesPrior()} says whether that cuts
 * into the prior's support). A trained model loaded with {@link RangePolicy#WARN} extrapolates
 * instead: the support is the prior's.
 *
 * <p>A request from outside is validated once by {@link PosteriorRequest}; this class keeps, for
 * callers that build it directly, only cheap checks: dimensions, the prior's support, and the
 * surrogate's ranges under {@link RangePolicy#FAIL}.
 *
 * <p>For a surrogate ensemble (an evaluator with {@link PosteriorEvaluator#members()}) the posterior
 * is the equal-weight mixture of the member posteriors, (1/K) Σ<sub>k</sub> p<sub>k</sub>(θ | X), each
 * p<sub>k</sub> the formula above with member k's likelihood ({@link #memberPosteriors}, {@link GridPosterior#mixture};
 * why this rule: {@link org.robotphysicist.models.ensemble.SurrogateEnsemble}). The grid realizes it
 * directly; {@link #logDensity} (for samplers) refuses an ensemble, since the mixture needs each
 * member's normalizing constant, and samplers draw from each of {@link #memberTargets} instead
 * ({@link org.robotphysicist.engine.posterior.sampling.EnsembleMcmcPosterior}).
 */
public final class SurrogatePosterior implements BatchedLogDensity {
    private final Prior prior;
    private final PosteriorEvaluator evaluator;
    private final List<Observation> observations;
    private final Box support;

    private SurrogatePosterior(Prior prior, PosteriorEvaluator evaluator, List<Observation> observations) {
        SurrogateLikelihood s = evaluator.surrogate();
        Dimensions dims = s.dimensions();
        if (prior.dim() != dims.thetaDim()) {
            throw new DimensionMismatchException("prior: expected dimension " + dims.thetaDim() + " (the surrogate's"
                    + " theta " + dims.thetaNames() + ") but found " + prior.dim() + " (" + prior + ")");
        }
        PosteriorRequest.requireShapes(dims, observations);
        for (int e = 0; e < observations.size(); e++) {
            SurrogateArguments.phi(s, "observation " + e + " phi", observations.get(e).phi());
        }
        this.prior = prior;
        this.evaluator = evaluator;
        this.observations = List.copyOf(observations);
        this.support = s.rangePolicy() == RangePolicy.WARN ? prior.support() : intersect(prior.support(),
                s.thetaRange());
    }

    /** The posterior of {@code prior} given every observation, summed with {@code evaluator}. */
    public static SurrogatePosterior of(Prior prior, PosteriorEvaluator evaluator, List<Observation> observations) {
        if (prior == null || evaluator == null || observations == null) {
            throw new InvalidInputException("surrogate posterior: expected a prior, an evaluator and a list of"
                    + " observations but found a null");
        }
        return new SurrogatePosterior(prior, evaluator, observations);
    }

    /** With the default evaluator for {@code surrogate}. */
    public static SurrogatePosterior of(Prior prior, SurrogateLikelihood surrogate, Observation... observations) {
        return of(prior, PosteriorEvaluator.forSurrogate(surrogate), List.of(observations));
    }

    /** The same prior and evaluator with one more experiment. */
    public SurrogatePosterior with(Observation more) {
        List<Observation> all = new ArrayList<>(observations);
        all.add(more);
        return new SurrogatePosterior(prior, evaluator, all);
    }

    public Prior prior() {
        return prior;
    }

    public PosteriorEvaluator evaluator() {
        return evaluator;
    }

    public List<Observation> observations() {
        return observations;
    }

    /** True when the surrogate's θ range cuts into the prior's support (never under {@link RangePolicy#WARN}). */
    public boolean truncatesPrior() {
        return !prior.support().within(support);
    }

    /**
     * Σ<sub>e</sub> Σ<sub>i</sub> log p̂(x<sub>e,i</sub> | θ<sub>j</sub>, φ<sub>e</sub>) per row,
     * summed in float64 with compensation; 0 with no observations.
     *
     * @param thetas (M, D<sub>θ</sub>) inside the surrogate's θ range (outside it the evaluator's
     *               surrogate applies its {@link RangePolicy})
     */
    public double[] logLikelihood(Matrix thetas) {
        thetas.requireShape("theta points", -1, dims().thetaDim()).requireNonEmpty("theta points");
        CompensatedSums total = new CompensatedSums(thetas.rows());
        for (Observation o : observations) {
            total.addAll(0, evaluator.logLikelihoodSums(o.events(), thetas, o.phi()));
        }
        return total.values();
    }

    /**
     * The normalized posterior on {@code grid}, which must lie inside the prior's support and the
     * surrogate's θ range.
     */
    public GridPosterior onGrid(ThetaGrid grid) {
        if (isEnsemble()) {
            return GridPosterior.mixture(memberPosteriors(grid));
        }
        requireGrid(grid);
        return GridPosterior.fromLogLikelihood(prior, grid, dims().thetaNames(), logLikelihood(grid.points()));
    }

    /**
     * Whether the surrogate is an ensemble, whose posterior is the mixture of {@link #memberPosteriors}.
     */
    public boolean isEnsemble() {
        return !evaluator.members().isEmpty();
    }

    /**
     * The posterior under each member of a surrogate ensemble on {@code grid}, in member order; the
     * one posterior of {@link #onGrid} for any other surrogate.
     */
    public List<GridPosterior> memberPosteriors(ThetaGrid grid) {
        if (!isEnsemble()) {
            return List.of(onGrid(grid));
        }
        requireGrid(grid);
        return memberTargets().stream().map(member -> member.onGrid(grid)).toList();
    }

    /**
     * The posterior under each member of a surrogate ensemble, same prior and observations, in member
     * order — each a single surrogate's posterior with a point density for samplers; this posterior
     * alone for any other surrogate.
     */
    public List<SurrogatePosterior> memberTargets() {
        if (!isEnsemble()) {
            return List.of(this);
        }
        List<SurrogatePosterior> out = new ArrayList<>();
        for (PosteriorEvaluator member : evaluator.members()) {
            out.add(new SurrogatePosterior(prior, member, observations));
        }
        return out;
    }

    /**
     * Checks that {@code grid} can carry this posterior: the surrogate's θ dimension, inside the
     * prior's support and inside the surrogate's θ range unless the surrogate's
     * {@link RangePolicy} is {@link RangePolicy#WARN} (then {@link PosteriorRequest} reports it).
     */
    public void requireGrid(ThetaGrid grid) {
        if (grid.dim() != dims().thetaDim()) {
            throw new DimensionMismatchException("theta grid: expected dimension " + dims().thetaDim() + " (the"
                    + " surrogate's theta " + dims().thetaNames() + ") but found " + grid.dim());
        }
        if (!grid.bounds().within(prior.support())) {
            throw new OutOfSupportException("theta grid: expected a grid inside the prior's support "
                    + prior.support() + " but found " + grid.bounds());
        }
        SurrogateArguments.thetaBox(evaluator.surrogate(), "theta grid", grid.bounds());
    }

    /** {@link #onGrid(ThetaGrid)} on a regular grid. */
    public GridPosterior onGrid(RegularGrid grid) {
        return onGrid(ThetaGrid.of(grid));
    }

    @Override
    public int dim() {
        return prior.dim();
    }

    @Override
    public Box support() {
        return support;
    }

    @Override
    public List<String> parameterNames() {
        return dims().thetaNames();
    }

    /**
     * log p(θ) + log-likelihood, one evaluator call per experiment for all rows inside the
     * support; −∞ for the others.
     */
    @Override
    public double[] logDensity(Matrix points) {
        if (isEnsemble()) {
            throw new InvalidInputException("posterior of a surrogate ensemble: expected a sampler of each member's"
                    + " posterior (memberTargets; the mixture of member posteriors needs each member's normalization)"
                    + " but a sampler asked for the mixture's point densities");
        }
        points.requireShape("points", -1, dim()).requireNonEmpty("points");
        double[] logPrior = prior.logProb(points);
        int[] inside = new int[points.rows()];
        int count = 0;
        double[] row = new double[dim()];
        for (int k = 0; k < points.rows(); k++) {
            points.copyRow(k, row);
            if (logPrior[k] > Double.NEGATIVE_INFINITY && support.contains(row)) {
                inside[count++] = k;
            }
        }
        double[] out = new double[points.rows()];
        java.util.Arrays.fill(out, Double.NEGATIVE_INFINITY);
        if (count == 0) {
            return out;
        }
        double[] selected = new double[count * dim()];
        for (int c = 0; c < count; c++) {
            points.copyRow(inside[c], row);
            System.arraycopy(row, 0, selected, c * dim(), dim());
        }
        double[] ll = logLikelihood(Matrix.of(count, dim(), selected));
        for (int c = 0; c < count; c++) {
            out[inside[c]] = logPrior[inside[c]] + ll[c];
        }
        return out;
    }

    private Dimensions dims() {
        return evaluator.surrogate().dimensions();
    }

    private static Box intersect(Box a, Box b) {
        double[] lo = new double[a.dim()];
        double[] hi = new double[a.dim()];
        for (int d = 0; d < lo.length; d++) {
            lo[d] = Math.max(a.lower(d), b.lower(d));
            hi[d] = Math.min(a.upper(d), b.upper(d));
            if (lo[d] > hi[d]) {
                throw new OutOfSupportException("posterior support: the prior's support " + a + " and the"
                        + " surrogate's theta range " + b + " do not overlap in dimension " + d);
            }
        }
        return new Box(lo, hi);
    }

    @Override
    public String toString() {
        return "SurrogatePosterior(" + prior + ", " + observations.size() + " experiments, " + evaluator + ")";
    }
}
