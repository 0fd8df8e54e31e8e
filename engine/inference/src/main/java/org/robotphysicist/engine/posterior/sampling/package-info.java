/**
 * Posterior samples, however the posterior is realized: independent draws from a grid posterior
 * ({@link PosteriorSampler}) or an MCMC posterior ({@link McmcPosterior}, with its
 * {@link McmcDiagnostics}), as {@link SamplerChoice} decides by θ dimension; the draws as
 * {@link PosteriorSamples}, written by {@link PosteriorSamplesCsv}.
 *
 * <p>Layering: depends on data, {@code engine.posterior} and {@code engine.posterior.mcmc}; never
 * on training.
 */
package org.robotphysicist.engine.posterior.sampling;
