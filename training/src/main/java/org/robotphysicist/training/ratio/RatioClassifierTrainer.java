package org.robotphysicist.training.ratio;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.robotphysicist.data.Dimensions;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.dataset.EventBlocks;
import org.robotphysicist.data.dataset.EventDataset;
import org.robotphysicist.data.io.Json;
import org.robotphysicist.data.io.Provenance;
import org.robotphysicist.data.simulator.JointScoreSimulator;
import org.robotphysicist.data.simulator.Simulator;
import org.robotphysicist.models.RangePolicy;
import org.robotphysicist.models.file.TrainedRanges;
import org.robotphysicist.models.neural.Mlp;
import org.robotphysicist.models.neural.MlpSpec;
import org.robotphysicist.models.neural.Standardizer;
import org.robotphysicist.models.ratio.EvidenceNormalization;
import org.robotphysicist.models.ratio.ParameterizedRatioClassifier;
import org.robotphysicist.models.ratio.RatioForm;
import org.robotphysicist.models.ratio.calibration.CalibrationMethod;
import org.robotphysicist.models.ratio.calibration.ScoreCalibration;
import org.robotphysicist.training.ProgressListener;
import org.robotphysicist.training.ScoreRegressionObjective;
import org.robotphysicist.training.StreamedTable;
import org.robotphysicist.training.TrainingLoop;
import org.robotphysicist.training.TrainingLoopResult;
import org.robotphysicist.training.TrainingObjective;
import org.robotphysicist.training.data.JointScoreRows;
import org.robotphysicist.training.data.ParameterSampler;
import org.robotphysicist.training.data.RowSample;
import org.robotphysicist.training.data.SimulatedTrainingSet;

/**
 * Trains a {@link ParameterizedRatioClassifier} from a simulator:
 * <ol>
 *   <li>simulate the training table with {@link SimulatedTrainingSet} — joint draws (x, θ, φ) for
 *       the likelihood-to-evidence form; for the reference form half joint draws (class 1) and
 *       half events at θ₁ carrying independent θ draws (class 0);</li>
 *   <li>fit the input {@link Standardizer} on it and standardize;</li>
 *   <li>initialize the MLP on the {@link TrainingLoop}'s device and minimize the binary
 *       cross-entropy ({@link LikelihoodToEvidenceObjective} or {@link ReferenceRatioObjective}) — plus,
 *       with a {@link RatioTrainingConfig#scoreWeight() score weight}, the regression of the logit's
 *       θ-derivative on the simulator's joint scores ({@link ScoreRegressionObjective}; at the optimum
 *       the logit is log p(x | θ, φ) − log p(x | φ), whose θ-derivative is the likelihood's score);</li>
 *   <li>when asked, fit the score calibration on a fresh simulated set, scored by the trained
 *       network (class 0 of the likelihood-to-evidence form: θ permuted across the set);</li>
 *   <li>attach the trained ranges and the provenance: configuration, simulator and samplers,
 *       seeds, SHA-256 of the simulated tables, software versions, device.</li>
 * </ol>
 * {@link #trainOn} trains the likelihood-to-evidence form on labelled events already at hand
 * (event files) instead of simulating them.
 */
public final class RatioClassifierTrainer {
    private static final long INIT_SALT = 0x5DEECE66DL;

    private final RatioTrainingConfig config;
    private final ProgressListener listener;
    /** The trained classifier whose weights training starts from, or null for a fresh initialization. */
    private final ParameterizedRatioClassifier start;

    public RatioClassifierTrainer(RatioTrainingConfig config, ProgressListener listener) {
        this(config, listener, null);
    }

    private RatioClassifierTrainer(RatioTrainingConfig config, ProgressListener listener,
            ParameterizedRatioClassifier start) {
        this.config = config;
        this.listener = listener == null ? ProgressListener.none() : listener;
        this.start = start;
    }

