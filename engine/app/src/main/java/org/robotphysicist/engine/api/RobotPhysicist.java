package org.robotphysicist.engine.api;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.BoxUnion;
import org.robotphysicist.data.DimensionMismatchException;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.OutOfSupportException;
import org.robotphysicist.data.RegularGrid;
import org.robotphysicist.data.compute.Cancellation;
import org.robotphysicist.data.dataset.EventBlocks;
import org.robotphysicist.data.prior.Prior;
import org.robotphysicist.data.prior.UniformBoxPrior;
import org.robotphysicist.data.progress.ProgressReporter;
import org.robotphysicist.data.simulator.Experiment;
import org.robotphysicist.data.simulator.Simulator;
import org.robotphysicist.engine.design.bo.BoConfig;
import org.robotphysicist.engine.design.eig.EigEstimate;
import org.robotphysicist.engine.design.eig.EigSearch;
import org.robotphysicist.engine.design.eig.ExpectedInformationGain;
import org.robotphysicist.engine.design.eig.ExperimentLikelihood;
import org.robotphysicist.engine.posterior.EnsembleSpread;
import org.robotphysicist.engine.posterior.GridPosterior;
import org.robotphysicist.engine.posterior.Observation;
import org.robotphysicist.engine.posterior.PosteriorEvaluator;
import org.robotphysicist.engine.posterior.PosteriorRequest;
import org.robotphysicist.engine.posterior.ReportingPosteriorEvaluator;
import org.robotphysicist.engine.posterior.SurrogatePosterior;
import org.robotphysicist.engine.posterior.ThetaGrid;
import org.robotphysicist.engine.posterior.diagnostics.CalibrationCertifier;
import org.robotphysicist.engine.posterior.diagnostics.CertificationConfig;
import org.robotphysicist.engine.posterior.sampling.EnsembleMcmcPosterior;
import org.robotphysicist.engine.posterior.sampling.McmcDiagnostics;
import org.robotphysicist.engine.posterior.sampling.McmcPosterior;
import org.robotphysicist.engine.posterior.sampling.PosteriorSampler;
import org.robotphysicist.engine.posterior.sampling.PosteriorSamples;
import org.robotphysicist.engine.posterior.sampling.SamplerChoice;
import org.robotphysicist.engine.surrogate.EventFileSource;
import org.robotphysicist.engine.surrogate.GivenEvents;
import org.robotphysicist.engine.surrogate.StreamedEventSource;
import org.robotphysicist.engine.surrogate.PriorRange;
import org.robotphysicist.engine.surrogate.SurrogateBuildRequest;
import org.robotphysicist.engine.surrogate.SurrogateRegistry;
import org.robotphysicist.engine.surrogate.SurrogateTrainingConfig;
import org.robotphysicist.engine.surrogate.SequentialTraining;
import org.robotphysicist.engine.surrogate.SequentialTrainingConfig;
import org.robotphysicist.engine.surrogate.TrainingSource;
import org.robotphysicist.models.SurrogateLikelihood;
import org.robotphysicist.models.file.LoadOptions;
import org.robotphysicist.models.file.SurrogateFiles;
import org.robotphysicist.models.file.TemperedSurrogate;

/**
 * The engine's entry point for other code: one simulator, a prior on θ and a range of experiment
 * settings φ, and from them trained surrogates ({@link #train}), saved ones ({@link #load}), grid
 * posteriors of observed events ({@link #posterior}), expected information gains ({@link #eig}) and
 * the next setting to run ({@link #suggestNext}).
 *
 * <p>A simulator whose experiments have no setting (D<sub>φ</sub> = 0) has the empty φ range:
 * {@link #train} and {@link #posterior} work with empty φ vectors, while {@link #eig} and
 * {@link #suggestNext}, having nothing to choose, refuse.
 *
 * <p>Immutable and validated: {@link #forSimulator} starts with the uniform prior over the
 * simulator's θ domain and φ over its φ domain (where those are bounded), and each {@code prior(..)},
 * {@code settings(..)}, {@code seed(..)} returns a changed copy. Safe to share between threads; the
 * surrogates it returns are as thread-safe as their kind ({@link PosteriorEvaluator} requires it).
 *
 * <p>The posterior is p(θ | X, φ) ∝ p(θ) Π<sub>i</sub> p̂(x<sub>i</sub> | θ, φ) on a regular grid over
 * the prior's support, or sampled by many-chain MCMC beyond 3-D θ; for a surrogate ensemble
 * ({@link SurrogateTrainingConfig#ensembleMembers()} &gt; 1) it is the equal-weight mixture of the member
 * posteriors, on the grid, with the members' spread in {@link PosteriorResult#ensemble()};
 * EIG(φ) = E<sub>θ ~ p(θ), X ~ p(X | θ, φ)</sub>[H(p(θ)) −
 * H(p(θ | X, φ))] by Monte Carlo with its standard error, maximized over the φ range by Bayesian
 * optimization with a Gaussian process.
 */
