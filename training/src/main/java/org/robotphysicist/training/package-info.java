/**
 * The one training loop of the project: {@link TrainingLoop} minimizes a {@link TrainingObjective} (a
 * network and a loss on a mini-batch of table rows) with Adam, a held-out validation split, early
 * stopping, a {@link LearningRateSchedule} and an optional time budget ({@link TimeBudgets}), as
 * {@link TrainingLoopConfig} says; it reports {@link TrainingProgress} to a {@link ProgressListener}
 * and returns a {@link TrainingLoopResult}. A NaN or infinite loss raises
 * {@link TrainingDivergedException}. The subpackages train the concrete surrogates.
 *
 * <p>Layering: the training module sits on data and models (here {@code models.file},
 * {@code models.neural}) and {@code training.device}; the engine reaches it only through its
 * surrogates module.
 */
package org.robotphysicist.training;