    /**
     * This trainer fine-tuning {@code trained} instead of initializing a fresh network: the network
     * trained has {@code trained}'s architecture (the configured hidden widths and activation are not
     * used), its parameter values copied into a network of the trainer's own (on the trainer's device,
     * owned by the returned classifier), and the inputs are standardized with {@code trained}'s input
     * standardizer (not refitted, so the copied weights see the inputs they were trained on). The
     * result covers {@code trained}'s ranges; its score calibration and normalization are fitted
     * anew as configured. {@code trained} stays the caller's: it is read here, never closed.
     *
     * @throws org.robotphysicist.data.InvalidInputException when {@code trained} has another ratio form
     */
    public RatioClassifierTrainer startingFrom(ParameterizedRatioClassifier trained) {
        java.util.Objects.requireNonNull(trained, "starting classifier");
        if (!trained.form().equals(config.form())) {
            throw new org.robotphysicist.data.InvalidInputException("classifier fine-tuning: expected a classifier"
                    + " trained in the " + config.form() + " form but found " + trained.form());
        }
        return new RatioClassifierTrainer(config, listener, trained);
    }

    /** The input standardizer: the starting classifier's, else fitted on {@code inputs}. */
    private Standardizer scaler(Matrix inputs) {
        return start != null ? start.inputStandardizer() : Standardizer.fit(inputs);
    }

    /** The ranges the result covers: the starting classifier's, else {@code trained}. */
    private TrainedRanges ranges(TrainedRanges trained) {
        return start != null ? start.trainedRanges() : trained;
    }

    /**
     * The network to train, on the trainer's device and owned by the caller: a copy of the starting
     * classifier's, else a fresh one of {@code inputs} inputs initialized from the training seed.
     */
    private Mlp network(TrainingLoop trainer, Dimensions dims, int inputs) {
        if (start != null) {
            if (!start.dimensions().equals(dims)) {
                throw new org.robotphysicist.data.DimensionMismatchException("classifier fine-tuning: expected data"
                        + " with the starting classifier's names " + start.dimensions() + " but found " + dims);
            }
            return Mlp.load(start.network().spec(), trainer.device(), DataType.FLOAT32, start.network().parameters());
        }
        return Mlp.initialize(new MlpSpec(inputs, config.hiddenWidths(), 1, config.activation()), trainer.device(),
                DataType.FLOAT32, new SplittableRandom(config.training().seed() ^ INIT_SALT));
    }

    /**
     * One simulated set: network inputs (x, θ, φ), class labels, and the datasets they came from
     * by role (for ranges and provenance hashes).
     */
    private record Labelled(Matrix inputs, boolean[] labels, Map<String, EventDataset> sources,
            JointScoreSimulator.ScoredEvents scored) {
        Labelled(Matrix inputs, boolean[] labels, Map<String, EventDataset> sources) {
            this(inputs, labels, sources, null);
        }
    }