public final class RobotPhysicist {
    private final Simulator simulator;
    private final Prior prior;
    private final BoxUnion phiRange;
    private final Box proposal;
    private final Consumer<String> log;
    private final ProgressReporter progress;

    private RobotPhysicist(Simulator simulator, Prior prior, BoxUnion phiRange, Box proposal, Consumer<String> log,
            ProgressReporter progress) {
        this.simulator = simulator;
        this.prior = prior;
        this.phiRange = phiRange;
        this.proposal = proposal;
        this.log = log;
        this.progress = progress;
    }

    /**
     * Starts with {@code simulator}: uniform prior over its θ domain, φ over its φ domain, silent.
     * Call {@link #prior} and {@link #settings} where a domain is unbounded.
     *
     * @param simulator the simulator that draws events (and gives the exact likelihood if it is tractable)
     * @return the engine for that simulator
     */
    public static RobotPhysicist forSimulator(Simulator simulator) {
        Objects.requireNonNull(simulator, "simulator");
        Prior p = simulator.thetaDomain().isBounded() ? new UniformBoxPrior(simulator.thetaDomain()) : null;
        BoxUnion phi = simulator.phiDomain().isBounded() ? BoxUnion.of(simulator.phiDomain()) : null;
        return new RobotPhysicist(simulator, p, phi, null, line -> { }, ProgressReporter.silent());
    }

    /**
     * The same with the uniform prior over {@code thetaRange} (inside the simulator's θ domain).
     *
     * @param thetaRange the prior's support, a box of D<sub>θ</sub> dimensions
     * @return a new engine; this one is unchanged
     */
    public RobotPhysicist prior(Box thetaRange) {
        requireInside("prior range", thetaRange, simulator.thetaDomain(), simulator.dimensions().thetaDim());
        return prior(new UniformBoxPrior(thetaRange));
    }

    /**
     * The same with another prior: a box, a normal or truncated normal ({@code NormalPrior}), a
     * previous posterior ({@code result.posterior().asPrior()}) or any prior of bounded support.
     * The posterior grid and, without a {@link #proposal}, the training θ cover its working range
     * ({@link PriorRange}): its support where bounded, else a normal prior's μ ± 5 σ inside the
     * simulator's θ domain; the posterior multiplies by this prior's density there.
     *
     * @param p the prior of θ, of the simulator's θ dimension
     * @return a new engine; this one is unchanged
     */
    public RobotPhysicist prior(Prior p) {
        Objects.requireNonNull(p, "prior");
        if (p.dim() != simulator.dimensions().thetaDim()) {
            throw new org.robotphysicist.data.DimensionMismatchException("prior: expected "
                    + simulator.dimensions().thetaDim() + " dimension(s) but found " + p.dim());
        }
        if (p.support().isBounded()) {
            requireInside("prior support", p.support(), simulator.thetaDomain(), simulator.dimensions().thetaDim());
        }
        if (p.support().isBounded() || p instanceof org.robotphysicist.data.prior.NormalPrior) {
            PriorRange.of(p, simulator.thetaDomain()); // refuses a normal prior that misses the domain
        }
        return new RobotPhysicist(simulator, p, phiRange, proposal, log, progress);
    }

    /**
     * The same with training θ drawn uniformly over {@code box} rather than from the prior (null:
     * from the prior again). A likelihood surrogate p̂(x | θ, φ) trained on a proposal is valid
     * wherever the proposal covers; the posterior still uses the actual prior. Choose a box at least
     * as wide as the prior's working range; for a prior of unbounded support the posterior grid is
     * the proposal (prior mass outside it is left out). Recorded in the model's provenance.
     *
     * @param box where training θ are drawn, inside the simulator's θ domain, or null for the prior
     * @return a new engine; this one is unchanged
     */
    public RobotPhysicist proposal(Box box) {
        if (box != null) {
            requireInside("proposal", box, simulator.thetaDomain(), simulator.dimensions().thetaDim());
            new TrainingSource.Simulated(simulator, box); // validates
        }
        return new RobotPhysicist(simulator, prior, phiRange, box, log, progress);
    }

    /**
     * The same with experiment settings φ in {@code range} (inside the simulator's φ domain).
     *
     * @param range the box of settings, D<sub>φ</sub> dimensions
     * @return a new engine; this one is unchanged
     */
    public RobotPhysicist settings(Box range) {
        return settings(List.of(range));
    }

