/**
 * Numerical optimization for the design module: {@link BoundedLbfgs}, projected limited-memory BFGS
 * over a box with an analytic gradient, used to fit GP hyperparameters and to refine acquisition
 * maxima.
 *
 * <p>Layering: the engine's design module; depends on the data module only; never on training, the
 * plots or the application module.
 */
package org.robotphysicist.engine.design.optim;
