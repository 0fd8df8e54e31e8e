/**
 * Posteriors from surrogate likelihoods. The inner loop is the {@link PosteriorEvaluator}: the
 * summed log-likelihood S<sub>j</sub> = Σ<sub>i</sub> log p̂(x<sub>i</sub> | θ<sub>j</sub>, φ) of N
 * events at M θ points, as the surrogate's own grid evaluator computes it
 * ({@link org.robotphysicist.models.GridEvaluator}: tiled, split first layer for the ratio
 * classifier, tempered, per ensemble member), optionally with progress reports
 * ({@link ReportingPosteriorEvaluator}). A request from outside is validated once, by
 * {@link PosteriorRequest}. On a {@link ThetaGrid} (regular or a point set) the sums become a
 * {@link GridPosterior} with its {@link PosteriorSummary}, {@link CredibleInterval}s,
 * {@link Marginal}s and {@link HpdComparison}, and the frequentist {@link ProfileLikelihood}; a
 * posterior becomes the next round's prior as {@link GridPrior}. {@link SurrogatePosterior} is the
 * unnormalized posterior of one or more {@link Observation}s as a {@link BatchedLogDensity} for
 * samplers.
 *
 * <p>Layering: the engine's inference module; depends on data and models, never on training (the
 * engine reaches training only through its surrogates module). The design, plots and application
 * modules build on it; its subpackages add diagnostics, MCMC and sampling.
 */
package org.robotphysicist.engine.posterior;