    /**
     * The same with experiment settings φ in the union of {@code ranges} (each inside the simulator's
     * φ domain, their interiors disjoint): {@link #train} draws training φ over the union, each box in
     * proportion to its volume, and the trained model refuses a φ outside every box.
     *
     * @param ranges one or more boxes of settings with disjoint interiors
     * @return a new engine; this one is unchanged
     */
    public RobotPhysicist settings(List<Box> ranges) {
        Objects.requireNonNull(ranges, "phi ranges");
        for (Box range : ranges) {
            requireInside("phi range", range, simulator.phiDomain(), simulator.dimensions().phiDim());
        }
        return new RobotPhysicist(simulator, prior, new BoxUnion(ranges), proposal, log, progress);
    }

    /**
     * The same with one fixed setting φ.
     *
     * @param phi the setting, D<sub>φ</sub> values
     * @return a new engine; this one is unchanged
     */
    public RobotPhysicist settings(double... phi) {
        return settings(new Box(phi.clone(), phi.clone()));
    }

    /**
     * The same, reporting progress lines to {@code lines} and long stages to {@code reporter}.
     *
     * @param lines    receives one line per fact (what was trained, warnings)
     * @param reporter starts a progress report per long stage (training, normalization, certificate, EIG)
     * @return a new engine; this one is unchanged
     */
    public RobotPhysicist reporting(Consumer<String> lines, ProgressReporter reporter) {
        return new RobotPhysicist(simulator, prior, phiRange, proposal, Objects.requireNonNull(lines, "log"),
                Objects.requireNonNull(reporter, "progress"));
    }

    /**
     * The simulator this engine draws events from.
     *
     * @return the simulator given to {@link #forSimulator}
     */
    public Simulator simulator() {
        return simulator;
    }

    /**
     * The current prior on θ.
     *
     * @return the prior set by {@link #prior(Prior)}, or the uniform prior over the simulator's θ domain
     * @throws InvalidInputException when the simulator's θ domain is unbounded and no prior was set
     */
    public Prior prior() {
        return requirePrior();
    }

    /**
     * The range of settings φ (the bounding box where there are several: {@link #settingBoxes()}).
     *
     * @return the box of settings, or the bounding box of several
     * @throws InvalidInputException when the simulator's φ domain is unbounded and no range was set
     */
    public Box settings() {
        return requirePhi();
    }

    /**
     * The boxes of settings φ: one, or several trained across together.
     *
     * @return the boxes in the order given to {@link #settings(List)}
     * @throws InvalidInputException when the simulator's φ domain is unbounded and no range was set
     */
    public List<Box> settingBoxes() {
        requirePhi();
        return phiRange.boxes();
    }

    /**
     * The box training θ are drawn from uniformly, when one was named ({@link #proposal}).
     *
     * @return the proposal box, or empty when training θ come from the prior
     */
    public java.util.Optional<Box> proposal() {
        return java.util.Optional.ofNullable(proposal);
    }

    /**
     * The θ box the posterior grid spans: the prior's support where it is bounded; otherwise the
     * proposal where one is named, else the prior's working range ({@link PriorRange}).
     *
     * @return the box of D<sub>θ</sub> dimensions the posterior grid covers
     */
    public Box posteriorRange() {
        Prior p = requirePrior();
        if (p.support().isBounded() || proposal == null) {
            return PriorRange.of(p, simulator.thetaDomain());
        }
        return proposal;
    }

