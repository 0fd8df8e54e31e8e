/**
 * The surrogate likelihood p̂(x | θ, φ) the engine computes posteriors and information gains with:
 * the {@link SurrogateLikelihood} interface (values up to a θ-independent constant; batched, summed
 * over events in tiles by {@link GridSums}), the boundary checks every implementation shares
 * ({@link SurrogateArguments}), and {@link ExactLikelihood}, the true likelihood of a tractable
 * simulator behind the same interface, the reference every learned surrogate is compared against.
 * The subpackages hold the concrete surrogates and their model files.
 *
 * <p>Layering: the models module sits on data and below training and the engine; this package
 * depends on the data module only.
 */
package org.robotphysicist.models;
