/**
 * The parameterized likelihood-ratio classifier (CARL, and the likelihood-to-evidence form):
 * {@link ParameterizedRatioClassifier}, an MLP on (x, θ, φ) whose logit, in the {@link RatioForm}
 * it was trained for, serves as the log-likelihood up to a θ-independent term; its optional
 * {@link EvidenceNormalization} per (θ, φ) and its model files ({@link RatioClassifierFileLoader}).
 * Score calibration lives in {@code models.ratio.calibration}.
 *
 * <p>Layering: depends on the data module, the models root, {@code models.file},
 * {@code models.neural} and {@code models.ratio.calibration}; never on training or the engine.
 */
package org.robotphysicist.models.ratio;