    /**
     * Builds or trains the surrogate {@code options.surrogate()} ({@link SurrogateRegistry}) for the
     * prior's support × the φ range: a neural kind trains on θ drawn from the current prior and φ
     * drawn uniformly over the range (or fixed at one setting), conditioned on (θ, φ). All
     * randomness follows from {@code options.seed()}. With {@link TrainOptions#certification()}
     * set, the model is then certified at the middle of the φ range (of its first box where there
     * are several; {@link #certify}).
     *
     * @param options the kind, training size, device, histogram size and certification
     * @return the trained model; close it when done (a neural surrogate holds native memory)
     */
    public TrainedModel train(TrainOptions options) {
        Objects.requireNonNull(options, "options");
        TrainedModel model = TrainedModel.of(SurrogateRegistry.discover().build(options.surrogate(),
                buildRequest(options)));
        if (options.certification() == null) {
            return model;
        }
        try {
            return certify(model, settingBoxes().get(0).middle(), options.certification());
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /**
     * Trains {@code options.surrogate()} sequentially for {@code observations} (sequential neural
     * likelihood, {@link SequentialTraining}): {@code sequential.simulations()} simulations in
     * {@code sequential.rounds()} rounds; round 1's θ as {@link #train} draws them (the prior, a normal
     * prior within its working range, or the {@link #proposal}),
     * round r ≥ 2's from the posterior of the observations under round r − 1's surrogate
     * (a grid up to 3-D θ; beyond that 1 000 MCMC chains with starts resampled from the prior, so that
     * every mode gets its share), φ always uniform over the settings.
     * Each round trains on every row so far (written to {@code directory} as
     * {@code training-round-NN.csv} and read back, so the model's provenance names the files),
     * continuing the previous network or from scratch as {@code sequential.continuation()} says.
     * The controls' rows are not used: the budget is {@code sequential.simulations()}. With a score
     * weight, every round's rows carry the simulator's joint scores (in the round files too), and
     * each round's network regresses its score on them.
     *
     * <p>The surrogate is accurate near these observations' posterior, not over the whole prior,
     * so it is for these observations (and data like them), and it is not certified: a certificate
     * measured on prior-predictive datasets would not describe it.
     *
     * @param observations the experiments the surrogate is trained for, each inside the settings
     * @param options      the kind (classifier, maf, nsf; one network) and its training controls
     * @param sequential   rounds, budget, continuation and the seed of the simulations and proposals
     * @param directory    where each round's simulated rows are written (created if missing)
     * @return the last round's model, every round's record and the round files; close it when done
     * @throws InvalidInputException when {@code options} asks for a certificate or an ensemble, a score weight for
     *                               a simulator without joint scores, the kind is not trained, or an observation's
     *                               φ lies outside the settings
     */
    public SequentialModel trainSequential(List<Observation> observations, TrainOptions options,
            SequentialTrainingConfig sequential, Path directory) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(sequential, "sequential configuration");
        Objects.requireNonNull(directory, "directory");
        if (observations == null || observations.isEmpty()) {
            throw new InvalidInputException("sequential training: expected at least one observation to train for but"
                    + " found none");
        }
        if (options.certification() != null) {
            throw new InvalidInputException("sequential training: expected no certification (a certificate measured on"
                    + " prior-predictive datasets does not describe a surrogate trained for one observation) but found"
                    + " one in the options");
        }
        SurrogateBuildRequest oneRound = buildRequest(options);
        BoxUnion settings = oneRound.phiUnion();
        PosteriorRequest.requireShapes(simulator.dimensions(), observations);
        for (Observation o : observations) {
            if (!settings.contains(o.phi())) {
                throw new InvalidInputException("sequential training: expected every observation's phi inside the"
                        + " settings " + settings + " the surrogate is trained over but found "
                        + Arrays.toString(o.phi()));
            }
        }
        String target = SequentialRounds.describe(observations, simulator.dimensions());
        SequentialRounds rounds = new SequentialRounds(options.surrogate(), oneRound, sequential.continuation(),
                directory);
        SequentialTraining.Result result = new SequentialTraining(sequential, log).train(simulator,
                oneRound.thetaSampler(), oneRound.phiSampler(), target,
                (current, n, rng) -> proposalDraws(current, observations, n, rng), rounds);
        var last = rounds.last();
        String description = last.description() + String.format(java.util.Locale.ROOT, ", trained sequentially in %d"
                + " rounds of %d simulations for %s", sequential.rounds(), sequential.rowsInRound(sequential.rounds()),
                target);
        return new SequentialModel(new TrainedModel(result.surrogate(), last.kind(), description, last.gpuFellBack()),
                result.rounds(), rounds.files());
    }

    /**
     * n draws of the posterior of {@code observations} under {@code surrogate}, for the next round of
     * {@link #trainSequential}: from the grid where the default posterior is one (θ up to 3-D),
     * else by {@link SequentialRounds#PROPOSAL_SAMPLER}, many chains with resampled starts, so that
     * every mode of a multimodal posterior gets its share of the next round's simulations.
     */
    private Matrix proposalDraws(SurrogateLikelihood surrogate, List<Observation> observations, int n,
            SplittableRandom rng) {
        PosteriorOptions grid = PosteriorOptions.defaults().withSamples(n).withSeed(rng.nextLong());
        int dim = posteriorRange().dim();
        if (grid.sampler().resolve(dim, grid.gridFits(dim)) == SamplerChoice.GRID) {
            return posterior(surrogate, observations, grid, Cancellation.none()).samples().draws();
        }
        return SequentialRounds.PROPOSAL_SAMPLER.draws(requirePrior(), SurrogatePosterior.of(requirePrior(),
                surrogate, observations.toArray(Observation[]::new)), n, rng);
    }

    /**
     * {@code model} with its calibration certificate ({@link CalibrationCertifier}): measured at
     * setting {@code phi} on {@code settings.datasets()} prior-predictive datasets of
     * {@code settings.eventsPerExperiment()} events, drawn from this simulator and the current prior,
     * and compared with the exact likelihood where the simulator has one.
     *
     * @param model    the model to certify (its surrogate is evaluated, not changed)
     * @param phi      the setting the datasets are simulated at, D<sub>φ</sub> values
     * @param settings datasets, events per dataset, grid, tolerance and seed
     * @return the same model carrying the certificate ({@link TrainedModel#calibration()})
     */
    public TrainedModel certify(TrainedModel model, double[] phi, CertificationConfig settings) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(settings, "certificate settings");
        if (phi == null || phi.length != simulator.dimensions().phiDim()) {
            throw new InvalidInputException("certification phi: expected " + simulator.dimensions().phiDim()
                    + " values but found " + (phi == null ? "none" : phi.length));
        }
        return model.withCalibration(CalibrationCertifier.certify(PosteriorEvaluator.forSurrogate(model.surrogate()),
                simulator, requirePrior(), phi, settings, progress));
    }

