package org.robotphysicist.training.flow;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.DimensionMismatchException;
import org.robotphysicist.data.Dimensions;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.dataset.EventBlocks;
import org.robotphysicist.data.dataset.EventDataset;
import org.robotphysicist.data.io.Json;
import org.robotphysicist.data.io.Provenance;
import org.robotphysicist.data.simulator.JointScoreSimulator;
import org.robotphysicist.data.simulator.Simulator;
import org.robotphysicist.models.RangePolicy;
import org.robotphysicist.models.file.TrainedRanges;
import org.robotphysicist.models.flow.ConditionalFlow;
import org.robotphysicist.models.flow.FlowEvaluator;
import org.robotphysicist.models.flow.FlowSpec;
import org.robotphysicist.models.flow.SupportBijection;
import org.robotphysicist.models.flow.TrainedFlow;
import org.robotphysicist.models.neural.Standardizer;
import org.robotphysicist.training.ProgressListener;
import org.robotphysicist.training.ScoreRegressionObjective;
import org.robotphysicist.training.StreamedTable;
import org.robotphysicist.training.TrainingLoop;
import org.robotphysicist.training.TrainingLoopResult;
import org.robotphysicist.training.TrainingObjective;
import org.robotphysicist.training.data.JointScoreRows;
import org.robotphysicist.training.data.ParameterSampler;
import org.robotphysicist.training.data.SimulatedTrainingSet;

/**
 * Trains a conditional flow surrogate (MAF or NSF) by maximum likelihood from a simulator:
 * <ol>
 *   <li>simulate {@link FlowTrainingConfig#trainingRows()} joint draws (x, θ, φ) with
 *       {@link SimulatedTrainingSet}, θ and φ from the given samplers;</li>
 *   <li>bound the flow to the simulator's declared x support ({@link Simulator#xSupport()}): the
 *       spec gets that support (a spec with a support of its own must contain it), and x is mapped
 *       onto ℝ<sup>D<sub>x</sub></sup> by its fixed {@link org.robotphysicist.models.flow.SupportBijection}
 *       (the identity where x is unbounded);</li>
 *   <li>fit the standardizer of the mapped x and the context (θ, φ) standardizer on them; standardize;</li>
 *   <li>initialize the flow on the {@link TrainingLoop}'s device from the training seed (or, after
 *       {@link #startingFrom}, copy a trained flow's weights and keep its standardizers) and minimize
 *       the mean negative log-likelihood ({@link FlowLikelihoodObjective}) with the shared loop — plus,
 *       with a {@link FlowTrainingConfig#scoreWeight() score weight} and a simulator that returns
 *       joint scores, the regression of the flow's score on them ({@link ScoreRegressionObjective})
 *       (validation split, early stopping restoring the best epoch, schedule, progress);</li>
 *   <li>attach the trained ranges and the provenance: configuration, simulator and samplers,
 *       seeds, SHA-256 of the simulated table, software versions, device.</li>
 * </ol>
 * A parameter sampler whose range is a point (one fixed φ) gets a unit scale in the standardizer,
 * so such a context column is simply zero. {@link #trainOn} skips step 1 and trains on labelled
 * events already at hand (event files), recording what they are and their hashes instead.
 */
public final class FlowTrainer {
    private static final long INIT_SALT = 0x2545F4914F6CDD1DL;

    private final FlowTrainingConfig config;
    private final ProgressListener listener;
    /** The trained flow whose weights training starts from, or null for a fresh initialization. */
    private final TrainedFlow start;

    public FlowTrainer(FlowTrainingConfig config, ProgressListener listener) {
        this(config, listener, null);
    }

    private FlowTrainer(FlowTrainingConfig config, ProgressListener listener, TrainedFlow start) {
        this.config = config;
        this.listener = listener == null ? ProgressListener.none() : listener;
        this.start = start;
    }

    /**
     * This trainer fine-tuning {@code trained} instead of initializing a fresh flow: the network
     * trained is {@code trained}'s architecture (the configured one is not used), its parameter
     * values copied into a flow of the trainer's own (on the trainer's device, owned by the returned
     * flow), and the inputs are standardized with {@code trained}'s x and context standardizers (not
     * refitted, so the copied weights see the inputs they were trained on). The data must have
     * {@code trained}'s dimensions; the result covers {@code trained}'s ranges. {@code trained} stays
     * the caller's: it is read here, never closed.
     */
    public FlowTrainer startingFrom(TrainedFlow trained) {
        return new FlowTrainer(config, listener, java.util.Objects.requireNonNull(trained, "starting flow"));
    }

