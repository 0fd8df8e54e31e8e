package org.robotphysicist.engine.surrogate;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Require;
import org.robotphysicist.data.simulator.JointScoreSimulator;
import org.robotphysicist.data.simulator.Simulator;
import org.robotphysicist.models.flow.TrainedFlow;
import org.robotphysicist.models.ratio.ParameterizedRatioClassifier;
import org.robotphysicist.training.ScoreRegressionObjective;
import org.robotphysicist.training.TrainingLoopConfig;
import org.robotphysicist.training.ratio.RatioTrainingConfig;

/**
 * How a neural surrogate kind is trained: the simulated rows and epochs always, and optionally the
 * optimizer's batch size and learning rate, the network's hidden layers and width, the share of
 * rows held out for validation and the early-stopping patience. A {@code null} optional field means
 * the kind's own default (each kind states its defaults), so one request fits every kind; tabulated
 * kinds ignore all of it but the seed. Immutable, validated, round-trips to JSON.
 *
 * @param rows               simulated training rows (x, θ, φ), ≥ 1000
 * @param epochs             the most passes over the training rows, ≥ 1 (null: the kind's default,
 *                           {@value #DEFAULT_EPOCHS}; a design loop's surrogate the kind's
 *                           {@link SurrogateKindProvider#designEpochs()}, see {@link #forDesign})
 * @param batchSize          rows per mini-batch, ≥ 1 (null: the kind's default)
 * @param learningRate       Adam's base rate η₀ &gt; 0, decayed by the kind's schedule (null: the kind's default)
 * @param hiddenLayers       hidden layers of each network, ≥ 1 (null: the kind's default)
 * @param hiddenWidth        units per hidden layer, ≥ 1 (null: the kind's default)
 * @param validationFraction share of rows held out to pick the best epoch, in [0, 0.5] (null: the kind's default)
 * @param patience           epochs without a validation improvement before stopping, ≥ 0; 0 never stops early
 *                           (null: the kind's default)
 * @param seed               every random draw of the build (simulation, initialization, shuffles) follows from it
 * @param timeBudget         the most wall time the training of the whole build may take, &gt; 0 (null: no limit):
 *                           each network stops after the epoch during which its share (the budget divided by
 *                           the ensemble's members) ran out, keeping its best-validation epoch, and its training
 *                           curve says so; simulating the training rows is not counted
 * @param ensembleMembers    K ≥ 1 networks to train, each with its own seed and its own simulated rows
 *                           ({@link SurrogateEnsembles}); 1 (or null, for JSON written before ensembles existed)
 *                           is one network
 * @param evidenceNormalization whether the {@code classifier} kind fits its per-θ evidence normalization
 *                           log Ẑ(θ, φ) after training and subtracts it at evaluation (null: yes, the kind's
 *                           default). Off, the posterior uses the raw log-ratio s(x, θ, φ) ≈ log p(x | θ, φ) −
 *                           log p(x | φ): no Monte Carlo error from reference events and no fitting time, but
 *                           the network's θ-dependent offset stays in (docs/classifier-normalization.md). Only
 *                           the classifier has one; other kinds ignore the field
 * @param scoreWeight        α ≥ 0, the weight with which a neural kind regresses its θ-score (∂ log q/∂θ of a flow,
 *                           the logit's ∂/∂θ of the classifier) on the joint scores of a simulator that returns
 *                           them ({@link org.robotphysicist.data.simulator.JointScoreSimulator}; 0 or null, the
 *                           default: its maximum likelihood or cross-entropy alone). Set for a tabulated kind it
 *                           is refused
 * @param contrast           K, the candidate parameters the {@code classifier} kind contrasts each event with in its
 *                           contrastive cross-entropy ({@link RatioTrainingConfig.Contrast}), 1 to
 *                           {@value RatioTrainingConfig.Contrast#MAX_CLASSES} (null: 1, the binary cross-entropy).
 *                           Only the classifier has one; set for another kind it is refused
 * @param contrastOdds       γ &gt; 0, the odds with which the {@code classifier}'s contrastive cross-entropy weighs
 *                           an event's K joint classes against its marginal one ({@link RatioTrainingConfig.Contrast};
 *                           null: 1, equal weight). The optimum is the likelihood-to-evidence ratio for every γ; γ
 *                           changes only how the loss spends its weight, and so the estimate's noise. Only the
 *                           classifier has one; set for another kind it is refused
 * @param gradientClip       c ≥ 0, the largest global L2 norm of an optimizer step's gradient over all the
 *                           network's parameters; a longer gradient is scaled down to c before Adam reads it
 *                           ({@link TrainingLoopConfig#gradientClip()}); 0 never clips (null: the kind's default,
 *                           which each kind states). Tabulated kinds ignore it
 */