    /**
     * The registry request {@link #train} builds for {@code options} (for callers that drive the registry).
     *
     * @param options the kind's training controls, histogram size, experiment size and device
     * @return the request: training source, prior, setting boxes, controls, log and progress of this engine
     */
    public SurrogateBuildRequest buildRequest(TrainOptions options) {
        return new SurrogateBuildRequest(new TrainingSource.Simulated(simulator, proposal), requirePrior(),
                settingBoxes(), options.training(), options.histogram(), options.eventsPerExperiment(), options.device(),
                log, progress);
    }

    /**
     * Reads event files (CSV as {@code rp simulate} writes them) named and bounded by this simulator.
     *
     * @param files event CSV files with θ and φ columns
     * @return the files' rows as a training source, with their θ and φ bounding boxes
     */
    public EventFileSource readEvents(List<Path> files) {
        return EventFileSource.read(files, simulator);
    }

    /**
     * Trains {@code options.surrogate()} on the rows of {@code events} as they are (no simulation):
     * the surrogate covers the files' θ and φ bounding boxes. Only kinds that learn from given rows
     * accept it (classifier, maf, nsf; exact where the source names a tractable simulator).
     *
     * @param events  the rows to train on ({@link #readEvents}, {@link #streamEvents})
     * @param options the kind and its training controls
     * @return the trained model; close it when done
     */
    public TrainedModel train(GivenEvents events, TrainOptions options) {
        return trainFromEvents(events, options, log, progress);
    }

    /**
     * Opens labelled events too many to hold in memory, read block by block (a Parquet dataset
     * through the cluster backend, say), as a training source named and bounded by this simulator:
     * one pass checks every row and finds the θ and φ bounding boxes; training then reads the blocks
     * once per epoch ({@link StreamedEventSource}).
     *
     * @param blocks the events; the caller closes them after training
     * @return the training source
     */
    public StreamedEventSource streamEvents(EventBlocks blocks) {
        return StreamedEventSource.scan(blocks, simulator);
    }

    /**
     * As {@link #train(GivenEvents, TrainOptions)}, for events with or without a simulator (names
     * then come from the files' header), reporting to {@code lines} and {@code reporter} (null: silent).
     *
     * @param events   the rows to train on
     * @param options  the kind and its training controls
     * @param lines    receives one line per fact, or null for none
     * @param reporter starts a progress report per long stage, or null for none
     * @return the trained model; close it when done
     */
    public static TrainedModel trainFromEvents(GivenEvents events, TrainOptions options, Consumer<String> lines,
            ProgressReporter reporter) {
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(options, "options");
        SurrogateBuildRequest request = new SurrogateBuildRequest(events, new UniformBoxPrior(events.thetaRange()),
                events.phiRange(), options.training(), options.histogram(), options.eventsPerExperiment(),
                options.device(), lines, reporter);
        return TrainedModel.of(SurrogateRegistry.discover().build(options.surrogate(), request));
    }

    /**
     * Reads a model file (any kind with a registered loader) and checks it fits the simulator;
     * {@code options.signatures()} says whether it must be signed by a trusted key
     * ({@link LoadOptions#requireSignature}).
     *
     * @param path    the model file
     * @param options the range policy and whether a trusted signature is required
     * @return the loaded model with the file's certificate, if any; close it when done
     */
    public TrainedModel load(Path path, LoadOptions options) {
        SurrogateFiles.Loaded loaded = SurrogateFiles.read(path, options);
        try {
            simulator.dimensions().requireCompatible("model file " + path, loaded.surrogate().dimensions());
        } catch (RuntimeException e) {
            loaded.surrogate().close();
            throw e;
        }
        return TrainedModel.loaded(loaded, path);
    }

