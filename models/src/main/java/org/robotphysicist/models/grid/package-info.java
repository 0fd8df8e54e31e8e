/**
 * Each surrogate's own summed log-likelihood over a θ grid, S<sub>j</sub> = Σ<sub>i</sub> log
 * p̂(x<sub>i</sub> | θ<sub>j</sub>, φ): the capability {@link GridEvaluator} that every
 * {@link org.robotphysicist.models.SurrogateLikelihood} supplies through
 * {@code gridEvaluator(cancellation)}. {@link TiledGridEvaluator} is the generic path (N × M pairs cut
 * into tiles of bounded memory, {@link TilingConfig}, {@link AdaptiveTiling}; float64 accumulation
 * across tiles with {@link CompensatedSums}); {@link TemperedGridEvaluator} divides an experiment's
 * sums by 1 + κN. The classifier's split-first-layer path lives with the classifier
 * ({@code models.ratio.SplitMlpGridEvaluator}), the ensemble's with the ensemble.
 *
 * <p>Layering: depends on the data module ({@code data.compute} for cancellation) and the models
 * root; never on training or the engine.
 */
package org.robotphysicist.models.grid;