    /**
     * Simulates, trains and (optionally) calibrates.
     *
     * @param theta where training θ come from; its range becomes the classifier's θ range
     * @param phi   where training φ come from (e.g. {@link ParameterSampler#fixed} for one energy)
     */
    public ParameterizedRatioClassifier train(Simulator simulator, ParameterSampler theta, ParameterSampler phi) {
        Dimensions dims = simulator.dimensions();
        RatioForm form = config.form();
        if (form.kind() == RatioForm.Kind.REFERENCE) {
            simulator.thetaDomain().require("reference theta", form.referenceTheta());
        }
        SplittableRandom data = new SplittableRandom(config.dataSeed());
        SplittableRandom trainRng = data.split();
        SplittableRandom calibrationRng = data.split();
        SplittableRandom normalizationRng = data.split();
        Labelled train = config.regressesScores() ? simulateScored(JointScoreRows.require(simulator,
                "classifier training", config.scoreWeight()), theta, phi, trainRng)
                : simulate(simulator, theta, phi, config.trainingRows(), trainRng);
        Labelled calibration = config.calibration() == CalibrationMethod.NONE ? null
                : simulate(simulator, theta, phi, config.calibrationRows(), calibrationRng);
        java.util.List<EventDataset> seen = new java.util.ArrayList<>(train.sources().values());
        if (calibration != null) {
            seen.addAll(calibration.sources().values());
        }
        TrainedRanges ranges = ranges(TrainedRanges.of(theta.range(), phi.union(),
                SimulatedTrainingSet.xRange(simulator, seen.toArray(new EventDataset[0]))));

        Standardizer scaler = scaler(train.inputs());
        Matrix z = scaler.apply(train.inputs());
        int d = z.cols();
        TrainingLoop trainer = new TrainingLoop(config.training(), listener);
        Mlp network = network(trainer, dims, d);
        TrainingLoopResult result;
        try {
            TrainingObjective crossEntropy = form.kind() == RatioForm.Kind.LIKELIHOOD_TO_EVIDENCE
                    ? new LikelihoodToEvidenceObjective(network.block(), dims.xDim(), dims.thetaDim(), dims.phiDim(),
                            config.contrast())
                    : new ReferenceRatioObjective(network.block(), d);
            TrainingObjective objective = train.scored() == null ? crossEntropy
                    : withScoreRegression(crossEntropy, network, dims);
            Matrix table = form.kind() != RatioForm.Kind.LIKELIHOOD_TO_EVIDENCE ? withLabels(z, train.labels())
                    : train.scored() == null ? z : JointScoreRows.appendScaled(z, train.scored().scores(),
                            scaler.scale(), dims.xDim());
            result = trainer.fit(objective, table);
        } catch (RuntimeException e) {
            network.close();
            throw e;
        }
        Provenance provenance = provenance(simulator, theta, phi, train, calibration, result);
        ParameterizedRatioClassifier raw = new ParameterizedRatioClassifier(dims, network, scaler,
                new ParameterizedRatioClassifier.Settings(form, ScoreCalibration.none()), ranges, RangePolicy.FAIL,
                provenance, result.curve(), ParameterizedRatioClassifier.DEFAULT_TILE_ROWS);
        if (calibration == null && !config.normalization().enabled()) {
            return raw;
        }
        ScoreCalibration fitted;
        EvidenceNormalization normalization;
        try {
            fitted = calibration == null ? ScoreCalibration.none()
                    : fitCalibration(raw, calibration, config.calibration(), config.calibrationBins());
            ParameterizedRatioClassifier calibrated = new ParameterizedRatioClassifier(dims, network, scaler,
                    new ParameterizedRatioClassifier.Settings(form, fitted), ranges, RangePolicy.FAIL, provenance,
                    result.curve(), ParameterizedRatioClassifier.DEFAULT_TILE_ROWS);
            normalization = !config.normalization().enabled() ? null
                    : fitNormalization(calibrated, simulator, theta, normalizationRng);
        } catch (RuntimeException e) {
            network.close();
            throw e;
        }
        // The final classifier takes over the network; the intermediate ones are dropped without closing it.
        return new ParameterizedRatioClassifier(dims, network, scaler,
                new ParameterizedRatioClassifier.Settings(form, fitted, normalization), ranges, RangePolicy.FAIL,
                provenance, result.curve(), ParameterizedRatioClassifier.DEFAULT_TILE_ROWS);
    }

    /**
     * Trains the likelihood-to-evidence form on labelled events already at hand (for example read
     * from event files) rather than simulated: class 1 is every row (x, θ, φ) of {@code data} as it
     * is, class 0 the same rows with θ permuted across the rows of each batch. The per-(θ, φ)
     * normalization, when configured, takes its reference events at a φ node from the K rows of
     * {@code data} nearest that φ (K = the configured samples, at most N; distance in units of the
     * φ range per dimension; all rows tie where φ is one setting), so it averages over the data's
     * own θ at that φ. Score calibration needs fresh simulations and is refused here.
     *
     * @param dims       the names of θ, φ and x ({@code data}'s columns must fit them)
     * @param ranges     the ranges the classifier will be valid on
     * @param source     what the data are, for the provenance (e.g. the files)
     * @param dataHashes SHA-256 of the inputs by role, for the provenance
     */
    public ParameterizedRatioClassifier trainOn(Dimensions dims, EventDataset data, TrainedRanges ranges,
            Map<String, Object> source, Map<String, String> dataHashes) {
        return trainOn(dims, data, null, ranges, source, dataHashes);
    }

