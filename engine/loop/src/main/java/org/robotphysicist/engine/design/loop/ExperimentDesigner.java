package org.robotphysicist.engine.design.loop;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.DimensionMismatchException;
import org.robotphysicist.data.Dimensions;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.MalformedDataException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.OutOfSupportException;
import org.robotphysicist.data.RegularGrid;
import org.robotphysicist.data.dataset.EventDataset;
import org.robotphysicist.data.io.Json;
import org.robotphysicist.data.io.Provenance;
import org.robotphysicist.data.prior.Prior;
import org.robotphysicist.data.prior.UniformBoxPrior;
import org.robotphysicist.data.progress.Progress;
import org.robotphysicist.data.simulator.Simulator;
import org.robotphysicist.engine.design.bo.BoConfig;
import org.robotphysicist.engine.design.eig.EigEstimate;
import org.robotphysicist.engine.design.eig.EigSearch;
import org.robotphysicist.engine.design.eig.ExpectedInformationGain;
import org.robotphysicist.engine.design.eig.ExperimentLikelihood;
import org.robotphysicist.engine.design.gp.GaussianProcess;
import org.robotphysicist.engine.design.gp.Prediction;
import org.robotphysicist.engine.posterior.EnsembleSpread;
import org.robotphysicist.engine.posterior.GridPosterior;
import org.robotphysicist.engine.posterior.PosteriorEvaluator;
import org.robotphysicist.engine.posterior.ThetaGrid;
import org.robotphysicist.engine.surrogate.BuiltSurrogate;
import org.robotphysicist.engine.surrogate.SurrogateBuildRequest;
import org.robotphysicist.engine.surrogate.SurrogateRegistry;
import org.robotphysicist.engine.surrogate.TrainingSource;
import org.robotphysicist.models.RangePolicy;
import org.robotphysicist.models.SurrogateLikelihood;
import org.robotphysicist.models.certificate.CalibrationCertificate;
import org.robotphysicist.models.certificate.ScoreFit;
import org.robotphysicist.models.file.LoadOptions;
import org.robotphysicist.models.file.SurrogateFiles;
import org.robotphysicist.models.file.TrainedSurrogate;
import org.robotphysicist.training.device.Devices;

/**
 * The robot physicist's loop (docs/architecture.md): for R rounds,
 * <ol>
 *   <li>choose φ by Bayesian optimization of the expected information gain over the φ range
 *       ({@link EigSearch}: each EIG estimate is observed with its squared standard error as known
 *       noise; from round 2 the first estimates are at the earlier rounds' choices (the last
 *       {@link #EARLIER_CHOICES_REVISITED} distinct ones, most recent first), whose neighbourhoods
 *       usually stay good as the prior narrows; the last estimate is at the GP
 *       mean's maximum; then k = {@link DesignConfig#verifications()} evaluated settings — those of
 *       highest GP mean and of highest estimate, in turn — and the best of a rival maximum
 *       ({@link DesignConfig#verifyRival()}) are re-estimated with an independent stream and
 *       {@link DesignConfig#verificationDatasets()} datasets each (4 times the search's by default),
 *       and the best fresh estimate is chosen ({@link EigSearch#verify}: neither a setting whose own
 *       estimate came out high by Monte Carlo noise, nor a narrow peak the GP smoothed away, nor the
 *       one maximum the search's estimates crowded around decides the choice; with 0 verifications
 *       the highest GP mean is chosen);</li>
 *   <li>run the experiment there ({@link ExperimentRunner}: a simulation at a hidden θ, or real
 *       events from the caller);</li>
 *   <li>update the posterior on the θ grid; it becomes the next round's prior
 *       ({@link GridPosterior#asPrior()}).</li>
 * </ol>
 * Every round is logged, kept in the {@link DesignHistory} and announced to the options'
 * {@link RoundListener}s — the proposal chosen, the round recorded with its posterior, the run
 * finished; the designer writes no file itself: {@code history.json}, the events and the plots of an
 * output directory are listeners ({@link DesignOptions#withOutput}). A run resumes from its history
 * ({@link #resume}).
 *
 * <p>The initial prior is uniform on the θ range; posteriors live on a regular grid of
 * {@link DesignConfig#gridPoints()} points per θ dimension over that range. The likelihood of an
 * experiment is the surrogate's, plus the Poisson rate term under a fixed luminosity when
 * {@link DesignConfig#extendedLikelihood()} ({@link ExperimentLikelihood}).
 *
 * <p>With a surrogate ensemble (K networks, {@link
 * org.robotphysicist.engine.surrogate.SurrogateTrainingConfig#ensembleMembers()}) the posterior after each
 * round is the equal-weight mixture of the K member posteriors given all rounds so far
 * ({@link GridPosterior#mixture}), each member updated with its own likelihood; the round records
 * the mixture's increment over the previous posterior as its log-likelihood (so the posterior is still
 * the previous one times it), every member's log-likelihood and the members' spread
 * ({@link EnsembleRound}). EIG is estimated with the ensemble's per-event mixture density as the
 * likelihood ({@link org.robotphysicist.models.ensemble.SurrogateEnsemble}).
 *
 * <p>The surrogate is the registry's kind {@link DesignConfig#surrogate()}, built (trained once,
 * across the φ range) before round 1, or one the caller passes in ({@link #start(DesignConfig,
 * Simulator, SurrogateLikelihood, ExperimentRunner, DesignOptions)}, e.g. read from a model file
 * and reused every round). A designer that built its surrogate closes it in {@link #close()}.
 *
 * <p>With refinement ({@link DesignConfig#refineRows()}) the designer trains a new surrogate before
 * every round after the first, on all simulations so far plus new ones with θ drawn from the
 * current posterior ({@link SurrogateRefinement}: sequential neural likelihood); each round's
 * surrogate is recorded in the history ({@link RoundSurrogate}) with its model file, and a resumed
 * run reloads the last one.
 *
 * <p>Randomness: the master seed's first split builds the surrogate; round r (from 0) takes split
 * r + 2, from which come the optimizer's seed, the EIG seed, the GP-fit stream, the experiment's
 * stream and the verification's seed, in that order. A round therefore depends only on the seed,
 * its number and the posterior before it — which is what makes a resumed run continue identically.
 * Not thread-safe.
 */
