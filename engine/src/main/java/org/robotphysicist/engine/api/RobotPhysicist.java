package org.robotphysicist.engine.api;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.OutOfSupportException;
import org.robotphysicist.data.RegularGrid;
import org.robotphysicist.data.prior.Prior;
import org.robotphysicist.data.prior.UniformBoxPrior;
import org.robotphysicist.data.progress.ProgressReporter;
import org.robotphysicist.data.simulator.Experiment;
import org.robotphysicist.data.simulator.Simulator;
import org.robotphysicist.engine.design.acquisition.AcquisitionMaximizer;
import org.robotphysicist.engine.compute.Cancellation;
import org.robotphysicist.engine.design.bo.BoConfig;
import org.robotphysicist.engine.design.eig.EigEstimate;
import org.robotphysicist.engine.design.eig.EigSearch;
import org.robotphysicist.engine.design.eig.ExpectedInformationGain;
import org.robotphysicist.engine.design.eig.ExperimentLikelihood;
import org.robotphysicist.engine.design.gp.GpConfig;
import org.robotphysicist.engine.posterior.GridPosterior;
import org.robotphysicist.engine.posterior.Observation;
import org.robotphysicist.engine.posterior.PosteriorEvaluator;
import org.robotphysicist.engine.posterior.SurrogatePosterior;
import org.robotphysicist.engine.posterior.ThetaGrid;
import org.robotphysicist.engine.surrogate.SurrogateBuildRequest;
import org.robotphysicist.engine.surrogate.SurrogateRegistry;
import org.robotphysicist.engine.surrogate.TrainingSource;
import org.robotphysicist.models.SurrogateLikelihood;
import org.robotphysicist.models.file.LoadOptions;
import org.robotphysicist.models.file.SurrogateFiles;
import org.robotphysicist.models.file.TrainedSurrogate;

/**
 * The engine's entry point for other code: one simulator, a prior on θ and a range of experiment
 * settings φ, and from them trained surrogates ({@link #train}), saved ones ({@link #load}), grid
 * posteriors of observed events ({@link #posterior}), expected information gains ({@link #eig}) and
 * the next setting to run ({@link #suggestNext}).
 *
 * <p>Immutable and validated: {@link #forSimulator} starts with the uniform prior over the
 * simulator's θ domain and φ over its φ domain (where those are bounded), and each {@code prior(..)},
 * {@code settings(..)}, {@code seed(..)} returns a changed copy. Safe to share between threads; the
 * surrogates it returns are as thread-safe as their kind ({@link PosteriorEvaluator} requires it).
 *
 * <p>The posterior is p(θ | X, φ) ∝ p(θ) Π<sub>i</sub> p̂(x<sub>i</sub> | θ, φ) on a regular grid over
 * the prior's support; EIG(φ) = E<sub>θ ~ p(θ), X ~ p(X | θ, φ)</sub>[H(p(θ)) −
 * H(p(θ | X, φ))] by Monte Carlo with its standard error, maximized over the φ range by Bayesian
 * optimization with a Gaussian process.
 */
public final class RobotPhysicist {
    private final Simulator simulator;
    private final Prior prior;
    private final Box phiRange;
    private final Consumer<String> log;
    private final ProgressReporter progress;

    private RobotPhysicist(Simulator simulator, Prior prior, Box phiRange, Consumer<String> log,
            ProgressReporter progress) {
        this.simulator = simulator;
        this.prior = prior;
        this.phiRange = phiRange;
        this.log = log;
        this.progress = progress;
    }

    /**
     * Starts with {@code simulator}: uniform prior over its θ domain, φ over its φ domain, silent.
     * Call {@link #prior} and {@link #settings} where a domain is unbounded.
     */
    public static RobotPhysicist forSimulator(Simulator simulator) {
        Objects.requireNonNull(simulator, "simulator");
        Prior p = simulator.thetaDomain().isBounded() ? new UniformBoxPrior(simulator.thetaDomain()) : null;
        Box phi = simulator.phiDomain().isBounded() ? simulator.phiDomain() : null;
        return new RobotPhysicist(simulator, p, phi, line -> { }, ProgressReporter.silent());
    }