    /**
     * The posterior of {@code observation}'s events at its φ under the current prior; see
     * {@link #posterior(SurrogateLikelihood, List, PosteriorOptions, Cancellation)}.
     *
     * @param surrogate   the likelihood surrogate (a model's {@link TrainedModel#surrogate()})
     * @param observation the observed events and the setting φ they were recorded at
     * @param options     grid size, levels, sampler, draws and seed
     * @return the posterior: a grid or MCMC draws, its summary, and the draws asked for
     * @throws OutOfSupportException when the prior's support or φ lies outside the surrogate's ranges under
     *         {@code RangePolicy.FAIL} (under {@code WARN} the result carries the warnings instead)
     */
    public PosteriorResult posterior(SurrogateLikelihood surrogate, Observation observation, PosteriorOptions options) {
        return posterior(surrogate, List.of(observation), options, Cancellation.none());
    }

    /**
     * As {@link #posterior(SurrogateLikelihood, Observation, PosteriorOptions)}, checking
     * {@code cancellation} between tiles of the evaluation and before the summary.
     *
     * @param surrogate    the likelihood surrogate
     * @param observation  the observed events and their setting φ
     * @param options      grid size, levels, sampler, draws and seed
     * @param cancellation stops the computation between tiles, e.g. at a deadline
     * @return the posterior: a grid or MCMC draws, its summary, and the draws asked for
     * @throws org.robotphysicist.data.compute.ComputationCancelledException once it is cancelled
     *         or past its deadline
     */
    public PosteriorResult posterior(SurrogateLikelihood surrogate, Observation observation, PosteriorOptions options,
            Cancellation cancellation) {
        return posterior(surrogate, List.of(observation), options, cancellation);
    }

    /**
     * The posterior given several experiments, each at its own φ<sub>e</sub>: log p(θ | X<sub>1..E</sub>)
     * = log p(θ) + Σ<sub>e</sub> Σ<sub>i</sub> log p̂(x<sub>e,i</sub> | θ, φ<sub>e</sub>) − log Z
     * ({@link SurrogatePosterior}). Realized as {@code options.sampler()} says: on a grid of
     * {@code options.gridPoints()} points per θ dimension over the prior's support, normalized by
     * log-sum-exp (automatic choice up to 3-D θ when the grid fits its limit), or by many-chain MCMC
     * ({@link McmcPosterior}: summary from all kept draws, R̂/ESS in the result and warnings logged
     * when they fall short). With {@code options.samples()} &gt; 0 the result carries that many draws,
     * seeded by {@code options.seed()}. A surrogate ensemble's posterior is the mixture of its member
     * posteriors on the grid, and by MCMC their pooled draws ({@link EnsembleMcmcPosterior}: each member
     * sampled by its own chains, so K times the cost); either way the result carries the members' spread.
     *
     * @param surrogate    the likelihood surrogate
     * @param observations one or more experiments, each its events and setting φ
     * @param options      grid size, levels, sampler, draws and seed
     * @param cancellation stops the computation between tiles and before the summary
     * @return the posterior: a grid or MCMC draws, its summary, and the draws asked for
     * @throws OutOfSupportException when the prior's support or a φ lies outside the surrogate's ranges under
     *         {@code RangePolicy.FAIL} (under {@code WARN} the result carries the warnings instead;
     *         {@link PosteriorRequest})
     * @throws org.robotphysicist.data.compute.ComputationCancelledException once {@code cancellation}
     *         is cancelled or past its deadline
     */
    public PosteriorResult posterior(SurrogateLikelihood surrogate, List<Observation> observations,
            PosteriorOptions options, Cancellation cancellation) {
        Objects.requireNonNull(observations, "observations");
        Objects.requireNonNull(options, "options");
        simulator.dimensions().requireCompatible("surrogate", surrogate.dimensions());
        Box theta = posteriorRange();
        List<String> requestWarnings = new PosteriorRequest(surrogate, theta, observations).validate();
        List<PosteriorResult.Experiment> experiments = observations.stream()
                .map(o -> new PosteriorResult.Experiment(o.size(), o.phi())).toList();
        SurrogatePosterior target = SurrogatePosterior.of(prior, ReportingPosteriorEvaluator.wrap(
                PosteriorEvaluator.forSurrogate(surrogate, cancellation), progress), observations);
        SamplerChoice sampler = options.sampler().resolve(theta.dim(), options.gridFits(theta.dim()));
        SplittableRandom rng = new SplittableRandom(options.seed());
        options.requireChainsFor(sampler);
        if (sampler == SamplerChoice.GRID) {
            ThetaGrid points = posteriorGrid(options);
            List<GridPosterior> members = target.memberPosteriors(points);
            GridPosterior p = target.isEnsemble() ? GridPosterior.mixture(members) : members.get(0);
            cancellation.check();
            PosteriorSamples samples = options.samples() > 0 ? PosteriorSampler.fromGrid(p, options.samples(), rng)
                    : null;
            return new PosteriorResult(p, p.summarize(options.levels()), experiments, sampler, null, samples,
                    target.isEnsemble() ? EnsembleSpread.of(members) : null, requestWarnings);
        }
        // One member target for a single surrogate: then this is exactly one McmcPosterior run.
        EnsembleMcmcPosterior m = EnsembleMcmcPosterior.run(target.memberTargets(), prior,
                Math.max(1, options.samples()), options.chains(), rng);
        cancellation.check();
        McmcDiagnostics diagnostics = m.diagnostics();
        diagnostics.warnings().forEach(w -> log.accept("warning: " + w));
        PosteriorSamples samples = options.samples() > 0 ? m.samples(options.samples()) : null;
        return new PosteriorResult(null, m.summarize(options.levels()), experiments, sampler, diagnostics, samples,
                target.isEnsemble() ? m.spread() : null, requestWarnings);
    }