public final class ExperimentDesigner implements AutoCloseable {
    /** The producer recorded in provenance. */
    public static final String PRODUCER = "org.robotphysicist.engine.design.loop.ExperimentDesigner";
    /** How many of the earlier rounds' distinct choices a round's search estimates first. */
    public static final int EARLIER_CHOICES_REVISITED = 3;
    /** Credible levels of the posterior summaries. */
    static final double[] LEVELS = {0.68, 0.95};
    /** Points of the GP mean and band each round records ({@link GpCurve}, for the EIG plot; the search does not use them). */
    static final int GP_CURVE_POINTS = 241;
    /** N a per-θ normalized surrogate is sized for when experiments record a luminosity, not a count. */
    private static final int LUMINOSITY_NORMALIZATION_EVENTS = 1_000;
    /**
     * The model file a run with an output directory writes its trained-once neural surrogate to, so that
     * the network behind the run's posteriors can be certified, reused ({@code --model}) or served.
     */
    public static final String TRAINED_MODEL_FILE = "surrogate.rpm";
    /** What the posteriors of a surrogate without a certificate are: its own likelihood, nothing fitted on it. */
    static final String RAW_POSTERIORS = "its posteriors are the raw surrogate's, untempered";

    private final DesignConfig config;
    private final Simulator simulator;
    private SurrogateLikelihood surrogate;
    private final ExperimentRunner runner;
    private final DesignOptions options;
    private final RegularGrid grid;
    private ExperimentLikelihood likelihood;
    private ExpectedInformationGain eig;
    private final Prior initialPrior;
    private final List<DesignRound> rounds = new ArrayList<>();
    private final List<GridPosterior> posteriors = new ArrayList<>();
    /** One likelihood per ensemble member (empty for a single surrogate). */
    private final List<ExperimentLikelihood> memberLikelihoods;
    /** Per ensemble member, its log-likelihood summed over the rounds so far. */
    private final List<double[]> memberTotals = new ArrayList<>();
    /** The mixture posterior's log-likelihood relative to the initial prior after the rounds so far. */
    private double[] mixtureTotal;
    /** Told of every round: the round log first, then the options' listeners. */
    private final List<RoundListener> listeners;
    private boolean ownsSurrogate;
    /** Trains each round's surrogate when the run refines, else null. */
    private SurrogateRefinement refinement;
    /** With refinement: the surrogate of each round so far, the last one in use. */
    private final List<RoundSurrogate> surrogates = new ArrayList<>();
    /** With refinement: every recorded round's events, which each new surrogate re-scores. */
    private final List<Matrix> observed = new ArrayList<>();
    /** With refinement: Σ of the recorded rounds' stored log-likelihoods on the grid (log posterior − log prior). */
    private double[] recordedTotal;
    /** With refinement: the posterior of the recorded rounds re-scored by a surrogate trained since, else null. */
    private GridPosterior rescored;

    private ExperimentDesigner(DesignConfig config, Simulator simulator, SurrogateLikelihood surrogate,
            ExperimentRunner runner, DesignOptions options) {
        validate(config, simulator, runner);
        Box thetaRange = config.thetaRange();
        this.config = config;
        this.simulator = simulator;
        this.runner = runner;
        this.options = options;
        int[] counts = new int[thetaRange.dim()];
        Arrays.fill(counts, config.gridPoints());
        this.grid = new RegularGrid(thetaRange.lower(), thetaRange.upper(), counts);
        use(surrogate);
        List<ExperimentLikelihood> members = new ArrayList<>();
        if (!likelihood.evaluator().members().isEmpty()) {
            for (PosteriorEvaluator member : likelihood.evaluator().members()) {
                members.add(new ExperimentLikelihood(member, simulator, config.experiment().toExperiment(),
                        config.extendedLikelihood()));
                memberTotals.add(new double[grid.size()]);
            }
            mixtureTotal = new double[grid.size()];
        }
        this.memberLikelihoods = List.copyOf(members);
        this.initialPrior = new UniformBoxPrior(thetaRange);
        List<RoundListener> told = new ArrayList<>();
        told.add(new RoundLog(options.log()));
        told.addAll(options.listeners());
        this.listeners = List.copyOf(told);
    }

    /**
     * Makes {@code s} the likelihood of the following rounds (their EIG and their posterior update),
     * after checking it covers the prior range × the φ range.
     */
    private void use(SurrogateLikelihood s) {
        Box thetaRange = config.thetaRange();
        Box phiRange = config.phiRange();
        simulator.dimensions().requireCompatible("surrogate", s.dimensions());
        if (!thetaRange.within(s.thetaRange()) || !phiRange.within(s.phiRange())) {
            throw new OutOfSupportException("surrogate ranges: expected a surrogate valid on the prior range "
                    + thetaRange + " and the phi range " + phiRange + " but it covers " + s.thetaRange()
                    + " and " + s.phiRange());
        }
        this.surrogate = s;
        this.likelihood = new ExperimentLikelihood(options.evaluators().apply(s), simulator,
                config.experiment().toExperiment(), config.extendedLikelihood());
        this.eig = new ExpectedInformationGain(likelihood, ThetaGrid.of(grid), config.eigDatasets(),
                org.robotphysicist.data.compute.Cancellation.none(), config.targetIndices(simulator.dimensions()));
    }

