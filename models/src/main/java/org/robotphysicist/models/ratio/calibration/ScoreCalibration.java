package org.robotphysicist.models.ratio.calibration;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.robotphysicist.data.InvalidInputException;

/**
 * A monotone map from a classifier's raw score s (its logit) to a calibrated log-ratio
 * log r̂ = log p(s | class 1) − log p(s | class 0), fitted on held-out labelled scores.
 *
 * <p>Why: a classifier trained with cross-entropy has logit s = log r only at the optimum; a
 * finite network and finite data leave it miscalibrated. Any strictly monotone function of the
 * exact ratio is a sufficient statistic, and the ratio of the score's own class-conditional
 * densities recovers r exactly from it (Cranmer, Pavez &amp; Louppe 2015, "Approximating
 * likelihood ratios with calibrated discriminative classifiers", section 3.2). For a
 * parameterized classifier s(x, θ, φ) the map is fitted once on scores pooled over the training
 * distribution of (θ, φ).
 *
 * <p>JSON form: an object with a {@code "method"} field ({@code none}, {@code histogram},
 * {@code isotonic}).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "method")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ScoreCalibration.Identity.class, name = "none"),
    @JsonSubTypes.Type(value = HistogramCalibration.class, name = "histogram"),
    @JsonSubTypes.Type(value = IsotonicCalibration.class, name = "isotonic")})
public sealed interface ScoreCalibration permits ScoreCalibration.Identity, HistogramCalibration, IsotonicCalibration {

    /** The calibrated log-ratio for score s. */
    double logRatio(double score);

    /** Which method this is. */
    CalibrationMethod kind();

    /** Calibrates every score: out[i] = logRatio(scores[i]). */
    default void apply(float[] scores, double[] out) {
        for (int i = 0; i < scores.length; i++) {
            out[i] = logRatio(scores[i]);
        }
    }

    /** No calibration: the logit is the log-ratio. */
    record Identity() implements ScoreCalibration {
        @Override
        public double logRatio(double score) {
            return score;
        }

        @Override
        public CalibrationMethod kind() {
            return CalibrationMethod.NONE;
        }
    }

    /** The identity calibration. */
    static ScoreCalibration none() {
        return new Identity();
    }

    /**
     * Fits a calibration.
     *
     * @param method what to fit
     * @param scores raw scores (logits), finite
     * @param labels 1 for the numerator class, 0 for the denominator class; both must occur
     * @param bins   histogram bins (0 for carl's automatic 10 + ⌊N₀<sup>1/3</sup>⌋); ignored otherwise
     */
    static ScoreCalibration fit(CalibrationMethod method, double[] scores, boolean[] labels, int bins) {
        if (scores.length != labels.length) {
            throw new org.robotphysicist.data.DimensionMismatchException("calibration labels", scores.length,
                    labels.length);
        }
        org.robotphysicist.data.Require.finite("calibration scores", scores);
        int ones = 0;
        for (boolean b : labels) {
            ones += b ? 1 : 0;
        }
        if (method != CalibrationMethod.NONE && (ones == 0 || ones == labels.length)) {
            throw new InvalidInputException("calibration data: expected scores of both classes but found " + ones
                    + " of class 1 and " + (labels.length - ones) + " of class 0");
        }
        return switch (method) {
            case NONE -> none();
            case HISTOGRAM -> HistogramCalibration.fit(scores, labels, bins);
            case ISOTONIC -> IsotonicCalibration.fit(scores, labels);
        };
    }
}
