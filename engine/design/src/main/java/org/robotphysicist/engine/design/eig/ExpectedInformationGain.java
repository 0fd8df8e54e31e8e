package org.robotphysicist.engine.design.eig;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.robotphysicist.data.DimensionMismatchException;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.OutOfSupportException;
import org.robotphysicist.data.compute.Cancellation;
import org.robotphysicist.data.prior.Prior;
import org.robotphysicist.data.simulator.Simulator;
import org.robotphysicist.engine.posterior.GridPosterior;
import org.robotphysicist.engine.posterior.ThetaGrid;
import org.robotphysicist.models.SurrogateLikelihood;

/**
 * The expected information gain of running an experiment at φ (Lindley 1956),
 * <pre>
 *   EIG(φ) = E_{θ ~ p(θ), X ~ p(X | θ, φ)} [ H(p(θ)) − H(p(θ | X, φ)) ],
 * </pre>
 * estimated by simple Monte Carlo: K pairs (θ<sub>k</sub>, X<sub>k</sub>), θ<sub>k</sub> drawn from
 * the current prior (for example last round's posterior as a
 * {@link org.robotphysicist.engine.posterior.GridPrior}), X<sub>k</sub> one whole experiment
 * simulated at (θ<sub>k</sub>, φ) — a fixed event count, or under a fixed luminosity a Poisson count
 * first — and its posterior evaluated on the θ grid with the batched posterior engine
 * ({@link ExperimentLikelihood}, all K datasets in one call). The estimate is the mean of the
 * K gains g<sub>k</sub> = H(p(θ)) − H(p(θ | X<sub>k</sub>)), its standard error s/√K.
 *
 * <p>For a surrogate ensemble each p(θ | X<sub>k</sub>) is the equal-weight mixture of the member
 * posteriors, as the ensemble's posterior is: where the members disagree the mixture is wider, so a
 * setting whose apparent information is only surrogate error (members' errors differ) is not
 * preferred. Each member sums the same simulated events.
 *
 * <p>About a subset of θ: with target components S (the others nuisances, marginalized),
 * <pre>
 *   EIG_S(φ) = E [ H(p(θ_S)) − H(p(θ_S | X, φ)) ],
 * </pre>
 * the entropies of the marginal grid densities ({@link GridPosterior#marginalEntropy}); the datasets
 * are still drawn from the joint prior. With all components (the default) it is the joint EIG.
 *
 * <p>Entropies are differential entropies of the grid densities with the same quadrature for
 * prior and posteriors ({@link GridPosterior#entropy()}): the prior is the grid posterior with no
 * data. With the exact likelihood the expectation is the mutual information I(θ; X) ≥ 0; a single
 * gain may be negative (data that widen the posterior). Where the data do not depend on θ every
 * posterior equals the prior and the estimate is 0 with standard error 0. The grid must resolve the
 * posteriors (several points across their width), or their entropies — and the gain — are
 * biased.
 *
 * <p>Randomness: dataset k uses the k-th {@code rng.split()}, in order, and datasets run in
 * parallel, so the estimate depends only on the stream passed in. Passing streams with the same
 * seed at different φ gives common random numbers: the same θ draws and uniforms at every φ, so
 * differences between settings are far less noisy than the estimates themselves. Thread-safe.
 *
 * <p>Cancellation: an estimator made with a {@link Cancellation} checks it before simulating each
 * dataset and before each dataset's entropy (the likelihood's evaluator, made with the same token,
 * checks it between tiles), so a cancelled estimate stops within one dataset with a
 * {@link org.robotphysicist.data.compute.ComputationCancelledException}.
 */
public final class ExpectedInformationGain {
    private final ExperimentLikelihood likelihood;
    private final ThetaGrid grid;
    private final List<String> names;
    private final int datasets;
    private final Cancellation cancellation;
    /** The target components S, ascending; all of θ by default. */
    private final int[] target;

    /**
     * @param likelihood the experiment's likelihood (surrogate, simulator, experiment, rate term)
     * @param grid       the θ grid posteriors are evaluated on; inside the surrogate's θ range
     * @param datasets   K ≥ 2 simulated datasets per estimate
     */
    public ExpectedInformationGain(ExperimentLikelihood likelihood, ThetaGrid grid, int datasets) {
        this(likelihood, grid, datasets, Cancellation.none());
    }