    /** Makes this a refining run whose surrogates so far are {@code recorded}, before any round is replayed. */
    private void refining(SurrogateRefinement r, List<RoundSurrogate> recorded) {
        refinement = r;
        surrogates.addAll(recorded);
        recordedTotal = new double[grid.size()];
    }

    /**
     * Checks a configuration against a simulator and runner before anything expensive: matching
     * dimensions, the φ and θ ranges inside the simulator's domains, the hidden θ (if any) inside
     * the prior range, a grid of at most 2<sup>22</sup> points.
     */
    public static void validate(DesignConfig config, Simulator simulator, ExperimentRunner runner) {
        Dimensions dims = simulator.dimensions();
        Box phiRange = config.phiRange();
        Box thetaRange = config.thetaRange();
        if (phiRange.dim() != dims.phiDim() || thetaRange.dim() != dims.thetaDim()) {
            throw new DimensionMismatchException("design ranges: expected a theta range of dimension "
                    + dims.thetaDim() + " " + dims.thetaNames() + " and a phi range of dimension " + dims.phiDim() + " "
                    + dims.phiNames() + " but found " + thetaRange.dim() + " and " + phiRange.dim());
        }
        if (!phiRange.within(simulator.phiDomain())) {
            throw new OutOfSupportException("phi range " + dims.phiNames() + ": expected a box inside the simulator's"
                    + " domain " + simulator.phiDomain() + " but found " + phiRange);
        }
        if (!thetaRange.within(simulator.thetaDomain())) {
            throw new OutOfSupportException("theta prior range " + dims.thetaNames() + ": expected a box inside the"
                    + " simulator's domain " + simulator.thetaDomain() + " but found " + thetaRange);
        }
        ThetaGrid.requireFits(config.gridPoints(), thetaRange.dim(), "use fewer grid points");
        config.targetIndices(dims);
        config.training().requireFitsKind(config.surrogate());
        if (config.refines()) {
            SurrogateRefinement.requireRefinable(config);
        }
        Optional<double[]> truth = runner.truth();
        if (truth.isPresent()) {
            double[] t = truth.get();
            if (t.length != thetaRange.dim() || !thetaRange.contains(t)) {
                throw new OutOfSupportException("hidden theta " + dims.thetaNames() + ": expected a value inside the"
                        + " prior range " + thetaRange + " but found " + Arrays.toString(t));
            }
        }
    }

    /**
     * A new run: validates, builds the configured surrogate over the θ range × φ range (reporting
     * to the options' progress) and prepares round 1.
     */
    public static ExperimentDesigner start(DesignConfig requested, Simulator simulator, ExperimentRunner runner,
            DesignOptions options) {
        validate(requested, simulator, runner);
        DesignConfig config = withDesignTraining(requested, simulator);
        if (config.refines()) {
            SurrogateRefinement refinement = new SurrogateRefinement(config, simulator, options);
            SurrogateRefinement.Trained first = refinement.train(1, List.of(), new UniformBoxPrior(config.thetaRange()),
                    "uniform prior");
            return owning(first.surrogate(), () -> {
                ExperimentDesigner d = announced(new ExperimentDesigner(config, simulator, first.surrogate(), runner,
                        options));
                d.refining(refinement, List.of(first.record()));
                return d;
            });
        }
        BuiltSurrogate built = buildSurrogate(config, simulator, options);
        return owning(built.surrogate(), () -> start(config, simulator, built.surrogate(), runner, options));
    }

    /**
     * {@code config} with the surrogate's training controls as a design trains it
     * ({@link org.robotphysicist.engine.surrogate.SurrogateTrainingConfig#forDesign}: the kind's design score
     * weight where none was given and the simulator returns joint scores), so that the history records
     * the weight used and a resumed run rebuilds the same surrogate. A refining run gets it too: its
     * rounds' event files then carry the joint scores, and every round's network regresses on them. A
     * run from a model file keeps its controls: the file's network was trained as it was.
     */
    static DesignConfig withDesignTraining(DesignConfig config, Simulator simulator) {
        if (config.modelFile() != null) {
            return config;
        }
        return config.withTraining(config.training().forDesign(config.surrogate(), simulator));
    }

    /** A new run with a surrogate the caller built (valid on the θ range × φ range). */
    public static ExperimentDesigner start(DesignConfig config, Simulator simulator, SurrogateLikelihood surrogate,
            ExperimentRunner runner, DesignOptions options) {
        refuseCallersSurrogate(config);
        return announced(new ExperimentDesigner(config, simulator, surrogate, runner, options));
    }

    /** Refinement trains the designer's own surrogates, so a caller's cannot serve a refining run. */
    private static void refuseCallersSurrogate(DesignConfig config) {
        if (config.refines()) {
            throw new InvalidInputException("refinement: expected the designer to train its own surrogates (every"
                    + " round) but found a surrogate passed in; start or resume without one");
        }
    }

    /** {@code d} after logging the run's first line. */
    private static ExperimentDesigner announced(ExperimentDesigner d) {
        DesignConfig config = d.config;
        ExperimentRunner runner = d.runner;
        Dimensions dims = d.simulator.dimensions();
        d.log(String.format(Locale.ROOT, "design: %d rounds of %s, %s in %s, prior uniform in %s %s, %s surrogate%s,"
                + " %s",
                config.rounds(), config.experiment().describe(), String.join(",", dims.phiNames()),
                format(config.phiLower(), config.phiUpper()), String.join(",", dims.thetaNames()),
                format(config.thetaLower(), config.thetaUpper()), config.surrogate(),
                !config.refines() ? "" : config.modelFile() != null
                        ? " fine-tuned every round on posterior draws" : " retrained every round on posterior draws", runner.describe()));
        return d;
    }