    /**
     * As {@link #trainOn(Dimensions, EventDataset, TrainedRanges, Map, Map)}, with each event's joint
     * score, which a score weight above 0 regresses the classifier's θ-derivative on
     * ({@link ScoreRegressionObjective}, on the class-1 rows, as for simulated events).
     *
     * @param jointScores (N, D<sub>θ</sub>) in {@code data}'s row order, or null where the events have none
     * @throws org.robotphysicist.data.InvalidInputException where the score weight is above 0 and there are no scores
     */
    public ParameterizedRatioClassifier trainOn(Dimensions dims, EventDataset data, Matrix jointScores,
            TrainedRanges ranges, Map<String, Object> source, Map<String, String> dataHashes) {
        requireGivenEventsSettings();
        data.schema().requireFits("classifier training data", dims);
        Matrix scores = JointScoreRows.forGivenEvents("classifier training", config.scoreWeight(), jointScores,
                data.size(), dims.thetaDim());
        Standardizer scaler = scaler(data.table());
        Matrix z = scaler.apply(data.table());
        Matrix rows = scores == null ? z : JointScoreRows.appendScaled(z, scores, scaler.scale(), dims.xDim());
        return trainOnGiven(dims, ranges, scaler, source, dataHashes, (loop, objective) -> loop.fit(objective, rows),
                data);
    }

    /**
     * As {@link #trainOn(Dimensions, EventDataset, TrainedRanges, Map, Map)} for labelled events
     * read block by block, for tables that do not fit in memory: one pass fits the input
     * standardizer, {@link TrainingLoop#fit(org.robotphysicist.training.TrainingObjective,
     * StreamedTable)} reads every block once per epoch, and the evidence normalization takes the
     * events nearest each φ node from a uniformly random subset of {@value #NORMALIZATION_POOL_ROWS}
     * rows (all rows when there are fewer).
     *
     * @param data the blocks; the caller keeps and closes them
     */
    public ParameterizedRatioClassifier trainOn(Dimensions dims, EventBlocks data, TrainedRanges ranges,
            Map<String, Object> source, Map<String, String> dataHashes) {
        requireGivenEventsSettings();
        JointScoreRows.refuseForStreamedEvents("classifier training", config.scoreWeight());
        data.schema().requireFits("classifier training data", dims);
        Standardizer scaler;
        if (start != null) {
            scaler = start.inputStandardizer();
        } else {
            Standardizer.Accumulator moments = new Standardizer.Accumulator(data.schema().width());
            for (int b = 0; b < data.blockCount(); b++) {
                moments.add(data.block(b).table());
            }
            scaler = moments.result();
        }
        StreamedTable table = StreamedTable.of(data, data.schema().width(), scaler::apply);
        EventDataset pool = config.normalization().enabled()
                ? RowSample.from(data, NORMALIZATION_POOL_ROWS, new SplittableRandom(config.dataSeed() ^ POOL_SALT))
                : null;
        return trainOnGiven(dims, ranges, scaler, source, dataHashes, (loop, objective) -> loop.fit(objective, table),
                pool);
    }

    /**
     * {@code crossEntropy} plus the configured weight times the regression of the network's
     * θ-derivative on the joint scores appended to its rows ({@link ScoreRegressionObjective}).
     */
    private TrainingObjective withScoreRegression(TrainingObjective crossEntropy, Mlp network, Dimensions dims) {
        return new ScoreRegressionObjective(crossEntropy, (ps, rows, training) -> network.block().forward(ps,
                new NDList(rows), training).singletonOrThrow().reshape(-1), dims.xDim(), dims.thetaDim(),
                config.scoreWeight());
    }

    /** The most given events the normalization of a streamed table chooses its nearest events from. */
    public static final int NORMALIZATION_POOL_ROWS = 1 << 20;
    private static final long POOL_SALT = 0x6e6f726d706f6f6cL;

    private void requireGivenEventsSettings() {
        if (config.form().kind() != RatioForm.Kind.LIKELIHOOD_TO_EVIDENCE) {
            throw new org.robotphysicist.data.InvalidInputException("classifier from given events: expected the"
                    + " likelihood-to-evidence form (the reference form needs events simulated at its theta_1) but"
                    + " found " + config.form());
        }
        if (config.calibration() != CalibrationMethod.NONE) {
            throw new org.robotphysicist.data.InvalidInputException("classifier from given events: expected no score"
                    + " calibration (it needs fresh simulations) but found " + config.calibration());
        }
    }