    public FlowTrainingConfig config() {
        return config;
    }

    /**
     * Simulates and trains.
     *
     * @param theta where training θ come from; its range becomes the flow's θ range
     * @param phi   where training φ come from (e.g. {@link ParameterSampler#fixed} for one setting)
     * @return the trained flow, with {@link RangePolicy#FAIL}; the caller closes it
     */
    public TrainedFlow train(Simulator simulator, ParameterSampler theta, ParameterSampler phi) {
        Dimensions dims = simulator.dimensions();
        FlowSpec requested = config.network();
        if (requested.xDim() != dims.xDim() || requested.contextDim() != dims.thetaDim() + dims.phiDim()) {
            throw new DimensionMismatchException("flow architecture for " + simulator.name() + ": expected x dimension "
                    + dims.xDim() + " and context dimension " + (dims.thetaDim() + dims.phiDim())
                    + " (theta + phi) but found " + requested.xDim() + " and " + requested.contextDim());
        }
        FlowSpec spec = boundedToSupport(requested, simulator);
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("simulator", simulator.name());
        source.put("thetaSampler", theta.toString());
        source.put("phiSampler", phi.toString());
        SplittableRandom rng = new SplittableRandom(config.dataSeed());
        JointScoreSimulator.ScoredEvents scored = !config.regressesScores() ? null
                : SimulatedTrainingSet.jointWithScores(JointScoreRows.require(simulator, "flow training",
                        config.scoreWeight()), theta, phi, config.trainingRows(), config.eventsPerParameter(), rng);
        EventDataset data = scored != null ? scored.events() : SimulatedTrainingSet.joint(simulator, theta, phi,
                config.trainingRows(), config.eventsPerParameter(), rng);
        Map<String, String> hashes = new LinkedHashMap<>();
        hashes.put("training-data/joint", data.sha256());
        if (scored != null) {
            hashes.put("training-data/joint-scores", scored.scoresSha256());
        }
        TrainedRanges ranges = TrainedRanges.of(theta.range(), phi.union(),
                SimulatedTrainingSet.xRange(simulator, data));
        return fit(dims, spec, data, scored == null ? null : scored.scores(), ranges, source, hashes);
    }

    /**
     * Trains on labelled events already at hand (for example read from event files) rather than
     * simulated: every row of {@code data} is one training row, as it is.
     *
     * @param dims       the names of θ, φ and x ({@code data}'s columns must fit them)
     * @param xSupport   where x can lie (infinite bounds where unbounded): the flow keeps all its
     *                   probability there, as for a simulator's declared support
     * @param ranges     the ranges the flow will be valid on (the data's, or boxes around them)
     * @param source     what the data are, for the provenance (e.g. the files)
     * @param dataHashes SHA-256 of the inputs by role, for the provenance
     * @return the trained flow, with {@link RangePolicy#FAIL}; the caller closes it
     */
    public TrainedFlow trainOn(Dimensions dims, Box xSupport, EventDataset data, TrainedRanges ranges,
            Map<String, Object> source, Map<String, String> dataHashes) {
        return trainOn(dims, xSupport, data, null, ranges, source, dataHashes);
    }

    /**
     * As {@link #trainOn(Dimensions, Box, EventDataset, TrainedRanges, Map, Map)}, with each event's
     * joint score, which a score weight above 0 regresses the flow's θ-score on
     * ({@link org.robotphysicist.training.ScoreRegressionObjective}).
     *
     * @param jointScores (N, D<sub>θ</sub>) in {@code data}'s row order, or null where the events have none
     * @throws org.robotphysicist.data.InvalidInputException where the score weight is above 0 and there are no scores
     */
    public TrainedFlow trainOn(Dimensions dims, Box xSupport, EventDataset data, Matrix jointScores,
            TrainedRanges ranges, Map<String, Object> source, Map<String, String> dataHashes) {
        FlowSpec spec = config.network();
        if (spec.xDim() != dims.xDim() || spec.contextDim() != dims.thetaDim() + dims.phiDim()) {
            throw new DimensionMismatchException("flow architecture: expected x dimension " + dims.xDim()
                    + " and context dimension " + (dims.thetaDim() + dims.phiDim()) + " (theta + phi) but found "
                    + spec.xDim() + " and " + spec.contextDim());
        }
        data.schema().requireFits("flow training data", dims);
        Matrix scores = JointScoreRows.forGivenEvents("flow training", config.scoreWeight(), jointScores, data.size(),
                dims.thetaDim());
        return fit(dims, boundedToSupport(spec, xSupport, "the training data"), data, scores,
                ranges.requireDimensions(dims), source, dataHashes);
    }