    /**
     * Continues the run recorded in {@code history} up to {@code totalRounds} rounds (at least the
     * rounds already done): rebuilds the surrogate from the recorded seed, replays the recorded
     * rounds' likelihoods to restore the posterior exactly, and goes on as the original would have.
     */
    public static ExperimentDesigner resume(DesignHistory history, int totalRounds, Simulator simulator,
            ExperimentRunner runner, DesignOptions options) {
        DesignConfig config = resumedConfig(history, totalRounds, simulator, runner);
        validate(config, simulator, runner);
        if (config.refines()) {
            SurrogateRefinement refinement = new SurrogateRefinement(config, simulator, options);
            List<RoundSurrogate> recorded = history.surrogates();
            if (recorded.size() != history.rounds().size()) {
                throw new MalformedDataException("design history: expected one refined surrogate per completed round ("
                        + history.rounds().size() + ") but found " + recorded.size());
            }
            SurrogateLikelihood last = refinement.load(recorded.get(recorded.size() - 1));
            return owning(last, () -> resume(history, config, last, simulator, runner, options, refinement));
        }
        BuiltSurrogate built = buildSurrogate(config, simulator, options);
        return owning(built.surrogate(), () -> resume(history, config, built.surrogate(), simulator, runner, options,
                null));
    }

    /** As {@link #resume(DesignHistory, int, Simulator, ExperimentRunner, DesignOptions)} with the caller's surrogate. */
    public static ExperimentDesigner resume(DesignHistory history, int totalRounds, Simulator simulator,
            SurrogateLikelihood surrogate, ExperimentRunner runner, DesignOptions options) {
        DesignConfig config = resumedConfig(history, totalRounds, simulator, runner);
        refuseCallersSurrogate(config);
        return resume(history, config, surrogate, simulator, runner, options, null);
    }

    /** Replays the history's rounds; with {@code refinement} (else null) also reads back their events. */
    private static ExperimentDesigner resume(DesignHistory history, DesignConfig config, SurrogateLikelihood surrogate,
            Simulator simulator, ExperimentRunner runner, DesignOptions options, SurrogateRefinement refinement) {
        ExperimentDesigner d = new ExperimentDesigner(config, simulator, surrogate, runner, options);
        if (refinement != null) {
            d.refining(refinement, history.surrogates());
        }
        for (DesignRound r : history.rounds()) {
            d.replay(r);
            if (refinement != null) {
                d.observed.add(refinement.recordedEvents(r, simulator.dimensions()));
            }
        }
        d.log(String.format(Locale.ROOT, "design: resumed after round %d of %d from the history (%s)",
                history.rounds().size(), config.rounds(), runner.describe()));
        return d;
    }

    private static DesignConfig resumedConfig(DesignHistory history, int totalRounds, Simulator simulator,
            ExperimentRunner runner) {
        if (!DesignHistory.SCHEMA.equals(history.schema())) {
            throw new MalformedDataException("design history: expected schema " + DesignHistory.SCHEMA + " but found "
                    + history.schema());
        }
        if (!simulator.name().equals(history.simulator())) {
            throw new InvalidInputException("design history: expected the simulator '" + history.simulator()
                    + "' it was made with but found '" + simulator.name() + "'");
        }
        double[] recorded = history.hiddenTheta();
        Optional<double[]> truth = runner.truth();
        if (recorded != null && truth.isPresent() && !Arrays.equals(recorded, truth.get())) {
            throw new InvalidInputException("hidden theta: the history's experiments were simulated at "
                    + Arrays.toString(recorded) + " but the runner now has " + Arrays.toString(truth.get()));
        }
        return history.config().withRounds(Math.max(totalRounds, Math.max(1, history.rounds().size())));
    }

    /**
     * Reads {@link DesignConfig#modelFile()} where there is one; otherwise builds
     * {@link DesignConfig#surrogate()} from the registry over the θ range × the φ range: a neural
     * kind trains once, on θ ~ U(θ range) and φ ~ U(φ range), before round 1, with the controls of
     * {@code config} (at the start of a run, {@link #withDesignTraining}'s). Its seed is the first draw of
     * the master seed's first split. A trained network is written to {@link #TRAINED_MODEL_FILE} in the
     * output directory, when there is one. The log says what calibration the posteriors carry: a model
     * file's certificate, or none for a surrogate trained here.
     */
    private static BuiltSurrogate buildSurrogate(DesignConfig config, Simulator simulator, DesignOptions options) {
        if (config.modelFile() != null) {
            SurrogateFiles.Loaded read = SurrogateFiles.read(Path.of(config.modelFile()), LoadOptions.defaults()
                    .withDevice(Devices.choose(options.device()).device()).withRangePolicy(RangePolicy.WARN));
            TrainedSurrogate s = read.surrogate();
            Optional<ScoreFit> fit = read.manifest().measuredScoreFit();
            String description = s.kind() + " from " + config.modelFile()
                    + fit.map(f -> "; " + f.describe()).orElse("");
            options.log().accept("surrogate: " + description);
            options.log().accept(read.manifest().calibrationCertificate().map(CalibrationCertificate::summaryLine)
                    .orElse("calibration: the model file has no certificate; " + RAW_POSTERIORS));
            fit.filter(ScoreFit::failed).ifPresent(f -> options.log().accept(f.warning(s.kind())));
            return new BuiltSurrogate(s, s.kind(), description, false, fit);
        }
        long surrogateSeed = new SplittableRandom(config.seed()).split().nextLong();
        SurrogateBuildRequest request = new SurrogateBuildRequest(TrainingSource.of(simulator),
                new UniformBoxPrior(config.thetaRange()), config.phiRange(), config.training().withSeed(surrogateSeed),
                config.histogram(), eventsPerExperiment(config), options.device(), options.log(), options.progress());
        long t0 = System.nanoTime();
        BuiltSurrogate built = extrapolating(SurrogateRegistry.discover().build(config.surrogate(), request));
        options.log().accept(String.format(Locale.ROOT, "surrogate: %s (%.1f s)", built.description(),
                (System.nanoTime() - t0) / 1e9));
        if (built.surrogate() instanceof TrainedSurrogate t) {
            options.log().accept("calibration: not measured for a surrogate the loop trains; " + RAW_POSTERIORS
                    + " (a model file that rp train certified and tempered can be given instead)");
            if (options.outputDirectory() != null) {
                Path file = options.outputDirectory().resolve(TRAINED_MODEL_FILE);
                t.save(file, null, manifest -> built.scoreFit().map(manifest::withScoreFit).orElse(manifest));
                options.log().accept("surrogate: saved to " + file + ", without a certificate (rp certify measures"
                        + " one)");
            }
        }
        if (built.gpuFellBack()) {
            options.log().accept("FALLING BACK TO THE CPU: a GPU was requested for training but the engine sees none");
        }
        return built;
    }