    /**
     * Trains the likelihood-to-evidence network with {@code loop} and, when configured, normalizes it
     * with the events of {@code pool} nearest each φ node.
     */
    private ParameterizedRatioClassifier trainOnGiven(Dimensions dims, TrainedRanges configured, Standardizer scaler,
            Map<String, Object> source, Map<String, String> dataHashes,
            java.util.function.BiFunction<TrainingLoop, TrainingObjective, TrainingLoopResult> loop,
            EventDataset pool) {
        TrainedRanges ranges = ranges(configured.requireDimensions(dims));
        TrainingLoop trainer = new TrainingLoop(config.training(), listener);
        Mlp network = network(trainer, dims, scaler.dim());
        try {
            TrainingObjective crossEntropy = new LikelihoodToEvidenceObjective(network.block(), dims.xDim(),
                    dims.thetaDim(), dims.phiDim(), config.contrast());
            // With a score weight the rows carry the joint scores (trainOn checked they exist).
            TrainingObjective objective = !config.regressesScores() ? crossEntropy
                    : withScoreRegression(crossEntropy, network, dims);
            TrainingLoopResult result = loop.apply(trainer, objective);
            Provenance provenance = provenance(source, dataHashes, result);
            ParameterizedRatioClassifier raw = new ParameterizedRatioClassifier(dims, network, scaler,
                    new ParameterizedRatioClassifier.Settings(config.form(), ScoreCalibration.none()), ranges,
                    RangePolicy.FAIL, provenance, result.curve(), ParameterizedRatioClassifier.DEFAULT_TILE_ROWS);
            if (!config.normalization().enabled()) {
                return raw;
            }
            RatioTrainingConfig.Normalization n = config.normalization();
            var nodes = EvidenceNormalization.nodes(ranges.theta(), ranges.phi(), n.thetaNodes(), n.phiNodes());
            int k = Math.min(n.samples(), pool.size());
            NearestRows nearest = new NearestRows(pool, ranges.phi(), k, permutation(pool.size(),
                    new SplittableRandom(config.dataSeed())));
            EvidenceNormalization normalization = raw.fitNormalization(nodes, nearest::x);
            note(String.format("normalization: log Z on %d nodes from the %d given events nearest each phi node",
                    nodes.size(), k));
            return new ParameterizedRatioClassifier(dims, network, scaler, new ParameterizedRatioClassifier.Settings(
                    config.form(), ScoreCalibration.none(), normalization), ranges, RangePolicy.FAIL, provenance,
                    result.curve(), ParameterizedRatioClassifier.DEFAULT_TILE_ROWS);
        } catch (RuntimeException e) {
            network.close();
            throw e;
        }
    }

    private void note(String message) {
        listener.onProgress(new org.robotphysicist.training.TrainingProgress(
                org.robotphysicist.training.TrainingProgress.Stage.NOTE, 0, 0, 0, 0, 0, Double.NaN, Double.NaN, 0,
                message));
    }

    /**
     * Tabulates log Ẑ(θ, φ) of {@code classifier} on the configured grid over its trained ranges,
     * with K reference events per φ node simulated from p(x | φ), θ drawn from {@code theta}.
     */
    private EvidenceNormalization fitNormalization(ParameterizedRatioClassifier classifier, Simulator simulator,
            ParameterSampler theta, SplittableRandom rng) {
        RatioTrainingConfig.Normalization n = config.normalization();
        var nodes = EvidenceNormalization.nodes(classifier.thetaRange(), classifier.phiRange(), n.thetaNodes(),
                n.phiNodes(), n.maxPoints());
        long t0 = System.nanoTime();
        int[] counts = nodes.counts();
        int phiNodes = 1;
        for (int d = classifier.thetaRange().dim(); d < counts.length; d++) {
            phiNodes *= counts[d];
        }
        int totalPhiNodes = phiNodes;
        int[] started = {0};
        // φ nodes are visited in grid order, so each gets the next split of the stream.
        EvidenceNormalization fitted = classifier.fitNormalization(nodes, phi -> {
            int done = started[0]++;
            if (done > 0) { // progress of a long tabulation: nodes done, time so far, the rest extrapolated
                double seconds = (System.nanoTime() - t0) / 1e9;
                note(String.format(java.util.Locale.ROOT, "normalization: %d/%d phi nodes, %.1f s, ETA %.0f s", done,
                        totalPhiNodes, seconds, seconds / done * (totalPhiNodes - done)));
            }
            return SimulatedTrainingSet.joint(simulator, theta, ParameterSampler.fixed(phi), n.samples(), 1,
                    rng.split()).x();
        });
        listener.onProgress(new org.robotphysicist.training.TrainingProgress(
                org.robotphysicist.training.TrainingProgress.Stage.NOTE, 0, 0, 0, 0, 0, Double.NaN, Double.NaN, 0,
                String.format("normalization: log Z on %d nodes (%s per dimension) from %d reference events per phi"
                        + " node (%.1f s)", nodes.size(), java.util.Arrays.toString(nodes.counts()), n.samples(),
                        (System.nanoTime() - t0) / 1e9)));
        return fitted;
    }

