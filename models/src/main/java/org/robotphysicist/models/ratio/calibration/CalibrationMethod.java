package org.robotphysicist.models.ratio.calibration;

/**
 * How a ratio classifier's score is calibrated, after carl's {@code CalibratedClassifierCV}
 * (Cranmer, Pavez &amp; Louppe 2015).
 */
public enum CalibrationMethod {
    /** The raw logit is the log-ratio. */
    NONE,
    /** Histograms of the score under each class; log r = log p̂(s | 1) − log p̂(s | 0). */
    HISTOGRAM,
    /** Isotonic regression of the label on the score; log r = logit ĉ(s) − log(N₁/N₀). */
    ISOTONIC
}
