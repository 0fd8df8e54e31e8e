/**
 * Conditional normalizing flows as surrogates: {@link ConditionalFlow} (a DJL block of
 * {@link AutoregressiveLayer}s, each a {@link MadeBlock} conditioner with {@link MadeMasks} and an
 * {@link ElementwiseTransform}: the {@link AffineTransform} of MAF or the
 * {@link RationalQuadraticSpline} of NSF), specified by {@link FlowSpec} and mapped from x's
 * support by {@link SupportBijection}. {@link FlowEvaluator} evaluates it in original units,
 * {@link FlowSurrogate} serves it as a surrogate likelihood, and {@link TrainedFlow} is the
 * trained, saveable model, loaded by the {@link FlowFileLoader} services. Training them is the
 * training module's job.
 *
 * <p>Layering: depends on the data module, the models root, {@code models.file} and
 * {@code models.neural}; never on training or the engine.
 */
package org.robotphysicist.models.flow;
