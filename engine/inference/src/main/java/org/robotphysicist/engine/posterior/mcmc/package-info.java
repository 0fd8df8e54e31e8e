/**
 * Many-chain MCMC for posteriors beyond the reach of a grid: {@link AdaptiveMetropolisSampler}
 * (parallel random-walk Metropolis chains sharing one adapted proposal, all chains' proposals
 * evaluated in one batched call of a
 * {@link org.robotphysicist.engine.posterior.BatchedLogDensity}), started by
 * {@link ImportanceResampledStart}, configured by {@link McmcConfig}, its draws and convergence
 * diagnostics in {@link McmcResult}.
 *
 * <p>Layering: depends on data, {@code engine.posterior} and {@code engine.posterior.diagnostics}
 * (convergence); never on training.
 */
package org.robotphysicist.engine.posterior.mcmc;
