/**
 * What a trained surrogate's calibration measured, saved with it: the
 * {@link CalibrationCertificate} (expected coverage on fresh prior-predictive datasets against a
 * tolerance) and the {@link LikelihoodTempering} fitted from it, τ(φ, N) = 1 + κ(φ)·N, by which
 * posteriors divide the summed log-likelihood to carry the surrogate's systematic error. Measuring
 * them is the engine's diagnostics' job; this package only holds and validates the results.
 *
 * <p>Layering: depends on the data root only (models sits on data, below training and the engine).
 */
package org.robotphysicist.models.certificate;