    /**
     * The θ points of the grid posterior {@code options} asks for: {@code options.gridPoints()} per
     * dimension over {@link #posteriorRange()}, what
     * {@link #posterior(SurrogateLikelihood, List, PosteriorOptions, Cancellation)} evaluates and
     * what a cluster sums the log-likelihood over for {@link #posteriorFromSums}.
     *
     * @param options the posterior's options (their grid points per dimension)
     * @return the grid, (M, D<sub>θ</sub>)
     */
    public ThetaGrid posteriorGrid(PosteriorOptions options) {
        return ThetaGrid.of(grid(posteriorRange(), options.gridPoints()));
    }

    /**
     * The grid posterior from log-likelihood sums computed elsewhere (on a cluster, where the events
     * are): log p(θ<sub>j</sub> | X) = log p(θ<sub>j</sub>) + Σ<sub>e</sub> S<sub>e,j</sub> − log Z
     * on {@link #posteriorGrid}, the same posterior
     * {@link #posterior(SurrogateLikelihood, List, PosteriorOptions, Cancellation)} gives for the
     * same events (up to float64 round-off in the sums).
     *
     * @param surrogate     the likelihood the sums were taken with (its ranges are checked)
     * @param experiments   each experiment's event count and setting, at least one
     * @param logLikelihood Σ<sub>e</sub> S<sub>e,j</sub> on {@link #posteriorGrid}, length M
     * @param options       the posterior's options (grid points, levels, seed); the grid sampler only
     * @return the grid posterior and its summary
     * @throws InvalidInputException when the options ask for MCMC (the sums exist on the grid only),
     *         for a surrogate ensemble, or for sums of another length
     */
    public PosteriorResult posteriorFromSums(SurrogateLikelihood surrogate, List<PosteriorResult.Experiment> experiments,
            double[] logLikelihood, PosteriorOptions options) {
        Objects.requireNonNull(options, "options");
        simulator.dimensions().requireCompatible("surrogate", surrogate.dimensions());
        if (TemperedSurrogate.untemperedLikelihood(surrogate)
                instanceof org.robotphysicist.models.ensemble.SurrogateEnsemble) {
            throw new InvalidInputException("posterior from sums: expected a single surrogate but found an ensemble"
                    + " (its posterior is the mixture of the member posteriors, each with its own sums)");
        }
        Box theta = posteriorRange();
        List<String> requestWarnings = PosteriorRequest.warnings(surrogate, theta,
                experiments.stream().map(PosteriorResult.Experiment::phi).toList(),
                experiments.stream().map(PosteriorResult.Experiment::events).toList());
        SamplerChoice sampler = options.sampler().resolve(theta.dim(), options.gridFits(theta.dim()));
        if (sampler != SamplerChoice.GRID) {
            throw new InvalidInputException("sampler: expected the grid for a posterior from summed log-likelihoods but"
                    + " found " + sampler.label() + "; use --sampler grid (theta up to 3 dimensions)");
        }
        ThetaGrid points = posteriorGrid(options);
        if (logLikelihood.length != points.size()) {
            throw new DimensionMismatchException("log-likelihood sums: expected one per grid point (" + points.size()
                    + ") but found " + logLikelihood.length);
        }
        GridPosterior p = GridPosterior.fromLogLikelihood(prior, points, simulator.dimensions().thetaNames(),
                logLikelihood);
        PosteriorSamples samples = options.samples() > 0
                ? PosteriorSampler.fromGrid(p, options.samples(), new SplittableRandom(options.seed())) : null;
        return new PosteriorResult(p, p.summarize(options.levels()), experiments, sampler, null, samples, null,
                requestWarnings);
    }