    /** The same with the uniform prior over {@code thetaRange} (inside the simulator's θ domain). */
    public RobotPhysicist prior(Box thetaRange) {
        requireInside("prior range", thetaRange, simulator.thetaDomain(), simulator.dimensions().thetaDim());
        return prior(new UniformBoxPrior(thetaRange));
    }

    /**
     * The same with another prior of bounded support inside the simulator's θ domain, for example
     * a previous posterior ({@code result.posterior().asPrior()}).
     */
    public RobotPhysicist prior(Prior p) {
        Objects.requireNonNull(p, "prior");
        if (!p.support().isBounded()) {
            throw new InvalidInputException("prior: expected a bounded support (the posterior grid spans it) but found "
                    + p.support());
        }
        requireInside("prior support", p.support(), simulator.thetaDomain(), simulator.dimensions().thetaDim());
        return new RobotPhysicist(simulator, p, phiRange, log, progress);
    }

    /** The same with experiment settings φ in {@code range} (inside the simulator's φ domain). */
    public RobotPhysicist settings(Box range) {
        requireInside("phi range", range, simulator.phiDomain(), simulator.dimensions().phiDim());
        return new RobotPhysicist(simulator, prior, range, log, progress);
    }

    /** The same with one fixed setting φ. */
    public RobotPhysicist settings(double... phi) {
        return settings(new Box(phi.clone(), phi.clone()));
    }

    /** The same, reporting progress lines to {@code lines} and long stages to {@code reporter}. */
    public RobotPhysicist reporting(Consumer<String> lines, ProgressReporter reporter) {
        return new RobotPhysicist(simulator, prior, phiRange, Objects.requireNonNull(lines, "log"),
                Objects.requireNonNull(reporter, "progress"));
    }

    public Simulator simulator() {
        return simulator;
    }

    /** The current prior on θ. */
    public Prior prior() {
        return requirePrior();
    }

    /** The range of settings φ. */
    public Box settings() {
        return requirePhi();
    }

    /**
     * Builds or trains the surrogate {@code options.surrogate()} ({@link SurrogateRegistry}) for the
     * prior's support × the φ range: a neural kind trains on θ drawn from the current prior and φ
     * drawn uniformly over the range (or fixed at one setting), conditioned on (θ, φ). All
     * randomness follows from {@code options.seed()}.
     */
    public TrainedModel train(TrainOptions options) {
        Objects.requireNonNull(options, "options");
        return TrainedModel.of(SurrogateRegistry.discover().build(options.surrogate(), buildRequest(options)));
    }

    /** The registry request {@link #train} builds for {@code options} (for callers that drive the registry). */
    public SurrogateBuildRequest buildRequest(TrainOptions options) {
        return new SurrogateBuildRequest(TrainingSource.of(simulator), requirePrior(), requirePhi(),
                options.training(), options.histogram(), options.eventsPerExperiment(), options.device(), log,
                progress);
    }

