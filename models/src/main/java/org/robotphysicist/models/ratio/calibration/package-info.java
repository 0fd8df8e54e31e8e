/**
 * Calibration of a ratio classifier's score, after carl's {@code CalibratedClassifierCV}: a
 * {@link ScoreCalibration} maps the raw logit to a calibrated log-ratio, by histograms
 * ({@link HistogramCalibration}) or isotonic regression ({@link IsotonicCalibration}, through
 * {@link PiecewiseLinear}), as {@link CalibrationMethod} chooses.
 *
 * <p>Layering: depends on the data root only; never on training or the engine.
 */
package org.robotphysicist.models.ratio.calibration;
