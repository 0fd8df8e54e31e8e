/**
 * The surrogate likelihood p̂(x | θ, φ) the engine computes posteriors and information gains with:
 * the {@link SurrogateLikelihood} interface (values up to a θ-independent constant; batched, summed
 * over events in tiles by {@link GridSums}), the boundary checks every implementation shares
 * ({@link SurrogateArguments}), and {@link ExactLikelihood}, the true likelihood of a tractable
 * simulator behind the same interface, the reference every learned surrogate is compared against.
 *
 * <p>Every surrogate supplies its own summed log-likelihood over a θ grid, S<sub>j</sub> =
 * Σ<sub>i</sub> log p̂(x<sub>i</sub> | θ<sub>j</sub>, φ), as a {@link GridEvaluator}
 * ({@link SurrogateLikelihood#gridEvaluator}): {@link TiledGridEvaluator} is the generic path (N × M
 * pairs cut into tiles of bounded memory, {@link TilingConfig}, {@link AdaptiveTiling}; float64
 * accumulation across tiles with {@link CompensatedSums}), {@link TemperedGridEvaluator} divides an
 * experiment's sums by 1 + κN; the classifier's split-first-layer path lives with the classifier
 * ({@code models.ratio}), the ensemble's with the ensemble. A surrogate's trained ranges are
 * enforced under its {@link RangePolicy}. The subpackages hold the concrete surrogates and their model files.
 *
 * <p>Layering: the models module sits on data and below training and the engine; this package
 * depends on the data module and {@code models.certificate} (the tempering a grid evaluator
 * applies) only.
 */
package org.robotphysicist.models;