    /**
     * As {@link #ExpectedInformationGain(ExperimentLikelihood, ThetaGrid, int)}, stopped by
     * {@code cancellation} between datasets.
     */
    public ExpectedInformationGain(ExperimentLikelihood likelihood, ThetaGrid grid, int datasets,
            Cancellation cancellation) {
        this(likelihood, grid, datasets, cancellation, IntStream.range(0, grid.dim()).toArray());
    }

    /**
     * As {@link #ExpectedInformationGain(ExperimentLikelihood, ThetaGrid, int, Cancellation)}, the
     * information about the components {@code target} only (distinct indices into θ, at least one).
     */
    public ExpectedInformationGain(ExperimentLikelihood likelihood, ThetaGrid grid, int datasets,
            Cancellation cancellation, int[] target) {
        this.target = requireTarget(target, grid.dim());
        this.cancellation = Objects.requireNonNull(cancellation, "cancellation");
        this.likelihood = Objects.requireNonNull(likelihood, "likelihood");
        this.grid = Objects.requireNonNull(grid, "grid");
        SurrogateLikelihood s = likelihood.evaluator().surrogate();
        if (grid.dim() != s.dimensions().thetaDim()) {
            throw new DimensionMismatchException("EIG theta grid: expected dimension " + s.dimensions().thetaDim()
                    + " but found " + grid.dim());
        }
        if (!grid.bounds().within(s.thetaRange())) {
            throw new OutOfSupportException("EIG theta grid: expected a grid inside the surrogate's theta range "
                    + s.thetaRange() + " but found " + grid.bounds());
        }
        if (!grid.bounds().within(likelihood.simulator().thetaDomain())) {
            throw new OutOfSupportException("EIG theta grid: expected a grid inside the simulator's theta domain "
                    + likelihood.simulator().thetaDomain() + " but found " + grid.bounds());
        }
        if (datasets < 2) {
            throw new InvalidInputException("EIG datasets: expected at least 2 (for a standard error) but found "
                    + datasets);
        }
        this.names = s.dimensions().thetaNames();
        this.datasets = datasets;
    }