    /**
     * (Re)calibrates a trained classifier on {@link RatioTrainingConfig#calibrationRows()} fresh
     * simulations (seeded by this config's data seed, independent of its training set): the
     * network's raw scores are what is calibrated, whatever calibration {@code trained} has now.
     * Returns a new classifier (a copy of the network, without normalization: refit it with
     * {@link ParameterizedRatioClassifier#fitNormalization} if needed); {@code trained} stays open.
     */
    public ParameterizedRatioClassifier calibrate(ParameterizedRatioClassifier trained, Simulator simulator,
            ParameterSampler theta, ParameterSampler phi, CalibrationMethod method) {
        if (!trained.form().equals(config.form())) {
            throw new org.robotphysicist.data.InvalidInputException("calibration: expected a classifier trained in the "
                    + config.form() + " form but found " + trained.form());
        }
        SplittableRandom data = new SplittableRandom(config.dataSeed());
        data.split();
        Labelled set = simulate(simulator, theta, phi, config.calibrationRows(), data.split());
        // Fresh events may fall just outside the x range seen in training: score them anyway.
        try (ParameterizedRatioClassifier lenient = trained.copyWithRangePolicy(RangePolicy.WARN)) {
            return trained.copyWithCalibration(fitCalibration(lenient, set, method, config.calibrationBins()));
        }
    }

    /** The likelihood-to-evidence form's joint draws with their joint scores. */
    private Labelled simulateScored(JointScoreSimulator simulator, ParameterSampler theta, ParameterSampler phi,
            SplittableRandom rng) {
        int rows = config.trainingRows();
        JointScoreSimulator.ScoredEvents scored = SimulatedTrainingSet.jointWithScores(simulator, theta, phi, rows,
                config.eventsPerParameter(), rng);
        return allJoint(scored.events(), scored);
    }

    /** The likelihood-to-evidence form's set: every row a joint draw, labelled 1 (class 0 is shuffled in the batch). */
    private static Labelled allJoint(EventDataset joint, JointScoreSimulator.ScoredEvents scored) {
        boolean[] labels = new boolean[joint.size()];
        java.util.Arrays.fill(labels, true);
        return new Labelled(joint.table(), labels, Map.of("joint", joint), scored);
    }

    private Labelled simulate(Simulator simulator, ParameterSampler theta, ParameterSampler phi, int rows,
            SplittableRandom rng) {
        int per = config.eventsPerParameter();
        if (config.form().kind() == RatioForm.Kind.LIKELIHOOD_TO_EVIDENCE) {
            return allJoint(SimulatedTrainingSet.joint(simulator, theta, phi, rows, per, rng), null);
        }
        int ones = rows / 2;
        int zeros = rows - ones;
        EventDataset numerator = SimulatedTrainingSet.joint(simulator, theta, phi, ones, per, rng.split());
        EventDataset atReference = SimulatedTrainingSet.atTheta(simulator, config.form().referenceTheta(), phi, zeros,
                per, rng.split());
        // Class 0 carries θ inputs drawn like class 1's, independently of its events.
        EventDataset reference = EventDataset.ofLabelled(simulator.dimensions(), atReference.x(),
                theta.sample(zeros, rng.split()), atReference.phi());
        double[] num = numerator.table().toArray();
        double[] ref = reference.table().toArray();
        double[] all = java.util.Arrays.copyOf(num, num.length + ref.length);
        System.arraycopy(ref, 0, all, num.length, ref.length);
        boolean[] labels = new boolean[rows];
        java.util.Arrays.fill(labels, 0, ones, true);
        return new Labelled(Matrix.of(rows, numerator.schema().width(), all), labels,
                Map.of("class-1", numerator, "class-0", reference));
    }

