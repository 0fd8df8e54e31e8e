/**
 * Gaussian-process regression of an expensive, possibly noisy objective over a bounded box:
 * {@link GaussianProcess} conditioned on {@link GpTrainingData}, specified by {@link GpConfig}
 * ({@link KernelFamily} with ARD length-scales, hyperparameter {@link Bounds}) and fitted by
 * type-II maximum likelihood to {@link GpHyperparameters}; it returns {@link Prediction}s and, with
 * gradients, {@link PointPrediction}s, working in the unit box ({@link UnitBoxScaling}). The linear
 * algebra (Cholesky, solves, inverse) is plain Java and checks its own residuals
 * ({@link FactorizationResidualException}; docs/numerics.md).
 *
 * <p>Layering: the engine's design module; depends on the data module, {@code models.neural} (its
 * output standardizer) and {@code engine.design.optim} (the hyperparameter optimizer); never on
 * training, the plots or the application module.
 */
package org.robotphysicist.engine.design.gp;