    private static int[] requireTarget(int[] target, int dim) {
        if (target == null || target.length == 0 || target.length > dim) {
            throw new InvalidInputException("EIG target: expected 1 to " + dim + " theta components but found "
                    + (target == null ? "null" : Arrays.toString(target)));
        }
        int[] sorted = target.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            if (sorted[i] < 0 || sorted[i] >= dim || (i > 0 && sorted[i] == sorted[i - 1])) {
                throw new InvalidInputException("EIG target: expected distinct theta components in [0, " + dim
                        + ") but found " + Arrays.toString(target));
            }
        }
        return sorted;
    }

    /** The target components S whose information is estimated, ascending (all of θ by default). */
    public int[] target() {
        return target.clone();
    }

    /** The same estimator about the components {@code components} only, the others marginalized. */
    public ExpectedInformationGain withTarget(int... components) {
        return new ExpectedInformationGain(likelihood, grid, datasets, cancellation, components);
    }

    public ExperimentLikelihood likelihood() {
        return likelihood;
    }

    public ThetaGrid grid() {
        return grid;
    }

    /** K, datasets per estimate. */
    public int datasets() {
        return datasets;
    }

    /** The same estimator with K datasets per estimate. */
    public ExpectedInformationGain withDatasets(int k) {
        return new ExpectedInformationGain(likelihood, grid, k, cancellation, target);
    }

    /**
     * The grid posterior of {@code prior} with no data: the reference whose entropy is H(p(θ)),
     * and the base every simulated dataset updates. The prior's support must be the grid's box
     * (so that draws and posteriors cover the same θ).
     */
    public GridPosterior priorOnGrid(Prior prior) {
        Objects.requireNonNull(prior, "prior");
        if (prior.dim() != grid.dim()) {
            throw new DimensionMismatchException("EIG prior: expected dimension " + grid.dim() + " but found "
                    + prior.dim() + " (" + prior + ")");
        }
        if (!prior.support().within(grid.bounds()) || !grid.bounds().within(prior.support())) {
            throw new OutOfSupportException("EIG prior: expected a support equal to the theta grid's box "
                    + grid.bounds() + " (so draws and posteriors cover the same theta) but found " + prior.support());
        }
        return GridPosterior.fromLogLikelihood(prior, grid, names, new double[grid.size()]);
    }

    /**
     * The estimator of EIG under {@code prior} (its grid posterior made once), as an
     * {@link EigSearch} uses it.
     */
    public EigEstimator forPrior(Prior prior) {
        GridPosterior onGrid = priorOnGrid(prior);
        return (phi, rng) -> estimate(onGrid, prior, phi, rng);
    }

    /**
     * EIG(φ) with K = {@link #datasets()} simulated experiments.
     *
     * @param prior the current knowledge p(θ), support equal to the grid's box
     * @param phi   the setting, inside the simulator's domain and the surrogate's φ range
     * @param rng   the stream the θ draws and datasets split from
     */
    public EigEstimate estimate(Prior prior, double[] phi, SplittableRandom rng) {
        return estimate(priorOnGrid(prior), prior, phi, rng);
    }

    /**
     * As {@link #estimate(Prior, double[], SplittableRandom)} with the prior's grid posterior
     * already made by {@link #priorOnGrid} (saves M prior evaluations per call in a loop).
     */
    public EigEstimate estimate(GridPosterior priorOnGrid, Prior prior, double[] phi, SplittableRandom rng) {
        Objects.requireNonNull(rng, "rng");
        Simulator simulator = likelihood.simulator();
        simulator.phiDomain().require("EIG setting phi (the simulator's domain " + simulator.phiDomain() + ")", phi);
        likelihood.evaluator().surrogate().phiUnion().require("EIG setting phi (the surrogate's range "
                + likelihood.evaluator().surrogate().phiUnion() + ")", phi);
        SplittableRandom[] streams = new SplittableRandom[datasets];
        for (int k = 0; k < datasets; k++) {
            streams[k] = rng.split();
        }
        double[][] thetas = new double[datasets][];
        IntStream.range(0, datasets).parallel().forEach(k -> {
            cancellation.check();
            thetas[k] = prior.sample(1, streams[k]).row(0);
        });
        double priorEntropy = priorOnGrid.marginalEntropy(target);
        double[] gains = new double[datasets];
        // ll[m][k]: experiment k's log-likelihood under member m (one "member" for a single surrogate).
        double[][][] ll;
        int[] counts;
        if (likelihood.evaluator().members().isEmpty()) {
            ExperimentLikelihood.SimulatedLogLikelihoods simulated = likelihood.simulatedLogLikelihoods(
                    Matrix.ofRows(thetas), Arrays.asList(streams), grid.points(), phi, cancellation);
            ll = new double[][][] {simulated.logLikelihoods()};
            counts = simulated.events();
        } else {
            ExperimentLikelihood.MemberLogLikelihoods simulated = likelihood.simulatedMemberLogLikelihoods(
                    Matrix.ofRows(thetas), Arrays.asList(streams), grid.points(), phi, cancellation);
            ll = simulated.logLikelihoods();
            counts = simulated.events();
        }
        IntStream.range(0, datasets).parallel().forEach(k -> {
            cancellation.check();
            gains[k] = priorEntropy - posterior(priorOnGrid, ll, k).marginalEntropy(target);
        });
        double mean = 0;
        double events = 0;
        for (int k = 0; k < datasets; k++) {
            mean += gains[k];
            events += counts[k];
        }
        mean /= datasets;
        double ss = 0;
        for (double g : gains) {
            ss += (g - mean) * (g - mean);
        }
        double se = Math.sqrt(ss / (datasets - 1) / datasets);
        return new EigEstimate(phi, mean, se, datasets, priorEntropy, priorEntropy - mean, events / datasets);
    }

    /** Experiment k's posterior: under the one surrogate, or the mixture of the members' posteriors. */
    private static GridPosterior posterior(GridPosterior priorOnGrid, double[][][] ll, int k) {
        if (ll.length == 1) {
            return priorOnGrid.withLogLikelihood(ll[0][k]);
        }
        List<GridPosterior> members = new ArrayList<>(ll.length);
        for (double[][] member : ll) {
            members.add(priorOnGrid.withLogLikelihood(member[k]));
        }
        return GridPosterior.mixture(members);
    }

    @Override
    public String toString() {
        return "ExpectedInformationGain(" + datasets + " datasets, " + grid + ", " + likelihood
                + (target.length == grid.dim() ? "" : ", target " + Arrays.toString(target)) + ")";
    }
}
