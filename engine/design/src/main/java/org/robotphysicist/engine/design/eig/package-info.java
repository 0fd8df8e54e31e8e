/**
 * The expected information gain about θ of an experiment at φ and the search for its maximum:
 * {@link ExpectedInformationGain} estimates EIG(φ) by Monte Carlo over simulated experiments
 * ({@link EigEstimate}, through an {@link EigEstimator} for one prior), with each experiment's
 * likelihood from {@link ExperimentLikelihood} (including the Poisson rate term under a fixed
 * luminosity); {@link EigScan} is the baseline grid scan and {@link EigSearch} the
 * Bayesian-optimization search.
 *
 * <p>Layering: the engine's design module; depends on data, models, {@code engine.posterior} (the inference module),
 * {@code data.compute}, and {@code engine.design.gp},
 * {@code engine.design.acquisition}, {@code engine.design.bo}; never on training, the plots or the
 * application module.
 */
package org.robotphysicist.engine.design.eig;
