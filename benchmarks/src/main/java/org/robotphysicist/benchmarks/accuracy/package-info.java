/**
 * Posterior accuracy of the neural surrogate kinds ({@code benchmarks/surrogate-accuracy.sh}):
 * {@link SurrogateAccuracyBenchmark} trains each of the {@link SurrogateKinds} on the
 * {@link AccuracyTask}s with an exact likelihood (SLCP, crescent, Student-t, nonlinear-6D), draws
 * from the surrogate and the exact posterior by many-chain MCMC with resampled starts
 * ({@link org.robotphysicist.engine.posterior.mcmc.ResampledChains}) and compares them by the
 * classifier two-sample test, beside the published figures of {@link PublishedC2st}.
 *
 * <p>Layering: the benchmarks module sits on top of the engine's application module and may use
 * every module below it (data, models, training, {@code engine.posterior} and its diagnostics and
 * MCMC here); nothing depends on it.
 */
package org.robotphysicist.benchmarks.accuracy;