    /** N the surrogate is sized for: the experiment's events, or a nominal count under a fixed luminosity. */
    static int eventsPerExperiment(DesignConfig config) {
        ExperimentSpec e = config.experiment();
        return e.mode() == ExperimentSpec.Mode.EVENTS ? (int) e.amount() : LUMINOSITY_NORMALIZATION_EVENTS;
    }

    /**
     * A trained surrogate that warns instead of failing outside its trained ranges. The θ and φ ranges
     * of the loop are checked against it up front, so what this admits is x: the EIG's simulated
     * experiments come from the distribution it was trained on, but where x is unbounded their tails
     * reach past the training data's extremes, and refusing them would stop the loop.
     */
    static BuiltSurrogate extrapolating(BuiltSurrogate built) {
        if (!(built.surrogate() instanceof TrainedSurrogate t) || t.rangePolicy() == RangePolicy.WARN) {
            return built;
        }
        try (t) {
            return new BuiltSurrogate(t.copyWithRangePolicy(RangePolicy.WARN), built.kind(), built.description(),
                    built.gpuFellBack(), built.scoreFit());
        }
    }

    /** The designer {@code make} returns, made the owner of {@code built} (closed with it, or now on failure). */
    private static ExperimentDesigner owning(SurrogateLikelihood built, Supplier<ExperimentDesigner> make) {
        try {
            ExperimentDesigner d = make.get();
            d.ownsSurrogate = true;
            return d;
        } catch (RuntimeException e) {
            closeSurrogate(built);
            throw e;
        }
    }

    /**
     * Releases the surrogate's native memory where this designer built it (a caller's surrogate stays
     * the caller's to close). The history and the posteriors stay readable.
     */
    @Override
    public void close() {
        if (ownsSurrogate) {
            ownsSurrogate = false;
            closeSurrogate(surrogate);
        }
    }

