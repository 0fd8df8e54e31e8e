/**
 * Whether posteriors can be trusted: expected coverage ({@link ExpectedCoverage}, against the exact
 * posterior in {@link PairedCoverage}; {@link CoverageReport}), simulation-based calibration
 * ({@link SimulationBasedCalibration}, {@link SbcReport}, {@link UniformityTest}), the classifier
 * two-sample test ({@link ClassifierTwoSampleTest}), MCMC convergence
 * ({@link ConvergenceDiagnostics}: rank-normalized split-R̂ and ESS), and a trained surrogate's
 * calibration certificate ({@link CalibrationCertifier}, {@link CertificationConfig},
 * {@link TemperingFit}) from repeated prior-predictive experiments ({@link CalibrationProblem}).
 * {@link TextTable} prints their reports.
 *
 * <p>Layering: depends on data, models (the certificate it measures) and {@code engine.posterior};
 * never on training.
 */
package org.robotphysicist.engine.posterior.diagnostics;