public record SurrogateTrainingConfig(int rows, Integer epochs, Integer batchSize, Double learningRate, Integer hiddenLayers,
        Integer hiddenWidth, Double validationFraction, Integer patience, long seed, Duration timeBudget,
        Integer ensembleMembers, Boolean evidenceNormalization, Double scoreWeight, Integer contrast,
        Double contrastOdds, Double gradientClip) {

    /** The most ensemble members accepted. */
    public static final int MAX_ENSEMBLE_MEMBERS = 64;

    /** The kinds trained by a loss (registry and model-file names), the only ones a score weight suits. */
    private static final List<String> NEURAL_KINDS = List.of(ClassifierSurrogateKind.NAME,
            ParameterizedRatioClassifier.KIND, TrainedFlow.MAF,
            TrainedFlow.NSF);

    /** The fewest training rows accepted. */
    public static final int MIN_ROWS = 1000;

    /**
     * Default simulated training rows of a neural kind. Measured on Weinberg LO over √s ∈ [40, 100] GeV
     * (benchmarks/README.md, "Surrogate coverage"): the posterior error of an amortized surrogate at
     * N events is set by how many simulations it saw, not by optimizer steps — with the same 15 600
     * steps, 2·10⁵ rows gave coverage 0.39 at level 0.5 (1000 events, 58 GeV) and 4·10⁶ rows 0.53.
     */
    public static final int DEFAULT_ROWS = 4_000_000;

    /** Default most epochs where none is given: two passes over {@link #DEFAULT_ROWS} rows. */
    public static final int DEFAULT_EPOCHS = 2;

    public SurrogateTrainingConfig {
        if (rows < MIN_ROWS) {
            throw new InvalidInputException("training rows: expected at least " + MIN_ROWS + " but found " + rows);
        }
        if (epochs != null) {
            Require.positive("training epochs", epochs);
        }
        if (batchSize != null) {
            Require.positive("batch size", batchSize);
        }
        if (learningRate != null && !(learningRate > 0 && Double.isFinite(learningRate))) {
            throw new InvalidInputException("learning rate: expected a finite value > 0 but found " + learningRate);
        }
        if (hiddenLayers != null) {
            Require.positive("hidden layers", hiddenLayers);
        }
        if (hiddenWidth != null) {
            Require.positive("hidden width", hiddenWidth);
        }
        if (validationFraction != null) {
            Require.inRange("validation fraction", validationFraction, 0, 0.5);
        }
        if (patience != null && patience < 0) {
            throw new InvalidInputException("early-stopping patience: expected a count >= 0 but found " + patience);
        }
        TrainingLoopConfig.requireTimeBudget(timeBudget);
        if (scoreWeight != null) {
            ScoreRegressionObjective.requireWeight(scoreWeight);
        }
        if (gradientClip != null && !(gradientClip >= 0 && Double.isFinite(gradientClip))) {
            throw new InvalidInputException("gradient clip: expected a finite norm >= 0 (0: no clipping) but found "
                    + gradientClip);
        }
        if (contrast != null || contrastOdds != null) {
            contrastOf(contrast, contrastOdds);
        }
        ensembleMembers = ensembleMembers == null ? 1 : ensembleMembers;
        if (ensembleMembers < 1 || ensembleMembers > MAX_ENSEMBLE_MEMBERS) {
            throw new InvalidInputException("ensemble members: expected 1 to " + MAX_ENSEMBLE_MEMBERS + " but found "
                    + ensembleMembers);
        }
    }

    /**
     * {@link #DEFAULT_ROWS} rows with seed {@code seed}; the epochs and the rest the kind's default
     * ({@link #DEFAULT_EPOCHS} epochs, or a design loop's {@link SurrogateKindProvider#designEpochs()}).
     */
    public static SurrogateTrainingConfig defaults(long seed) {
        return of(DEFAULT_ROWS, null, seed);
    }

    /**
     * {@code rows} rows for {@code epochs} epochs with seed {@code seed}, one network without a time
     * budget; everything else the kind's default. To set several controls at once use
     * {@link #builder}; to change one, the {@code with…} methods.
     */
    public static SurrogateTrainingConfig of(int rows, Integer epochs, long seed) {
        return builder(rows, epochs, seed).build();
    }

    /**
     * A builder starting from {@code rows} rows, {@code epochs} epochs (null: the kind's default) and seed
     * {@code seed}, every optional control unset (the kind's default) and one network, e.g.
     * {@code builder(rows, epochs, seed).batchSize(256).learningRate(1e-3).hiddenWidth(16).build()}.
     */
    public static Builder builder(int rows, Integer epochs, long seed) {
        return new Builder(rows, epochs, seed);
    }

    /** A builder holding every control of this configuration, to change some and build anew. */
    public Builder toBuilder() {
        return new Builder(rows, epochs, seed).batchSize(batchSize).learningRate(learningRate)
                .hiddenLayers(hiddenLayers).hiddenWidth(hiddenWidth).validationFraction(validationFraction)
                .patience(patience).timeBudget(timeBudget).ensembleMembers(ensembleMembers)
                .evidenceNormalization(evidenceNormalization).scoreWeight(scoreWeight).contrast(contrast)
                .contrastOdds(contrastOdds).gradientClip(gradientClip);
    }

    /**
     * Collects the controls of a {@link SurrogateTrainingConfig}; {@link #build()} validates them all
     * at once (the record's constructor), so an invalid value is reported where the configuration is
     * made. Each setter takes null for "the kind's default". Not thread-safe; build once per use.
     */
    public static final class Builder {
        private int rows;
        private Integer epochs;
        private long seed;
        private Integer batchSize;
        private Double learningRate;
        private Integer hiddenLayers;
        private Integer hiddenWidth;
        private Double validationFraction;
        private Integer patience;
        private Duration timeBudget;
        private Integer ensembleMembers = 1;
        private Boolean evidenceNormalization;
        private Double scoreWeight;
        private Integer contrast;
        private Double contrastOdds;
        private Double gradientClip;

        private Builder(int rows, Integer epochs, long seed) {
            this.rows = rows;
            this.epochs = epochs;
            this.seed = seed;
        }

        /** Simulated training rows, ≥ {@value SurrogateTrainingConfig#MIN_ROWS}. */
        public Builder rows(int r) {
            rows = r;
            return this;
        }

        /** The most passes over the training rows, ≥ 1 (null: the kind's default). */
        public Builder epochs(Integer e) {
            epochs = e;
            return this;
        }

        /** The seed every random draw of the build follows from. */
        public Builder seed(long s) {
            seed = s;
            return this;
        }

        /** Rows per mini-batch, ≥ 1. */
        public Builder batchSize(Integer b) {
            batchSize = b;
            return this;
        }

        /** Adam's base rate η₀ &gt; 0. */
        public Builder learningRate(Double eta) {
            learningRate = eta;
            return this;
        }

        /** Hidden layers of each network, ≥ 1. */
        public Builder hiddenLayers(Integer layers) {
            hiddenLayers = layers;
            return this;
        }

        /** Units per hidden layer, ≥ 1. */
        public Builder hiddenWidth(Integer width) {
            hiddenWidth = width;
            return this;
        }

        /** Share of rows held out for validation, in [0, 0.5]. */
        public Builder validationFraction(Double fraction) {
            validationFraction = fraction;
            return this;
        }

        /** Epochs without a validation improvement before stopping, ≥ 0 (0: never early). */
        public Builder patience(Integer epochsWithoutImprovement) {
            patience = epochsWithoutImprovement;
            return this;
        }

        /** The most wall time of the whole build's training (null: no limit). */
        public Builder timeBudget(Duration budget) {
            timeBudget = budget;
            return this;
        }

        /** Networks in the ensemble, 1 to {@value SurrogateTrainingConfig#MAX_ENSEMBLE_MEMBERS} (null: 1). */
        public Builder ensembleMembers(Integer members) {
            ensembleMembers = members;
            return this;
        }

        /** The classifier's evidence normalization on or off (null: on). */
        public Builder evidenceNormalization(Boolean on) {
            evidenceNormalization = on;
            return this;
        }

        /** α ≥ 0, the weight of the score regression on joint scores (null or 0: none). */
        public Builder scoreWeight(Double alpha) {
            scoreWeight = alpha;
            return this;
        }

        /** The classifier's contrast K (null: 1, the binary cross-entropy). */
        public Builder contrast(Integer k) {
            contrast = k;
            return this;
        }

        /** The classifier's contrastive odds γ &gt; 0 (null: 1). */
        public Builder contrastOdds(Double gamma) {
            contrastOdds = gamma;
            return this;
        }

        /** The largest global norm of a step's gradient, ≥ 0 (0: no clipping; null: the kind's default). */
        public Builder gradientClip(Double norm) {
            gradientClip = norm;
            return this;
        }

        /**
         * The configuration.
         *
         * @throws InvalidInputException naming the first control outside its range and the value found
         */
        public SurrogateTrainingConfig build() {
            return new SurrogateTrainingConfig(rows, epochs, batchSize, learningRate, hiddenLayers, hiddenWidth,
                    validationFraction, patience, seed, timeBudget, ensembleMembers, evidenceNormalization,
                    scoreWeight, contrast, contrastOdds, gradientClip);
        }
    }

    /** The same with {@code r} rows and at most {@code e} epochs (null: the kind's default). */
    public SurrogateTrainingConfig withRowsAndEpochs(int r, Integer e) {
        return toBuilder().rows(r).epochs(e).build();
    }

    /** The same with batch size {@code batch} and learning rate {@code rate} (null: the kind's default). */
    public SurrogateTrainingConfig withOptimizer(Integer batch, Double rate) {
        return toBuilder().batchSize(batch).learningRate(rate).build();
    }

    /** The same with {@code layers} hidden layers of {@code width} units (null: the kind's default). */
    public SurrogateTrainingConfig withNetwork(Integer layers, Integer width) {
        return toBuilder().hiddenLayers(layers).hiddenWidth(width).build();
    }

    /** The same with validation share {@code fraction} and early-stopping patience (null: the kind's default). */
    public SurrogateTrainingConfig withValidation(Double fraction, Integer earlyStoppingPatience) {
        return toBuilder().validationFraction(fraction).patience(earlyStoppingPatience).build();
    }

    /** The same with seed {@code s}. */
    public SurrogateTrainingConfig withSeed(long s) {
        return toBuilder().seed(s).build();
    }

    /** The same with at most {@code budget} of training wall time (null: no limit). */
    public SurrogateTrainingConfig withTimeBudget(Duration budget) {
        return toBuilder().timeBudget(budget).build();
    }

    /** The same training {@code members} networks as an ensemble (1: one network). */
    public SurrogateTrainingConfig withEnsembleMembers(int members) {
        return toBuilder().ensembleMembers(members).build();
    }

    /** The same with global gradient-norm bound {@code norm} (0: no clipping; null: the kind's default). */
    public SurrogateTrainingConfig withGradientClip(Double norm) {
        return toBuilder().gradientClip(norm).build();
    }

    /** Whether these controls train an ensemble of more than one network. */
    public boolean trainsEnsemble() {
        return ensembleMembers > 1;
    }

    /** The same with the classifier's evidence normalization on or off (null: the kind's default, on). */
    public SurrogateTrainingConfig withEvidenceNormalization(Boolean on) {
        return toBuilder().evidenceNormalization(on).build();
    }

    /** The same with score weight {@code alpha} for a neural kind (0 or null: its own loss alone). */
    public SurrogateTrainingConfig withScoreWeight(Double alpha) {
        return toBuilder().scoreWeight(alpha).build();
    }

    /** The same with the classifier's contrast K (null: the binary cross-entropy, K = 1). */
    public SurrogateTrainingConfig withContrast(Integer k) {
        return toBuilder().contrast(k).build();
    }

    /** The same with the classifier's contrastive odds γ (null: 1, the joint and marginal classes weighed equally). */
    public SurrogateTrainingConfig withContrastOdds(Double gamma) {
        return toBuilder().contrastOdds(gamma).build();
    }

    /**
     * The classifier's contrast: K candidates per event (1 where none was given) at odds γ (1 where none
     * was given); both unset, the binary cross-entropy.
     */
    public RatioTrainingConfig.Contrast contrastOrBinary() {
        return contrastOf(contrast, contrastOdds);
    }

    private static RatioTrainingConfig.Contrast contrastOf(Integer k, Double gamma) {
        return new RatioTrainingConfig.Contrast(k == null ? 1 : k, gamma == null ? 1 : gamma);
    }

    /**
     * These controls for a design loop's surrogate of the registry's kind {@code kind} trained on
     * {@code simulator}: where no score weight was given and the simulator returns joint scores, the
     * kind's {@link SurrogateKindProvider#designScoreWeight()}, and where no epochs were given and the
     * kind's {@link SurrogateKindProvider#designEpochs()} differ from {@link #DEFAULT_EPOCHS}, those (so
     * that a design history names them); what was given, even a weight of 0 or the general default's
     * epochs, is kept.
     *
     * @throws InvalidInputException when the registry has no kind {@code kind}
     */
    public SurrogateTrainingConfig forDesign(String kind, Simulator simulator) {
        SurrogateKindProvider provider = SurrogateRegistry.discover().named(kind);
        double designWeight = provider.designScoreWeight();
        Builder b = toBuilder();
        if (scoreWeight == null && simulator instanceof JointScoreSimulator && designWeight > 0) {
            b.scoreWeight(designWeight);
        }
        if (epochs == null && provider.designEpochs() != DEFAULT_EPOCHS) {
            b.epochs(provider.designEpochs());
        }
        return b.build();
    }

    /** The most epochs: those given, or {@link #DEFAULT_EPOCHS} where none were. */
    public int epochsOrDefault() {
        return epochs != null ? epochs : DEFAULT_EPOCHS;
    }

    /** The score weight, or {@code kindDefault} where none was given. */
    public double scoreWeightOr(double kindDefault) {
        return scoreWeight != null ? scoreWeight : kindDefault;
    }

    /**
     * Returns these controls when they suit the kind {@code kind} (a registry name, or a model-file
     * kind where a model file is fine-tuned): the evidence normalization may be set only for the
     * classifier, the only kind normalized per θ, as may the contrast and its odds, and the score weight only for the neural
     * kinds.
     *
     * @throws InvalidInputException naming the kind where it is set for another
     */
    public SurrogateTrainingConfig requireFitsKind(String kind) {
        if (evidenceNormalization != null && !isClassifier(kind)) {
            throw new InvalidInputException("evidence normalization: expected it set only for the '"
                    + ClassifierSurrogateKind.NAME + "' surrogate (the only kind normalized per theta) but found it set"
                    + " for '" + kind + "'");
        }
        if ((contrast != null || contrastOdds != null) && !isClassifier(kind)) {
            throw new InvalidInputException((contrast != null ? "contrast" : "contrast odds") + ": expected it set only"
                    + " for the '" + ClassifierSurrogateKind.NAME + "' surrogate (the only kind trained by contrasting"
                    + " parameters) but found it set for '" + kind + "'");
        }
        if (scoreWeight != null && !NEURAL_KINDS.contains(kind)) {
            throw new InvalidInputException("score weight: expected it set only for a neural surrogate " + NEURAL_KINDS
                    + " (the kinds that regress their score) but found it set for '" + kind + "'");
        }
        return this;
    }

    /**
     * These controls without the knobs the kind {@code kind} does not take (the evidence normalization
     * and the contrast and its odds but for the classifier, the score weight but for the neural kinds), so that one set of controls
     * can serve a list of kinds; {@link #requireFitsKind} then passes.
     */
    public SurrogateTrainingConfig fittedToKind(String kind) {
        SurrogateTrainingConfig c = isClassifier(kind) ? this : withEvidenceNormalization(null).withContrast(null)
                .withContrastOdds(null);
        return NEURAL_KINDS.contains(kind) ? c : c.withScoreWeight(null);
    }

    /**
     * Whether {@code kind} (a registry or model-file name) is the classifier, the only kind normalized per θ
     * and the only one trained by contrasting parameters.
     */
    private static boolean isClassifier(String kind) {
        return ClassifierSurrogateKind.NAME.equals(kind)
                || ParameterizedRatioClassifier.KIND.equals(kind);
    }

    /** Whether the classifier fits and applies its evidence normalization (the default: yes). */
    public boolean evidenceNormalizationOrDefault() {
        return evidenceNormalization == null || evidenceNormalization;
    }

    /** The batch size, or {@code kindDefault} where none was given. */
    public int batchSizeOr(int kindDefault) {
        return batchSize != null ? batchSize : kindDefault;
    }

    /** The learning rate, or {@code kindDefault} where none was given. */
    public double learningRateOr(double kindDefault) {
        return learningRate != null ? learningRate : kindDefault;
    }

    /** The validation fraction, or {@code kindDefault} where none was given. */
    public double validationFractionOr(double kindDefault) {
        return validationFraction != null ? validationFraction : kindDefault;
    }

    /** The patience, or {@code kindDefault} where none was given. */
    public int patienceOr(int kindDefault) {
        return patience != null ? patience : kindDefault;
    }

    /**
     * The gradient-norm bound ({@link TrainingLoopConfig#gradientClip()}; 0: none), or {@code kindDefault}
     * where none was given.
     */
    public double gradientClipOr(double kindDefault) {
        return gradientClip != null ? gradientClip : kindDefault;
    }

    /** The hidden layer count, or {@code kindDefault} where none was given. */
    public int hiddenLayersOr(int kindDefault) {
        return hiddenLayers != null ? hiddenLayers : kindDefault;
    }

    /**
     * The hidden widths of one network: {@link #hiddenLayersOr} layers of {@link #hiddenWidth} units,
     * each defaulting to the kind's.
     */
    public List<Integer> hiddenWidthsOr(int defaultLayers, int defaultWidth) {
        int width = hiddenWidth != null ? hiddenWidth : defaultWidth;
        return Collections.nCopies(hiddenLayersOr(defaultLayers), width);
    }
}
