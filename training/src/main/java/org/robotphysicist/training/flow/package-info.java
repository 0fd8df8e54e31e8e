/**
 * Training conditional normalizing flows (MAF, NSF) by maximum likelihood: {@link FlowTrainer}
 * simulates joint draws (x, θ, φ), standardizes them and minimizes the
 * {@link FlowLikelihoodObjective} with the project's {@link org.robotphysicist.training.TrainingLoop},
 * as {@link FlowTrainingConfig} says, returning a
 * {@link org.robotphysicist.models.flow.TrainedFlow}.
 *
 * <p>Layering: depends on the data and models modules ({@code models.flow}, {@code models.neural},
 * {@code models.file}), the training root and {@code training.data}.
 */
package org.robotphysicist.training.flow;
