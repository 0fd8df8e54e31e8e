package org.robotphysicist.engine.surrogate;

import java.util.Locale;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.models.file.TrainedSurrogate;
import org.robotphysicist.models.neural.ActivationFunction;
import org.robotphysicist.models.ratio.ParameterizedRatioClassifier;
import org.robotphysicist.training.LearningRateSchedule;
import org.robotphysicist.training.TrainingLoopConfig;
import org.robotphysicist.training.ratio.RatioClassifierTrainer;
import org.robotphysicist.training.ratio.RatioTrainingConfig;

/**
 * {@code classifier}: a likelihood-to-evidence ratio classifier r̂(x; θ, φ) trained on joint draws
 * θ ~ prior, φ ~ U(φ box), x ~ p(x | θ, φ) and conditioned on (θ, φ) — with a score weight α &gt; 0
 * and a simulator that returns joint scores, with the logit's θ-derivative also regressed on them
 * ({@link org.robotphysicist.training.ScoreRegressionObjective}; default α = 0) — then normalized per
 * (θ, φ) ({@link org.robotphysicist.models.ratio.EvidenceNormalization}) because a posterior
 * multiplies N per-event ratios.
 *
 * <p>Defaults (each overridable through {@link SurrogateTrainingConfig}): 3 hidden layers of 64 SiLU units,
 * the binary cross-entropy (contrast K = 1; {@link RatioTrainingConfig.Contrast}), batches of 512,
 * Adam at 2·10⁻³ with cosine decay to 2%, and, like the flows, 10% of the rows held out for validation
 * with the best-validation epoch's weights kept (no early stop; the likelihood-to-evidence validation
 * loss uses the same θ shuffles every epoch, so epochs are compared on equal terms). The normalization uses
 * {@value #NORMALIZATION_PER_EVENT} reference events per observed event, since
 * a posterior from N events is N times as sensitive to it as one event is.
 */
