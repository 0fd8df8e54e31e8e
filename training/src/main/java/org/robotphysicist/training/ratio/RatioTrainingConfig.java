package org.robotphysicist.training.ratio;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Require;
import org.robotphysicist.models.neural.ActivationFunction;
import org.robotphysicist.models.ratio.EvidenceNormalization;
import org.robotphysicist.models.ratio.RatioForm;
import org.robotphysicist.models.ratio.calibration.CalibrationMethod;
import org.robotphysicist.training.ScoreRegressionObjective;
import org.robotphysicist.training.TrainingLoopConfig;

/**
 * How a {@link org.robotphysicist.models.ratio.ParameterizedRatioClassifier} is trained.
 * Immutable, validated, round-trips through JSON.
 *
 * @param form               likelihood-to-evidence, or CARL's reference form with its θ₁
 * @param hiddenWidths       hidden layer widths of the MLP (depth = number of entries)
 * @param activation         the hidden non-linearity
 * @param trainingRows       simulated rows (x, θ, φ); in the reference form half are class 1 and half class 0
 * @param eventsPerParameter events simulated per (θ, φ) draw, ≥ 1 (1 gives every row its own θ)
 * @param calibration        score calibration fitted after training on fresh simulations
 * @param calibrationRows    simulated rows for the calibration (per class in the likelihood-to-evidence form)
 * @param calibrationBins    histogram bins (0: carl's automatic choice)
 * @param normalization      the per-(θ, φ) normalization fitted after training ({@link Normalization#off()} for none)
 * @param dataSeed           seed of the simulations (training and calibration sets)
 * @param training           the optimizer loop ({@link TrainingLoopConfig}, whose seed drives initialization,
 *                           split and shuffles)
 * @param scoreWeight        α ≥ 0, the weight of the regression of the log-ratio's θ-derivative on the
 *                           simulator's joint scores ({@link org.robotphysicist.training.ScoreRegressionObjective});
 *                           0 trains by cross-entropy alone, &gt; 0 needs the likelihood-to-evidence form and a
 *                           simulator that returns joint scores
 *                           ({@link org.robotphysicist.data.simulator.JointScoreSimulator})
 * @param contrast           how many θ each x is contrasted with in the likelihood-to-evidence
 *                           form ({@link Contrast}; {@link Contrast#binary()} is the classic
 *                           one-negative-per-positive cross-entropy)
 */