    /**
     * As {@link #trainOn(Dimensions, Box, EventDataset, TrainedRanges, Map, Map)} for labelled events
     * read block by block, for tables that do not fit in memory: one pass over the blocks fits the
     * standardizer of [y | θ | φ] (y = x mapped to ℝ by the support bijection), then
     * {@link TrainingLoop#fit(org.robotphysicist.training.TrainingObjective, StreamedTable)} reads
     * every block once per epoch.
     *
     * @param data the blocks; the caller keeps and closes them
     */
    public TrainedFlow trainOn(Dimensions dims, Box xSupport, EventBlocks data, TrainedRanges ranges,
            Map<String, Object> source, Map<String, String> dataHashes) {
        FlowSpec configured = config.network();
        if (configured.xDim() != dims.xDim() || configured.contextDim() != dims.thetaDim() + dims.phiDim()) {
            throw new DimensionMismatchException("flow architecture: expected x dimension " + dims.xDim()
                    + " and context dimension " + (dims.thetaDim() + dims.phiDim()) + " (theta + phi) but found "
                    + configured.xDim() + " and " + configured.contextDim());
        }
        data.schema().requireFits("flow training data", dims);
        JointScoreRows.refuseForStreamedEvents("flow training", config.scoreWeight());
        FlowSpec spec = specFor(dims, boundedToSupport(configured, xSupport, "the training data"));
        int dx = dims.xDim();
        Standardizer scaler = start != null ? startScaler() : fitScaler(data, dx, spec);
        StreamedTable table = StreamedTable.of(data, data.schema().width(),
                rows -> scaler.apply(withMappedX(rows, dx, spec)));
        return train(dims, spec, ranges.requireDimensions(dims), scaler, source, dataHashes,
                (loop, objective) -> loop.fit(objective, table));
    }

    /**
     * Standardizes [y | θ | φ] (y = x mapped by the support bijection) and trains; with
     * {@code scores} (N, D<sub>θ</sub>), the joint scores are appended in standardized θ units
     * ({@link JointScoreRows#appendScaled}).
     */
    private TrainedFlow fit(Dimensions dims, FlowSpec configured, EventDataset data, Matrix scores,
            TrainedRanges configuredRanges, Map<String, Object> source, Map<String, String> dataHashes) {
        FlowSpec spec = specFor(dims, configured);
        Matrix table = withMappedX(data.table(), dims.xDim(), spec);
        Standardizer scaler = start != null ? startScaler() : Standardizer.fit(table);
        Matrix z = scaler.apply(table);
        Matrix rows = scores == null ? z : JointScoreRows.appendScaled(z, scores, scaler.scale(), dims.xDim());
        return train(dims, spec, configuredRanges, scaler, source, dataHashes, (loop, objective) -> loop.fit(objective,
                rows));
    }

    /** The spec to train: the starting flow's when fine-tuning (whose names must be {@code dims}), else {@code configured}. */
    private FlowSpec specFor(Dimensions dims, FlowSpec configured) {
        if (start != null && !start.dimensions().equals(dims)) {
            throw new DimensionMismatchException("flow fine-tuning: expected data with the starting flow's names "
                    + start.dimensions() + " but found " + dims);
        }
        return start != null ? start.spec() : configured;
    }

    /** The starting flow's scaling of [y | θ | φ]. */
    private Standardizer startScaler() {
        return Standardizer.concat(start.evaluator().xStandardizer(), start.evaluator().contextStandardizer());
    }

    /** The standardizer of every block's [y | θ | φ], in one pass. */
    private static Standardizer fitScaler(EventBlocks data, int dx, FlowSpec spec) {
        Standardizer.Accumulator moments = new Standardizer.Accumulator(data.schema().width());
        for (int b = 0; b < data.blockCount(); b++) {
            moments.add(withMappedX(data.block(b).table(), dx, spec));
        }
        return moments.result();
    }

