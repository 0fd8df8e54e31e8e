/**
 * Experiment design: a Gaussian-process surrogate of an expensive objective (for example the
 * expected information gain EIG(φ)), acquisition functions, and the Bayesian optimizer that
 * proposes the next experiment settings φ from the history of (φ, value, noise) observations.
 *
 * <ul>
 *   <li>{@code gp} — the Gaussian process: kernels, hyperparameters by maximum marginal likelihood,
 *       predictions (linear algebra on ND4J's LAPACK/BLAS).</li>
 *   <li>{@code optim} — a bounded quasi-Newton minimizer used for hyperparameters and acquisitions.</li>
 *   <li>{@code acquisition} — log expected improvement, upper confidence bound, and their maximization
 *       over Sobol candidates plus local refinement.</li>
 *   <li>{@code bo} — the Bayesian optimizer with q-batch suggestions and a resumable JSON history.</li>
 * </ul>
 */
package org.robotphysicist.engine.design;