    private static Matrix withLabels(Matrix z, boolean[] labels) {
        int w = z.cols();
        double[] src = z.toArray();
        double[] out = new double[z.rows() * (w + 1)];
        for (int i = 0; i < z.rows(); i++) {
            System.arraycopy(src, i * w, out, i * (w + 1), w);
            out[i * (w + 1) + w] = labels[i] ? 1 : 0;
        }
        return Matrix.of(z.rows(), w + 1, out);
    }

    /** Scores the calibration set with the trained network and fits the configured calibration. */
    private ScoreCalibration fitCalibration(ParameterizedRatioClassifier raw, Labelled set, CalibrationMethod method,
            int bins) {
        Dimensions dims = raw.dimensions();
        Matrix in = set.inputs();
        Matrix x = columns(in, 0, dims.xDim());
        Matrix th = columns(in, dims.xDim(), dims.xDim() + dims.thetaDim());
        Matrix ph = columns(in, dims.xDim() + dims.thetaDim(), in.cols());
        float[] s = raw.logits(x, th, ph);
        double[] scores;
        boolean[] labels;
        if (config.form().kind() == RatioForm.Kind.LIKELIHOOD_TO_EVIDENCE) {
            int n = in.rows();
            int[] perm = permutation(n, new SplittableRandom(config.dataSeed() ^ INIT_SALT));
            double[] shuffled = new double[n * dims.thetaDim()];
            for (int i = 0; i < n; i++) {
                for (int t = 0; t < dims.thetaDim(); t++) {
                    shuffled[i * dims.thetaDim() + t] = th.get(perm[i], t);
                }
            }
            float[] neg = raw.logits(x, Matrix.of(n, dims.thetaDim(), shuffled), ph);
            scores = new double[2 * n];
            labels = new boolean[2 * n];
            for (int i = 0; i < n; i++) {
                scores[i] = s[i];
                labels[i] = true;
                scores[n + i] = neg[i];
            }
        } else {
            scores = new double[s.length];
            for (int i = 0; i < s.length; i++) {
                scores[i] = s[i];
            }
            labels = set.labels();
        }
        return ScoreCalibration.fit(method, scores, labels, bins);
    }

    private static int[] permutation(int n, SplittableRandom rng) {
        long[] p = TrainingLoop.permutationLong(n, rng);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = (int) p[i];
        }
        return out;
    }

    private static Matrix columns(Matrix m, int from, int to) {
        double[] out = new double[m.rows() * (to - from)];
        for (int i = 0; i < m.rows(); i++) {
            for (int j = from; j < to; j++) {
                out[i * (to - from) + j - from] = m.get(i, j);
            }
        }
        return Matrix.of(m.rows(), to - from, out);
    }

    private Provenance provenance(Simulator simulator, ParameterSampler theta, ParameterSampler phi, Labelled train,
            Labelled calibration, TrainingLoopResult result) {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("simulator", simulator.name());
        source.put("thetaSampler", theta.toString());
        source.put("phiSampler", phi.toString());
        Map<String, String> hashes = new java.util.TreeMap<>();
        train.sources().forEach((role, ds) -> hashes.put("training-data/" + role, ds.sha256()));
        if (train.scored() != null) {
            hashes.put("training-data/joint-scores", train.scored().scoresSha256());
        }
        if (calibration != null) {
            calibration.sources().forEach((role, ds) -> hashes.put("calibration-data/" + role, ds.sha256()));
        }
        return provenance(source, hashes, result);
    }

    private Provenance provenance(Map<String, Object> source, Map<String, String> hashes, TrainingLoopResult result) {
        Map<String, Object> cfg = new LinkedHashMap<>(Json.toMap(config));
        cfg.putAll(source);
        cfg.put("objective", result.objective());
        if (start != null) {
            cfg.put("initialWeights", Map.of("kind", start.kind(), "parametersSha256",
                    start.network().parameters().sha256()));
        }
        Map<String, Long> seeds = Map.of("data", config.dataSeed(), "training", config.training().seed());
        return result.stampDevice(Provenance.capture(RatioClassifierTrainer.class.getSimpleName(), cfg, seeds, hashes));
    }
}