    /** Builds the flow, runs {@code loop} on it and wraps the result (the flow is closed if training fails). */
    private TrainedFlow train(Dimensions dims, FlowSpec spec, TrainedRanges configuredRanges, Standardizer scaler,
            Map<String, Object> source, Map<String, String> dataHashes,
            java.util.function.BiFunction<TrainingLoop, TrainingObjective, TrainingLoopResult> loop) {
        int dx = dims.xDim();
        TrainedRanges ranges = start != null ? start.trainedRanges() : configuredRanges;
        Standardizer xScaler = scaler.slice(0, dx);
        Standardizer contextScaler = scaler.slice(dx, scaler.dim());
        TrainingLoop trainer = new TrainingLoop(config.training(), listener);
        NDManager manager = NDManager.newBaseManager(trainer.device());
        try {
            ConditionalFlow flow = spec.build();
            flow.initializeParameters(manager, DataType.FLOAT32,
                    new SplittableRandom(config.training().seed() ^ INIT_SALT));
            if (start != null) {
                start.parameters().loadInto(flow);
            }
            TrainingObjective likelihood = new FlowLikelihoodObjective(flow);
            TrainingObjective objective = config.regressesScores() ? new ScoreRegressionObjective(likelihood,
                    flow::logProbOfRows, dx, dims.thetaDim(), config.scoreWeight()) : likelihood;
            TrainingLoopResult result = loop.apply(trainer, objective);
            FlowEvaluator evaluator = new FlowEvaluator(flow, xScaler, contextScaler, FlowEvaluator.DEFAULT_TILE_ROWS);
            return new TrainedFlow(dims, manager, evaluator, ranges, RangePolicy.FAIL,
                    provenance(source, dataHashes, result), result.curve());
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * The spec on the simulator's x support: an unbounded spec adopts it; a spec with a support of
     * its own keeps it if the simulator's lies within it (no event can fall outside), else refused.
     */
    static FlowSpec boundedToSupport(FlowSpec spec, Simulator simulator) {
        return boundedToSupport(spec, simulator.xSupport(), simulator.name());
    }

    /** {@link #boundedToSupport(FlowSpec, Simulator)} for a support declared by {@code origin}. */
    static FlowSpec boundedToSupport(FlowSpec spec, Box declared, String origin) {
        Box own = spec.xSupport();
        if (own.equals(Box.unbounded(spec.xDim()))) {
            return spec.withXSupport(declared);
        }
        if (!declared.within(own)) {
            throw new InvalidInputException("flow x support for " + origin + ": expected a support containing"
                    + " the simulator's " + declared + " but found " + own);
        }
        return spec;
    }

    /** The table [x | θ | φ] with x replaced by its image under the spec's support bijection. */
    private static Matrix withMappedX(Matrix table, int dx, FlowSpec spec) {
        SupportBijection bijection = spec.supportBijection();
        if (bijection.isIdentity()) {
            return table;
        }
        int cols = table.cols();
        double[] values = table.toArray();
        double[] x = new double[table.rows() * dx];
        for (int r = 0; r < table.rows(); r++) {
            System.arraycopy(values, r * cols, x, r * dx, dx);
        }
        double[] y = bijection.toReal(Matrix.of(table.rows(), dx, x)).y().toArray();
        for (int r = 0; r < table.rows(); r++) {
            System.arraycopy(y, r * dx, values, r * cols, dx);
        }
        return Matrix.of(table.rows(), cols, values);
    }

    private Provenance provenance(Map<String, Object> source, Map<String, String> dataHashes,
            TrainingLoopResult result) {
        Map<String, Object> cfg = new LinkedHashMap<>(Json.toMap(config));
        cfg.putAll(source);
        cfg.put("objective", result.objective());
        if (start != null) {
            cfg.put("initialWeights", Map.of("kind", start.kind(), "parametersSha256", start.parameters().sha256()));
        }
        Map<String, Long> seeds = Map.of("data", config.dataSeed(), "training", config.training().seed());
        return result.stampDevice(Provenance.capture(FlowTrainer.class.getSimpleName(), cfg, seeds, dataHashes));
    }
}