    /**
     * EIG estimates at each candidate φ under the current prior, with common random numbers across
     * candidates (each estimate starts from {@code options.seed()}).
     *
     * @param surrogate  the likelihood surrogate that simulated experiments are evaluated with
     * @param candidates settings φ to estimate EIG at, each of D<sub>φ</sub> values inside the surrogate's φ range
     * @param options    datasets, events per experiment, grid and seed
     * @return one estimate per candidate, in nats with its Monte Carlo standard error, in order
     */
    public List<EigEstimate> eig(SurrogateLikelihood surrogate, List<double[]> candidates, EigOptions options) {
        return eig(surrogate, candidates, options, Cancellation.none());
    }

    /**
     * As {@link #eig(SurrogateLikelihood, List, EigOptions)}, checking {@code cancellation} between
     * candidates, simulated datasets and evaluation tiles.
     *
     * @param surrogate    the likelihood surrogate
     * @param candidates   settings φ to estimate EIG at
     * @param options      datasets, events per experiment, grid and seed
     * @param cancellation stops the computation between candidates, datasets and tiles
     * @return one estimate per candidate, in order
     * @throws org.robotphysicist.data.compute.ComputationCancelledException once it is cancelled
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
     * @param surrogate    the likelihood surrogate
     * @param candidates   settings φ to estimate EIG at
     * @param options      datasets, events per experiment, grid and seed
     * @param target       names of the θ components the information is about, at least one, no repeats
     * @param cancellation stops the computation between candidates, datasets and tiles
     * @return one estimate per candidate of the information about the target components, in order
     * @throws InvalidInputException for a name θ does not have, a repeated one, or none
     */
    public List<EigEstimate> eig(SurrogateLikelihood surrogate, List<double[]> candidates, EigOptions options,
            List<String> target, Cancellation cancellation) {
        requireSettings("EIG");
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
            requireCovers(surrogate, phi);
            out.add(eig.estimate(priorOnGrid, prior, phi, new SplittableRandom(options.seed())));
        }
        return out;
    }

    /**
     * The next setting to run: {@code options.evaluations()} EIG estimates chosen by Bayesian
     * optimization over the φ range (log expected improvement, a GP with known noise s.e.²), then
     * the evaluated φ with the highest GP mean.
     *
     * @param surrogate the likelihood surrogate
     * @param options   the estimates' size and the optimizer's budget ({@link EigOptions#evaluations()})
     * @return the suggested setting with its estimate, the GP mean there and every estimate made
     */
    public Suggestion suggestNext(SurrogateLikelihood surrogate, EigOptions options) {
        requireSettings("suggestNext");
        if (settingBoxes().size() > 1) {
            throw new InvalidInputException("suggestNext: expected one phi range to search but found the union "
                    + phiRange + "; call settings(box) with the range to choose from");
        }
        Box phi = requirePhi();
        requireCovers(surrogate, phi.lower());
        requireCovers(surrogate, phi.upper());
        if (Arrays.equals(phi.lower(), phi.upper())) {
            throw new InvalidInputException("phi range: expected a range to choose from but found the single setting "
                    + Arrays.toString(phi.lower()));
        }
        SplittableRandom seeds = new SplittableRandom(options.seed());
        BoConfig bo = BoConfig.forEigSearch(options.initialPoints());
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
        return new ExpectedInformationGain(likelihood, ThetaGrid.of(grid(posteriorRange(),
                options.gridPoints())), options.datasets(), cancellation);
    }

    private static RegularGrid grid(Box theta, int pointsPerDim) {
        return ThetaGrid.regularOver(theta, pointsPerDim, "use fewer grid points or the mcmc sampler");
    }

    /** The prior's support and {@code phi} inside the surrogate's ranges, a warning logged under RangePolicy.WARN. */
    private void requireCovers(SurrogateLikelihood surrogate, double[] phi) {
        PosteriorRequest.ranges(surrogate, posteriorRange(), List.of(phi)).forEach(w -> log.accept("warning: " + w));
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

    /** Refuses {@code what} for a simulator whose experiments have no setting: there is nothing to choose. */
    private void requireSettings(String what) {
        if (!simulator.dimensions().hasPhi()) {
            throw new InvalidInputException(what + ": expected a simulator with experiment settings (phi) to choose"
                    + " between but " + simulator.name() + " has none; every experiment is the same");
        }
    }

    private Box requirePhi() {
        if (phiRange == null) {
            throw new InvalidInputException("phi range: expected one (the simulator's phi domain "
                    + simulator.phiDomain() + " is unbounded) but found none; call settings(..)");
        }
        return phiRange.bounds();
    }

    @Override
    public String toString() {
        return "RobotPhysicist[" + simulator.name() + ", prior=" + prior + ", phi=" + phiRange
                + (proposal == null ? "" : ", proposal=" + proposal) + "]";
    }
}
