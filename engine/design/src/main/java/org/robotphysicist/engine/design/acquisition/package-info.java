/**
 * Acquisition functions over the unit box of a Gaussian process's domain and their maximization:
 * {@link Acquisition}, implemented by {@link LogExpectedImprovement} (with the stable tails of
 * {@link GaussianTails}) and {@link UpperConfidenceBound} for a {@link Goal} (maximize or
 * minimize), and {@link AcquisitionMaximizer}, which evaluates randomly shifted {@link SobolPoints}
 * in one batch and refines the best with
 * {@link org.robotphysicist.engine.design.optim.BoundedLbfgs}.
 *
 * <p>Layering: the engine's design module; depends on the data module, {@code engine.design.gp} and
 * {@code engine.design.optim}; never on training, the plots or the application module.
 */
package org.robotphysicist.engine.design.acquisition;