public record RatioTrainingConfig(RatioForm form, List<Integer> hiddenWidths, ActivationFunction activation, int trainingRows,
        int eventsPerParameter, CalibrationMethod calibration, int calibrationRows, int calibrationBins,
        Normalization normalization, long dataSeed, TrainingLoopConfig training, double scoreWeight,
        Contrast contrast) {

    /**
     * The contrastive objective of the likelihood-to-evidence form (Miller, Weniger &amp; Forré 2022,
     * "Contrastive neural ratio estimation"). Each x is shown K candidate parameters
     * Θ = (θ₁ … θ_K) in one of K + 1 classes: class 0, every θ_k drawn from the prior independently
     * of x; class k ≥ 1, θ_k is x's own and the rest from the prior. With class probabilities
     * p(0) = 1/(1 + γ) and p(k) = γ/((1 + γ)K), the Bayes classifier is
     * <pre>
     *   q(k | x, Θ) = r(x, θ_k) / (K/γ + Σ_j r(x, θ_j)),   q(0 | x, Θ) = (K/γ) / (K/γ + Σ_j r(x, θ_j)),
     * </pre>
     * so the network's logit s = log r at the optimum exactly, without an additive constant, for
     * every K and γ. K = γ = 1 is the binary cross-entropy of one positive and one negative per x.
     * Larger K shows each x more alternatives per step, which sharpens the ratio where it varies
     * fast in θ; a step costs K + 1 network rows per x instead of 2.
     *
     * @param classes K ≥ 1, candidate parameters per x ({@value #MAX_CLASSES} at most)
     * @param gamma   γ &gt; 0, the odds of the joint classes against the marginal one
     */
    public record Contrast(int classes, double gamma) {
        /** The most candidates per x. */
        public static final int MAX_CLASSES = 1024;

        public Contrast {
            if (classes < 1 || classes > MAX_CLASSES) {
                throw new InvalidInputException("contrastive classes: expected 1 to " + MAX_CLASSES + " candidate"
                        + " parameters per event but found " + classes);
            }
            if (!(gamma > 0) || !Double.isFinite(gamma)) {
                throw new InvalidInputException("contrastive gamma: expected a finite value > 0 but found " + gamma);
            }
        }

        /** K = γ = 1: one positive and one negative per x, each weighted equally. */
        public static Contrast binary() {
            return new Contrast(1, 1);
        }

        /** K candidates, γ = 1. */
        public static Contrast of(int classes) {
            return new Contrast(classes, 1);
        }

        @JsonIgnore
        public boolean isBinary() {
            return classes == 1 && gamma == 1;
        }

        @Override
        public String toString() {
            return isBinary() ? "binary" : "contrastive K=" + classes + ", gamma=" + gamma;
        }
    }

    /**
     * How the {@link org.robotphysicist.models.ratio.EvidenceNormalization} is fitted. Its Monte Carlo
     * error moves a posterior from N events by about √(N/K) of the posterior's width, so K ≥ 100·N
     * keeps the shift below 0.1 sd; the fit costs K network evaluations per node. The table has
     * {@code thetaNodes} per θ dimension unless that exceeds {@code maxPoints} nodes in all, when each θ
     * dimension gets an equal share (ten θ dimensions get 2 nodes each under the default cap: a
     * table linear along each axis).
     *
     * @param samples    K reference events simulated per φ node (0: no normalization)
     * @param thetaNodes grid nodes per θ dimension, ≥ 2 (fewer when the cap requires)
     * @param phiNodes   grid nodes per φ dimension (a fixed φ always has one), ≥ 2
     * @param maxPoints  the cap on the table's nodes, ≥ 2
     */
    public record Normalization(int samples, int thetaNodes, int phiNodes, int maxPoints) {
        public Normalization {
            if (samples < 0) {
                throw new InvalidInputException("normalization samples: expected 0 (off) or more but found " + samples);
            }
            if (thetaNodes < 2 || phiNodes < 2) {
                throw new InvalidInputException("normalization nodes: expected at least 2 per dimension but found "
                        + thetaNodes + " and " + phiNodes);
            }
            if (maxPoints < 2) {
                throw new InvalidInputException("normalization point cap: expected at least 2 but found " + maxPoints);
            }
        }

        /** No normalization. */
        public static Normalization off() {
            return of(0);
        }

        /**
         * K reference events per φ node, 65 θ nodes and 9 φ nodes per dimension, at most
         * {@value EvidenceNormalization#DEFAULT_MAX_POINTS} nodes.
         */
        public static Normalization of(int samples) {
            return new Normalization(samples, 65, 9, EvidenceNormalization.DEFAULT_MAX_POINTS);
        }

        /** K = {@code perEvent}·N reference events for posteriors from N = {@code events} events. */
        public static Normalization forEvents(int events, int perEvent) {
            Require.positive("events per experiment", events);
            Require.positive("reference events per event", perEvent);
            return of(Math.toIntExact(Math.min(Integer.MAX_VALUE, (long) events * perEvent)));
        }

        public boolean enabled() {
            return samples > 0;
        }
    }

    public RatioTrainingConfig {
        if (form == null || activation == null || calibration == null || training == null || normalization == null) {
            throw new InvalidInputException("ratio training config: expected a form, an activation, a calibration"
                    + " method, a normalization and a training config but found " + form + ", " + activation + ", "
                    + calibration + ", " + normalization + ", " + training);
        }
        hiddenWidths = List.copyOf(hiddenWidths);
        if (hiddenWidths.isEmpty()) {
            throw new InvalidInputException("ratio classifier hidden widths: expected at least one layer but found none");
        }
        Require.positive("training rows", trainingRows);
        if (trainingRows < 4) {
            throw new InvalidInputException("training rows: expected at least 4 but found " + trainingRows);
        }
        Require.positive("events per parameter draw", eventsPerParameter);
        Require.positive("calibration rows", calibrationRows);
        if (calibrationBins < 0) {
            throw new InvalidInputException("calibration bins: expected 0 (automatic) or more but found "
                    + calibrationBins);
        }
        if (contrast == null) {
            throw new InvalidInputException("ratio training config: expected a contrast (binary for the classic"
                    + " cross-entropy) but found none");
        }
        if (!contrast.isBinary() && form.kind() != RatioForm.Kind.LIKELIHOOD_TO_EVIDENCE) {
            throw new InvalidInputException(contrast + ": expected the likelihood-to-evidence form (the reference form"
                    + " contrasts each event with the one reference theta) but found " + form);
        }
        if (ScoreRegressionObjective.requireWeight(scoreWeight) > 0 && form.kind() != RatioForm.Kind.LIKELIHOOD_TO_EVIDENCE) {
            throw new InvalidInputException("score weight " + scoreWeight + ": expected the likelihood-to-evidence form"
                    + " (the one trained on joint draws) but found " + form);
        }
    }

    /** Cross-entropy alone (score weight 0). */
    public RatioTrainingConfig(RatioForm form, List<Integer> hiddenWidths, ActivationFunction activation,
            int trainingRows, int eventsPerParameter, CalibrationMethod calibration, int calibrationRows,
            int calibrationBins, Normalization normalization, long dataSeed, TrainingLoopConfig training) {
        this(form, hiddenWidths, activation, trainingRows, eventsPerParameter, calibration, calibrationRows,
                calibrationBins, normalization, dataSeed, training, 0, Contrast.binary());
    }

    /**
     * Reads JSON written before the score weight existed as cross-entropy alone (weight 0), and
     * JSON written before the contrast existed as binary.
     */
    @JsonCreator
    private static RatioTrainingConfig fromJson(@JsonProperty("form") RatioForm form,
            @JsonProperty("hiddenWidths") List<Integer> hiddenWidths,
            @JsonProperty("activation") ActivationFunction activation, @JsonProperty("trainingRows") int trainingRows,
            @JsonProperty("eventsPerParameter") int eventsPerParameter,
            @JsonProperty("calibration") CalibrationMethod calibration,
            @JsonProperty("calibrationRows") int calibrationRows, @JsonProperty("calibrationBins") int calibrationBins,
            @JsonProperty("normalization") Normalization normalization, @JsonProperty("dataSeed") long dataSeed,
            @JsonProperty("training") TrainingLoopConfig training, @JsonProperty("scoreWeight") Double scoreWeight,
            @JsonProperty("contrast") Contrast contrast) {
        return new RatioTrainingConfig(form, hiddenWidths, activation, trainingRows, eventsPerParameter, calibration,
                calibrationRows, calibrationBins, normalization, dataSeed, training,
                scoreWeight == null ? 0 : scoreWeight, contrast == null ? Contrast.binary() : contrast);
    }

    /** Whether the loss regresses the log-ratio's θ-derivative on the simulator's joint scores. */
    public boolean regressesScores() {
        return scoreWeight > 0;
    }

    /** The same with score weight {@code alpha} (0: cross-entropy alone). */
    public RatioTrainingConfig withScoreWeight(double alpha) {
        return new RatioTrainingConfig(form, hiddenWidths, activation, trainingRows, eventsPerParameter, calibration,
                calibrationRows, calibrationBins, normalization, dataSeed, training, alpha, contrast);
    }

    /**
     * Likelihood-to-evidence, 3 × 64 SiLU, 200 000 rows with one event per θ, no calibration
     * (50 000 rows when switched on), no normalization, data seed 1, {@link TrainingLoopConfig#defaults()}.
     */
    public static RatioTrainingConfig defaults() {
        return new RatioTrainingConfig(RatioForm.likelihoodToEvidence(), List.of(64, 64, 64), ActivationFunction.SILU, 200_000,
                1, CalibrationMethod.NONE, 50_000, 0, Normalization.off(), 1, TrainingLoopConfig.defaults());
    }

    public RatioTrainingConfig withNormalization(Normalization n) {
        return new RatioTrainingConfig(form, hiddenWidths, activation, trainingRows, eventsPerParameter, calibration,
                calibrationRows, calibrationBins, n, dataSeed, training, scoreWeight, contrast);
    }

    public RatioTrainingConfig withForm(RatioForm f) {
        return new RatioTrainingConfig(f, hiddenWidths, activation, trainingRows, eventsPerParameter, calibration,
                calibrationRows, calibrationBins, normalization, dataSeed, training, scoreWeight, contrast);
    }

    public RatioTrainingConfig withNetwork(List<Integer> widths, ActivationFunction a) {
        return new RatioTrainingConfig(form, widths, a, trainingRows, eventsPerParameter, calibration, calibrationRows,
                calibrationBins, normalization, dataSeed, training, scoreWeight, contrast);
    }

    public RatioTrainingConfig withData(int rows, int perParameter, long seed) {
        return new RatioTrainingConfig(form, hiddenWidths, activation, rows, perParameter, calibration, calibrationRows,
                calibrationBins, normalization, seed, training, scoreWeight, contrast);
    }

    public RatioTrainingConfig withCalibration(CalibrationMethod method, int rows, int bins) {
        return new RatioTrainingConfig(form, hiddenWidths, activation, trainingRows, eventsPerParameter, method, rows,
                bins, normalization, dataSeed, training, scoreWeight, contrast);
    }

    /** The same with {@code c} as the likelihood-to-evidence form's contrast. */
    public RatioTrainingConfig withContrast(Contrast c) {
        return new RatioTrainingConfig(form, hiddenWidths, activation, trainingRows, eventsPerParameter, calibration,
                calibrationRows, calibrationBins, normalization, dataSeed, training, scoreWeight, c);
    }

    public RatioTrainingConfig withTraining(TrainingLoopConfig t) {
        return new RatioTrainingConfig(form, hiddenWidths, activation, trainingRows, eventsPerParameter, calibration,
                calibrationRows, calibrationBins, normalization, dataSeed, t, scoreWeight, contrast);
    }
}