    static void closeSurrogate(SurrogateLikelihood s) {
        if (s instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("closing the surrogate: " + e.getMessage(), e);
            }
        }
    }

    /**
     * Where this round's search starts: the earlier rounds' choices, most recent first, at most
     * {@link #EARLIER_CHOICES_REVISITED} distinct ones ({@link EigSearch#distinctSettings}). Each was
     * the EIG's peak once, and the settings where the physics is sensitive stay so as the prior
     * narrows; starting from the last choice alone, a search whose last round went to a secondary
     * peak could spend its whole budget there and never find the main peak again (a Z-pole peak a
     * few GeV wide is easily missed by a handful of space-filling points).
     */
    private List<double[]> earlierChoices() {
        List<double[]> mostRecentFirst = new ArrayList<>();
        for (int i = rounds.size() - 1; i >= 0; i--) {
            mostRecentFirst.add(rounds.get(i).phi());
        }
        return EigSearch.distinctSettings(mostRecentFirst, config.phiRange(),
                Math.min(EARLIER_CHOICES_REVISITED, config.evaluationsPerRound()));
    }

    /** The streams of round r (from 0): split r + 2 of the master stream; see the class comment. */
    private RoundStreams streams(int r) {
        SplittableRandom master = new SplittableRandom(config.seed());
        master.split();
        for (int i = 0; i < r; i++) {
            master.split();
        }
        SplittableRandom s = master.split();
        return new RoundStreams(s.nextLong(), s.nextLong(), s.split(), s.split(), s.nextLong());
    }

    private record RoundStreams(long boSeed, long eigSeed, SplittableRandom gpRng, SplittableRandom experimentRng,
            long verificationSeed) {
    }

    /** Runs the remaining rounds with the runner; returns the full history, which the listeners are told last. */
    public DesignHistory run() {
        while (rounds.size() < config.rounds()) {
            RoundProposal p = propose();
            Matrix events = runner.run(p.round(), p.phi(), streams(p.round() - 1).experimentRng());
            record(p, events);
        }
        DesignHistory history = history();
        for (RoundListener l : listeners) {
            l.finished(this, history);
        }
        return history;
    }

    /**
     * Chooses the next round's setting by Bayesian optimization of EIG under the current prior
     * (spending {@link DesignConfig#evaluationsPerRound()} estimates), and tells the listeners.
     * Proposing again without recording gives the same proposal.
     *
     * @throws InvalidInputException when every configured round is done
     */
    public RoundProposal propose() {
        int r = rounds.size();
        if (r >= config.rounds()) {
            throw new InvalidInputException("design: expected a round left to propose but all " + config.rounds()
                    + " rounds are done; resume with more rounds to continue");
        }
        if (refinement != null && surrogates.size() < r + 1) {
            refine(r + 1);
        }
        RoundStreams s = streams(r);
        long t0 = System.nanoTime();
        List<double[]> earlier = earlierChoices();
        // The optimizer's space-filling design lasts until this many observations exist, the earlier
        // choices among them: initialPoints − 1 space-filling points from round 2 on, as with one.
        int initialPoints = config.initialPoints() + Math.max(0, earlier.size() - 1);
        EigSearch search = EigSearch.start(eig, currentPrior(), config.phiRange(),
                BoConfig.forEigSearch(initialPoints), s.boSeed(), s.eigSeed(), config.commonRandomNumbers());
        int verifications = config.verifications();
        int reEstimates = verifications + (config.verifyRival() ? 1 : 0); // at most; no rival where none lies apart
        RoundProposal proposal;
        try (Progress progress = options.progress().start(String.format(Locale.ROOT, "round %d/%d EIG", r + 1,
                config.rounds()), config.evaluationsPerRound() + reEstimates, "estimates")) {
            int budget = config.evaluationsPerRound();
            for (int i = 0; i < budget; i++) {
                if (i < earlier.size()) {
                    search.stepAt(earlier.get(i));
                } else if (i == budget - 1 && budget > initialPoints) {
                    search.stepAtModelOptimum();
                } else {
                    search.step();
                }
                progress.advance(1);
            }
            EigSearch.Recommendation best = search.recommend(s.gpRng());
            EigSearch.Verification verified = verifications == 0 ? null
                    : search.verify(best, verifications, s.verificationSeed(),
                            eig.withDatasets(config.verificationDatasets()).forPrior(currentPrior()),
                            config.verifyRival());
            progress.advance(reEstimates);
            EigEstimate chosen = verified == null ? best.estimate() : verified.chosen();
            GpCurve curve = config.phiRange().dim() == 1 ? curve(best.model()) : null;
            double seconds = (System.nanoTime() - t0) / 1e9;
            String phiName = String.join(",", simulator.dimensions().phiNames());
            log(String.format(Locale.ROOT, "round %d/%d: EIG estimated at %d settings in %.1f s; chose %s = %s"
                    + " (EIG %.4g +- %.2g nats, GP mean %.4g)%s", r + 1, config.rounds(),
                    config.evaluationsPerRound() + (verified == null ? 0 : verified.estimates().size()), seconds,
                    phiName, format(chosen.phi()), chosen.value(), chosen.standardError(), gpMean(best, chosen),
                    verified == null ? "" : verificationNote(verified)));
            proposal = new RoundProposal(r + 1, chosen.phi(), chosen, search.estimates(),
                    verified == null ? List.of() : verified.estimates(), best.model().hyperparameters(), curve,
                    chosen.priorEntropy(), seconds);
        }
        for (RoundListener l : listeners) {
            l.proposed(this, proposal);
        }
        return proposal;
    }

    /**
     * Trains the surrogate of {@code round} on θ from the current posterior and every earlier round's
     * rows, makes it the likelihood from now on (closing the previous one), and re-scores the earlier
     * rounds' events with it: the round's prior becomes p(θ) ∏<sub>i &lt; round</sub>
     * p̂<sub>round</sub>(X<sub>i</sub> | θ, φ<sub>i</sub>), as in SNL, so that a poor early surrogate's
     * error does not stay in the posterior.
     */
    private void refine(int round) {
        SurrogateRefinement.Trained next = refinement.train(round, surrogates, currentPrior(),
                "posterior after round " + (round - 1));
        SurrogateLikelihood previous = surrogate;
        try {
            use(next.surrogate());
        } catch (RuntimeException e) {
            closeSurrogate(next.surrogate());
            throw e;
        }
        surrogates.add(next.record());
        closeSurrogate(previous);
        if (observed.isEmpty()) {
            return;
        }
        double[] total = new double[grid.size()];
        for (int i = 0; i < observed.size(); i++) {
            double[] ll = likelihood.logLikelihood(observed.get(i), grid.points(), rounds.get(i).phi());
            for (int j = 0; j < total.length; j++) {
                total[j] += ll[j];
            }
        }
        rescored = GridPosterior.fromLogLikelihood(initialPrior, ThetaGrid.of(grid),
                simulator.dimensions().thetaNames(), total);
        GridPosterior before = posteriors.get(posteriors.size() - 1);
        log(String.format(Locale.ROOT, "surrogate for round %d: re-scoring rounds 1-%d moves the posterior mean from %s"
                + " to %s, sd from %s to %s", round, observed.size(), format(before.mean()), format(rescored.mean()),
                format(before.standardDeviation()), format(rescored.standardDeviation())));
    }

    /**
     * With refinement: the posterior of every recorded round plus {@code ll}, from the uniform prior,
     * and the log-likelihood the round stores — the change of the total log-likelihood, which a
     * replay adds back exactly as done here.
     */
    private GridPosterior refinedPosterior(double[] ll, double[] stored) {
        double[] base = rescored != null ? rescored.logLikelihood() : recordedTotal;
        for (int j = 0; j < ll.length; j++) {
            double total = base[j] + ll[j];
            if (total == recordedTotal[j]) {
                stored[j] = 0; // also where both are -infinity
            } else if (Double.isInfinite(recordedTotal[j])) {
                throw new IllegalStateException("refinement: grid point " + j + " had likelihood 0 under an earlier"
                        + " surrogate and " + total + " (log) now; the change cannot be recorded");
            } else {
                stored[j] = total - recordedTotal[j];
            }
        }
        return accumulated(stored);
    }

    /** Adds a round's stored log-likelihood to the total and returns the posterior from the uniform prior. */
    private GridPosterior accumulated(double[] stored) {
        for (int j = 0; j < stored.length; j++) {
            recordedTotal[j] += stored[j];
        }
        rescored = null;
        return GridPosterior.fromLogLikelihood(initialPrior, ThetaGrid.of(grid), simulator.dimensions().thetaNames(),
                recordedTotal.clone());
    }

    /** The GP mean at the chosen setting (one of the evaluated ones). */
    private static double gpMean(EigSearch.Recommendation best, EigEstimate chosen) {
        GaussianProcess gp = best.model();
        return gp.predict(Matrix.ofRows(chosen.phi())).mean(0);
    }

    /** What the verification saw, for the log: per setting the search's estimate, then the fresh one. */
    private static String verificationNote(EigSearch.Verification v) {
        StringBuilder sb = new StringBuilder("; re-estimated independently:");
        for (int i = 0; i < v.estimates().size(); i++) {
            sb.append(String.format(Locale.ROOT, "%s %s %.4g -> %.4g", i == 0 ? "" : ",",
                    format(v.candidates().get(i).phi()), v.candidates().get(i).value(), v.estimates().get(i).value()));
        }
        return sb.toString();
    }

    private GpCurve curve(GaussianProcess gp) {
        double lo = config.phiLower()[0];
        double hi = config.phiUpper()[0];
        double[] phi = RegularGrid.of(lo, hi, GP_CURVE_POINTS).axis(0);
        Prediction p = gp.predict(Matrix.ofColumn(phi));
        double[] sd = new double[phi.length];
        for (int i = 0; i < sd.length; i++) {
            sd[i] = p.standardDeviation(i);
        }
        return new GpCurve(phi, p.mean(), sd);
    }

    /**
     * Records what the proposed experiment observed and updates the posterior, which becomes the
     * next round's prior, and tells the listeners (the round's log line first).
     *
     * @param events (N, D<sub>x</sub>) recorded at {@code proposal.phi()}; N may be 0 under a fixed luminosity
     */
    public DesignRound record(RoundProposal proposal, Matrix events) {
        int expected = rounds.size() + 1;
        if (proposal.round() != expected) {
            throw new InvalidInputException("design: expected the proposal for round " + expected + " but found one for"
                    + " round " + proposal.round());
        }
        Dimensions dims = simulator.dimensions();
        events.requireShape("round " + expected + " events", -1, dims.xDim());
        long t0 = System.nanoTime();
        EnsembleRound ensemble = null;
        double[] ll;
        GridPosterior posterior;
        if (refinement != null) {
            double[] fresh = likelihood.logLikelihood(events, grid.points(), proposal.phi());
            ll = new double[fresh.length];
            posterior = refinedPosterior(fresh, ll);
            observed.add(events);
        } else if (memberLikelihoods.isEmpty()) {
            ll = likelihood.logLikelihood(events, grid.points(), proposal.phi());
            posterior = GridPosterior.fromLogLikelihood(currentPrior(), ThetaGrid.of(grid), dims.thetaNames(), ll);
        } else {
            double[][] each = new double[memberLikelihoods.size()][];
            for (int k = 0; k < each.length; k++) {
                each[k] = memberLikelihoods.get(k).logLikelihood(events, grid.points(), proposal.phi());
            }
            MixtureStep step = addToMembers(each);
            ll = step.increment();
            ensemble = new EnsembleRound(step.spread(), each);
            posterior = GridPosterior.fromLogLikelihood(currentPrior(), ThetaGrid.of(grid), dims.thetaNames(), ll);
        }
        String hash = events.rows() > 0 ? EventDataset.ofEvents(dims, events).sha256() : null;
        DesignRound round = new DesignRound(expected, proposal.phi(), proposal.chosen(), proposal.evaluations(),
                proposal.verification(), proposal.gp(), proposal.gpCurve(), events.rows(), hash,
                proposal.priorEntropy(), posterior.marginalEntropy(eig.target()),
                posterior.summarize(LEVELS), ll, proposal.eigSeconds(), (System.nanoTime() - t0) / 1e9, ensemble);
        rounds.add(round);
        posteriors.add(posterior);
        for (RoundListener l : listeners) {
            l.recorded(this, round, events, posterior);
        }
        return round;
    }

    /** What one round does to an ensemble's mixture posterior. */
    private record MixtureStep(double[] increment, EnsembleSpread spread) {
    }

    /**
     * Adds each member's log-likelihood of one round to its total, forms the member posteriors
     * (initial prior × total) and their mixture, and returns the mixture's increment over the
     * previous mixture (−∞ where that was already 0) with the members' spread.
     */
    private MixtureStep addToMembers(double[][] each) {
        if (each.length != memberTotals.size()) {
            throw new MalformedDataException("design round: expected log-likelihoods of the ensemble's "
                    + memberTotals.size() + " members but found " + each.length);
        }
        List<GridPosterior> members = new ArrayList<>();
        for (int k = 0; k < each.length; k++) {
            double[] total = memberTotals.get(k);
            if (each[k].length != total.length) {
                throw new MalformedDataException("design round, ensemble member " + k + ": expected " + total.length
                        + " log-likelihood values but found " + each[k].length);
            }
            for (int j = 0; j < total.length; j++) {
                total[j] += each[k][j];
            }
            members.add(GridPosterior.fromLogLikelihood(initialPrior, ThetaGrid.of(grid),
                    simulator.dimensions().thetaNames(), total));
        }
        double[] mixed = GridPosterior.mixture(members).logLikelihood();
        double[] increment = new double[mixed.length];
        for (int j = 0; j < mixed.length; j++) {
            increment[j] = mixtureTotal[j] == Double.NEGATIVE_INFINITY ? Double.NEGATIVE_INFINITY
                    : mixed[j] - mixtureTotal[j];
        }
        mixtureTotal = mixed;
        return new MixtureStep(increment, EnsembleSpread.of(members));
    }

    /** Restores a recorded round: the posterior from its stored log-likelihood, checked against its summary. */
    private void replay(DesignRound round) {
        int expected = rounds.size() + 1;
        if ((round.ensemble() == null) != memberLikelihoods.isEmpty()) {
            throw new MalformedDataException("design history round " + expected + ": expected "
                    + (memberLikelihoods.isEmpty() ? "a round of a single surrogate" : "the member log-likelihoods of"
                    + " an ensemble of " + memberLikelihoods.size()) + " but found "
                    + (round.ensemble() == null ? "none" : "an ensemble round")
                    + "; resume with the surrogate the history was made with");
        }
        if (round.ensemble() != null) {
            addToMembers(round.ensemble().memberLogLikelihoods());
        }
        if (round.round() != expected || round.logLikelihood().length != grid.size()) {
            throw new MalformedDataException("design history: expected round " + expected + " with " + grid.size()
                    + " log-likelihood values but found round " + round.round() + " with "
                    + round.logLikelihood().length);
        }
        GridPosterior posterior = refinement != null ? accumulated(round.logLikelihood())
                : GridPosterior.fromLogLikelihood(currentPrior(), ThetaGrid.of(grid), simulator.dimensions().thetaNames(),
                        round.logLikelihood());
        double[] mean = posterior.mean();
        double[] recorded = round.posterior().mean();
        for (int d = 0; d < mean.length; d++) {
            if (!(Math.abs(mean[d] - recorded[d]) <= 1e-9 * Math.max(1, Math.abs(recorded[d])))) {
                throw new MalformedDataException("design history round " + expected + ": the recorded log-likelihood"
                        + " gives posterior mean " + Arrays.toString(mean) + " but the history records "
                        + Arrays.toString(recorded) + "; the history does not belong to these settings");
            }
        }
        rounds.add(round);
        posteriors.add(posterior);
    }

    /** A box as {@code [l0, u0] x [l1, u1]}. */
    private static String format(double[] lower, double[] upper) {
        StringBuilder sb = new StringBuilder();
        for (int d = 0; d < lower.length; d++) {
            sb.append(d == 0 ? "" : " x ").append("[").append(lower[d]).append(", ").append(upper[d]).append("]");
        }
        return sb.toString();
    }

    /** Values with 5 significant digits, joined by ",". */
    static String format(double[] v) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < v.length; i++) {
            sb.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.5g", v[i]));
        }
        return sb.toString();
    }

    private void log(String line) {
        options.log().accept(line);
    }

    /**
     * The prior of the next round: uniform on the θ range before round 1, then the last posterior
     * (with refinement, once the next round's surrogate is trained: the recorded rounds re-scored by it).
     */
    public Prior currentPrior() {
        if (rescored != null) {
            return rescored.asPrior();
        }
        return posteriors.isEmpty() ? initialPrior : posteriors.get(posteriors.size() - 1).asPrior();
    }

    /** The uniform prior on the θ range, before any round. */
    Prior initialPrior() {
        return initialPrior;
    }

    /** The posterior after the last completed round (empty before round 1). */
    public Optional<GridPosterior> posterior() {
        return posteriors.isEmpty() ? Optional.empty() : Optional.of(posteriors.get(posteriors.size() - 1));
    }

    /** The posterior after every completed round, in order (unmodifiable). */
    public List<GridPosterior> posteriors() {
        return Collections.unmodifiableList(new ArrayList<>(posteriors));
    }

    /** With refinement, the surrogate of every round so far, the last one in use (unmodifiable); else empty. */
    public List<RoundSurrogate> roundSurrogates() {
        return List.copyOf(surrogates);
    }

    /** The completed rounds (unmodifiable). */
    public List<DesignRound> rounds() {
        return Collections.unmodifiableList(new ArrayList<>(rounds));
    }

    public DesignConfig config() {
        return config;
    }

    public Simulator simulator() {
        return simulator;
    }

    public SurrogateLikelihood surrogate() {
        return surrogate;
    }

    public ExperimentRunner runner() {
        return runner;
    }

    /** The θ grid posteriors live on. */
    public RegularGrid grid() {
        return grid;
    }

    /** The EIG estimator the rounds use. */
    public ExpectedInformationGain expectedInformationGain() {
        return eig;
    }

    /**
     * The complete record so far, with provenance captured now. Its provenance configuration is the
     * {@link DesignConfig} plus the listeners' entries ({@link RoundListener#provenance()}: with the
     * files of an output directory, whether the run draws plots, {@link DesignFiles#recordedPlots}).
     */
    public DesignHistory history() {
        Map<String, String> hashes = new LinkedHashMap<>();
        for (DesignRound r : rounds) {
            if (r.eventsSha256() != null) {
                hashes.put(String.format(Locale.ROOT, "round-%02d-events", r.round()), r.eventsSha256());
            }
        }
        Map<String, Object> recorded = new LinkedHashMap<>(Json.toMap(config));
        recorded.values().removeIf(java.util.Objects::isNull);
        for (RoundListener l : listeners) {
            recorded.putAll(l.provenance());
        }
        Provenance provenance = Provenance.capture(PRODUCER, recorded, Map.of("seed", config.seed()), hashes);
        return new DesignHistory(DesignHistory.SCHEMA, provenance, config, simulator.name(),
                surrogate.getClass().getSimpleName(), simulator.dimensions(), runner.truth().orElse(null),
                runner.describe(), rounds, surrogates);
    }
}
