/**
 * Experiment design: a Gaussian-process surrogate of an expensive objective (for example the
 * expected information gain EIG(φ)), acquisition functions, the Bayesian optimizer that proposes
 * the next experiment settings φ from the history of (φ, value, noise) observations, the EIG
 * estimator, and the loop that ties them to the posterior engine.
 *
 * <ul>
 *   <li>{@code gp} — the Gaussian process: kernels, hyperparameters by maximum marginal likelihood,
 *       predictions (Cholesky, solves and inverse in plain Java, each residual-checked; see
 *       docs/numerics.md).</li>
 *   <li>{@code optim} — a bounded quasi-Newton minimizer used for hyperparameters and acquisitions.</li>
 *   <li>{@code acquisition} — log expected improvement, upper confidence bound, and their maximization
 *       over Sobol candidates plus local refinement.</li>
 *   <li>{@code bo} — the Bayesian optimizer with q-batch suggestions and a resumable JSON history.</li>
 *   <li>{@code eig} — the expected information gain by Monte Carlo over simulated experiments, the
 *       experiment's likelihood (with the Poisson rate term under a fixed luminosity), the plain EIG
 *       scan and the Bayesian-optimization search of EIG.</li>
 *   <li>{@code loop} — the {@code ExperimentDesigner}: choose φ, run the experiment, update the
 *       posterior, repeat; its history, and the listeners that write its files and plots.</li>
 * </ul>
 *
 * <p>Layering: {@code gp}, {@code optim}, {@code acquisition}, {@code bo} and {@code eig} form the
 * engine's design module, which depends on data, models and the inference module and never on
 * training; {@code loop} is the engine's loop module, on top of the design, plots and surrogates
 * modules, because it ties them to the surrogates it trains (and so to training), the plots and the
 * posterior engine. This package has no types of its own.
 */
package org.robotphysicist.engine.design;