    /**
     * Reads a model file (any kind with a registered loader) and checks it fits the simulator;
     * {@code options.signatures()} says whether it must be signed by a trusted key
     * ({@link LoadOptions#requireSignature}).
     */
    public TrainedModel load(Path path, LoadOptions options) {
        TrainedSurrogate s = SurrogateFiles.load(path, options);
        try {
            simulator.dimensions().requireCompatible("model file " + path, s.dimensions());
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
        return new TrainedModel(s, s.kind(), s.kind() + " from " + path, false);
    }

    /**
     * The grid posterior of {@code observation}'s events at its φ under the current prior,
     * normalized by log-sum-exp, on {@code options.gridPoints()} points per θ dimension over the
     * prior's support.
     *
     * @throws OutOfSupportException when the prior's support or φ lies outside the surrogate's ranges
     */
    public PosteriorResult posterior(SurrogateLikelihood surrogate, Observation observation, PosteriorOptions options) {
        return posterior(surrogate, observation, options, Cancellation.none());
    }

    /**
     * As {@link #posterior(SurrogateLikelihood, Observation, PosteriorOptions)}, checking
     * {@code cancellation} between tiles of the evaluation and before the summary.
     *
     * @throws org.robotphysicist.engine.compute.ComputationCancelledException once it is cancelled
     *         or past its deadline
     */
    public PosteriorResult posterior(SurrogateLikelihood surrogate, Observation observation, PosteriorOptions options,
            Cancellation cancellation) {
        Objects.requireNonNull(observation, "observation");
        simulator.dimensions().requireCompatible("surrogate", surrogate.dimensions());
        Box theta = requirePrior().support();
        requireCovers(surrogate, theta, observation.phi());
        RegularGrid grid = grid(theta, options.gridPoints());
        GridPosterior p = SurrogatePosterior.of(prior, PosteriorEvaluator.forSurrogate(surrogate, cancellation),
                List.of(observation)).onGrid(grid);
        cancellation.check();
        return new PosteriorResult(p, p.summarize(options.levels()), observation.size(), observation.phi());
    }

    /**
     * EIG estimates at each candidate φ under the current prior, with common random numbers across
     * candidates (each estimate starts from {@code options.seed()}).
     */
    public List<EigEstimate> eig(SurrogateLikelihood surrogate, List<double[]> candidates, EigOptions options) {
        return eig(surrogate, candidates, options, Cancellation.none());
    }

    /**
     * As {@link #eig(SurrogateLikelihood, List, EigOptions)}, checking {@code cancellation} between
     * candidates, simulated datasets and evaluation tiles.
     *
     * @throws org.robotphysicist.engine.compute.ComputationCancelledException once it is cancelled
     *         or past its deadline
     */
    public List<EigEstimate> eig(SurrogateLikelihood surrogate, List<double[]> candidates, EigOptions options,
            Cancellation cancellation) {
        return eig(surrogate, candidates, options, simulator.dimensions().thetaNames(), cancellation);
    }

    /**
     * EIG about the θ components named in {@code target} only, the others marginalized as
     * nuisances: E[H(p(θ_t)) − H(p(θ_t | X))] with the marginal prior and posteriors of the target
     * components ({@link ExpectedInformationGain#withTarget}); otherwise as
     * {@link #eig(SurrogateLikelihood, List, EigOptions)}.
     *
     * @throws InvalidInputException for a name θ does not have, a repeated one, or none
     */
    public List<EigEstimate> eig(SurrogateLikelihood surrogate, List<double[]> candidates, EigOptions options,
            List<String> target, Cancellation cancellation) {
        if (candidates.isEmpty()) {
            throw new InvalidInputException("EIG candidates: expected at least one phi but found none");
        }
        List<String> names = simulator.dimensions().thetaNames();
        int[] components = new int[target.size()];
        for (int i = 0; i < components.length; i++) {
            components[i] = names.indexOf(target.get(i));
            if (components[i] < 0) {
                throw new InvalidInputException("EIG target: expected theta components among " + names
                        + " but found '" + target.get(i) + "'");
            }
        }
        ExpectedInformationGain eig = estimator(surrogate, options, cancellation).withTarget(components);
        GridPosterior priorOnGrid = eig.priorOnGrid(prior);
        List<EigEstimate> out = new ArrayList<>();
        for (double[] phi : candidates) {
            cancellation.check();
            requireCovers(surrogate, prior.support(), phi);
            out.add(eig.estimate(priorOnGrid, prior, phi, new SplittableRandom(options.seed())));
        }
        return out;
    }

    /**
     * The next setting to run: {@code options.evaluations()} EIG estimates chosen by Bayesian
     * optimization over the φ range (log expected improvement, a GP with known noise s.e.²), then
     * the evaluated φ with the highest GP mean.
     */
    public Suggestion suggestNext(SurrogateLikelihood surrogate, EigOptions options) {
        Box phi = requirePhi();
        requireCovers(surrogate, requirePrior().support(), phi.lower());
        requireCovers(surrogate, prior.support(), phi.upper());
        if (Arrays.equals(phi.lower(), phi.upper())) {
            throw new InvalidInputException("phi range: expected a range to choose from but found the single setting "
                    + Arrays.toString(phi.lower()));
        }
        SplittableRandom seeds = new SplittableRandom(options.seed());
        BoConfig bo = BoConfig.defaults().withInitialPoints(options.initialPoints())
                .withGp(GpConfig.defaults().withRestarts(2)).withSearch(new AcquisitionMaximizer.Settings(512, 3, 40));
        EigSearch search = EigSearch.start(estimator(surrogate, options, Cancellation.none()), prior, phi, bo, seeds.nextLong(),
                options.seed(), true);
        for (int i = 0; i < options.evaluations(); i++) {
            EigEstimate e = search.step();
            log.accept(String.format("  EIG(%s) = %.4g +- %.2g nats", Arrays.toString(e.phi()), e.value(),
                    e.standardError()));
        }
        EigSearch.Recommendation best = search.recommend(seeds.split());
        return new Suggestion(best.phi(), best.estimate(), best.gpMean(), search.estimates());
    }

    private ExpectedInformationGain estimator(SurrogateLikelihood surrogate, EigOptions options,
            Cancellation cancellation) {
        ExperimentLikelihood likelihood = new ExperimentLikelihood(PosteriorEvaluator.forSurrogate(surrogate,
                cancellation), simulator, new Experiment.FixedEventCount(options.eventsPerExperiment()), false);
        return new ExpectedInformationGain(likelihood, ThetaGrid.of(grid(requirePrior().support(),
                options.gridPoints())), options.datasets(), cancellation);
    }

    private static RegularGrid grid(Box theta, int pointsPerDim) {
        int[] counts = new int[theta.dim()];
        Arrays.fill(counts, pointsPerDim);
        if (Math.pow(pointsPerDim, theta.dim()) > PosteriorOptions.MAX_GRID_POINTS) {
            throw new InvalidInputException("grid: expected at most " + PosteriorOptions.MAX_GRID_POINTS
                    + " points but found " + pointsPerDim + "^" + theta.dim());
        }
        return new RegularGrid(theta.lower(), theta.upper(), counts);
    }

    private static void requireCovers(SurrogateLikelihood surrogate, Box theta, double[] phi) {
        if (!theta.within(surrogate.thetaRange())) {
            throw new OutOfSupportException("prior support: expected a box inside the surrogate's theta range "
                    + surrogate.thetaRange() + " but found " + theta);
        }
        surrogate.phiRange().require("phi (inside the surrogate's phi range)", phi);
    }

    private static void requireInside(String what, Box box, Box domain, int dim) {
        Objects.requireNonNull(box, what);
        if (box.dim() != dim) {
            throw new org.robotphysicist.data.DimensionMismatchException(what + ": expected " + dim
                    + " dimension(s) but found " + box.dim());
        }
        if (!box.within(domain)) {
            throw new OutOfSupportException(what + ": expected a box inside the simulator's domain " + domain
                    + " but found " + box);
        }
    }

    private Prior requirePrior() {
        if (prior == null) {
            throw new InvalidInputException("prior: expected one (the simulator's theta domain "
                    + simulator.thetaDomain() + " is unbounded) but found none; call prior(..)");
        }
        return prior;
    }

    private Box requirePhi() {
        if (phiRange == null) {
            throw new InvalidInputException("phi range: expected one (the simulator's phi domain "
                    + simulator.phiDomain() + " is unbounded) but found none; call settings(..)");
        }
        return phiRange;
    }

    @Override
    public String toString() {
        return "RobotPhysicist[" + simulator.name() + ", prior=" + prior + ", phi=" + phiRange + "]";
    }
}