public final class ClassifierSurrogateKind implements FineTunableKind {
    public static final String NAME = "classifier";
    /**
     * Reference events per observed event for the normalization: its Monte Carlo error moves the posterior
     * by a normal deviate of about √(1/this) = 0.1 sd at the event count it was fitted for
     * (docs/classifier-normalization.md).
     */
    public static final int NORMALIZATION_PER_EVENT = 100;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "parameterized likelihood-ratio classifier (CARL, likelihood-to-evidence) trained with DJL";
    }

    @Override
    public boolean writesModelFile() {
        return true;
    }

    /**
     * The score weight of a design loop's classifier when the simulator returns joint scores. On Weinberg
     * LO at the default sizes (4·10⁶ rows × 2 epochs; one trained for far fewer steps learns it poorly) it
     * puts the classifier's per-event information within 0.95–1.04 of exact across the Z-side peak
     * (0.63–1.11 at α = 0), and the loop's choices within 90% of the best exact EIG in 29 of 30 rounds
     * (19 of 30 at α = 0; benchmarks/README.md, "Regressing the joint score"). It is not the default of a
     * model trained on its own ({@code rp train}): there the certificate's tempering, one κ per setting
     * interpolated between nodes 5 GeV apart, cannot follow how fast this classifier's error changes
     * with √s near the peak, and its coverage misses ±0.05 where α = 0 meets it.
     */
    public static final double DESIGN_SCORE_WEIGHT = 100;

    @Override
    public double designScoreWeight() {
        return DESIGN_SCORE_WEIGHT;
    }

    /** θ nodes per dimension of the normalization table at one setting φ (a φ range: see below). */
    public static final int NORMALIZATION_THETA_NODES = 65;
    /**
     * θ and φ nodes per dimension of the normalization table over a φ range: log Ẑ is interpolated
     * linearly between nodes and the θ-dependent part of that error is multiplied by N in the log
     * posterior, so φ needs nodes as dense as the network's offset changes with φ (on Weinberg LO,
     * 9 φ nodes 7.5 GeV apart shifted 1000-event posteriors by 1–3 sd near the Z pole;
     * benchmarks/README.md, "Surrogate coverage"). 33 θ × 17 φ nodes cost what 65 × 9 did.
     */
    public static final int NORMALIZATION_RANGE_THETA_NODES = 33;
    /** See {@link #NORMALIZATION_RANGE_THETA_NODES}. */
    public static final int NORMALIZATION_RANGE_PHI_NODES = 17;

    /**
     * K = {@value #NORMALIZATION_PER_EVENT}·N reference events per φ node, on
     * {@value #NORMALIZATION_THETA_NODES} θ nodes at one φ, or on the grid above over a φ range.
     */
    static RatioTrainingConfig.Normalization normalization(int eventsPerExperiment, boolean phiIsPoint) {
        RatioTrainingConfig.Normalization n = RatioTrainingConfig.Normalization.forEvents(eventsPerExperiment,
                NORMALIZATION_PER_EVENT);
        return phiIsPoint ? n : new RatioTrainingConfig.Normalization(n.samples(), NORMALIZATION_RANGE_THETA_NODES,
                NORMALIZATION_RANGE_PHI_NODES, n.maxPoints());
    }

    /** The training configuration for {@code r}: the defaults above, overridden by the request's controls. */
    public static RatioTrainingConfig trainingConfig(SurrogateBuildRequest r) {
        SurrogateTrainingConfig c = r.training();
        long seed = c.seed();
        TrainingLoopConfig training = TrainingLoopConfig.defaults().withBatchSize(c.batchSizeOr(512))
                .withMaxEpochs(c.epochsOrDefault()).withLearningRate(c.learningRateOr(2e-3), LearningRateSchedule.cosine(0.02))
                .withValidation(c.validationFractionOr(0.1), c.patienceOr(0)).withSeed(seed).withDevice(r.device())
                .withTimeBudget(c.timeBudget()).withGradientClip(c.gradientClipOr(0));
        return RatioTrainingConfig.defaults().withNetwork(c.hiddenWidthsOr(3, 64), ActivationFunction.SILU)
                .withData(EventFileTraining.configRows(r), 1, seed + 1).withTraining(training)
                .withNormalization(c.evidenceNormalizationOrDefault()
                        ? normalization(r.eventsPerExperiment(), r.phiIsPoint())
                        : RatioTrainingConfig.Normalization.off()).withScoreWeight(c.scoreWeightOr(0))
                .withContrast(c.contrastOrBinary());
    }

    @Override
    public BuiltSurrogate build(SurrogateBuildRequest r) {
        return train(r, null);
    }

    @Override
    public boolean canFineTune(TrainedSurrogate trained) {
        return trained instanceof ParameterizedRatioClassifier;
    }

    @Override
    public BuiltSurrogate fineTune(TrainedSurrogate trained, SurrogateBuildRequest r) {
        if (!(trained instanceof ParameterizedRatioClassifier start)) {
            throw new InvalidInputException("classifier fine-tuning: expected a ratio classifier but found a model of"
                    + " kind '" + trained.kind() + "'");
        }
        return train(r, start);
    }

    /** Trains on {@code r}'s source from a fresh network, or from a copy of {@code start}'s (null: fresh). */
    private static BuiltSurrogate train(SurrogateBuildRequest r, ParameterizedRatioClassifier start) {
        RatioTrainingConfig config = trainingConfig(r);
        RatioClassifierTrainer fresh = new RatioClassifierTrainer(config, r.trainingListener());
        RatioClassifierTrainer trainer = start == null ? fresh : fresh.startingFrom(start);
        ParameterizedRatioClassifier c;
        if (r.source() instanceof EventFileSource files) {
            c = trainer.trainOn(files.dimensions(), files.data(), files.jointScores(), files.trainedRanges(),
                    files.provenanceConfig(), files.provenanceHashes());
        } else if (r.source() instanceof StreamedEventSource stream) {
            c = trainer.trainOn(stream.dimensions(), stream.blocks(), stream.trainedRanges(), stream.provenanceConfig(),
                    stream.provenanceHashes());
        } else {
            c = trainer.train(r.simulator(), r.thetaSampler(), r.phiSampler());
        }
        return BuiltSurrogate.trained(c, NAME, String.format(Locale.ROOT, "%sclassifier %s %s, %s, %d"
                + " epochs on %s%s", start == null ? "" : "fine-tuned ", c.network().spec(), phiText(r),
                EventFileTraining.rowsText(r), c.trainingCurve().epochs().size(), BuiltSurrogate.trainedOn(c),
                BuiltSurrogate.scoreText(config.scoreWeight()) + contrastText(config.contrast())));
    }

    /**
     * ", contrasting K candidate parameters per event" (and " at odds γ" where γ ≠ 1) where the contrastive
     * loss was asked for, else "".
     */
    private static String contrastText(RatioTrainingConfig.Contrast contrast) {
        if (contrast.isBinary()) {
            return "";
        }
        String odds = contrast.gamma() == 1 ? "" : String.format(Locale.ROOT, " at odds %s", contrast.gamma());
        return ", contrasting " + contrast.classes() + " candidate parameters per event" + odds;
    }

    /** "without phi", "at phi [v]" or "over phi in box" (or boxes), for descriptions. */
    static String phiText(SurrogateBuildRequest r) {
        if (r.phiBox().dim() == 0) {
            return "without phi";
        }
        return r.phiIsPoint() ? "at phi " + java.util.Arrays.toString(r.phiBox().lower()) : "over phi in "
                + r.phiUnion();
    }
}
