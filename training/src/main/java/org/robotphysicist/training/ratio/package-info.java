/**
 * Training the parameterized ratio classifier: {@link RatioClassifierTrainer} simulates the
 * training table, trains the MLP with the project's {@link org.robotphysicist.training.TrainingLoop} on
 * the {@link LikelihoodToEvidenceObjective} or CARL's {@link ReferenceRatioObjective} (both
 * {@link BinaryCrossEntropy} on logits) and, when asked, calibrates its score and fits the evidence
 * normalization, as {@link RatioTrainingConfig} says, returning a
 * {@link org.robotphysicist.models.ratio.ParameterizedRatioClassifier}.
 *
 * <p>Layering: depends on the data and models modules ({@code models.ratio},
 * {@code models.ratio.calibration}, {@code models.neural}, {@code models.file}), the training root
 * and {@code training.data}.
 */
package org.robotphysicist.training.ratio;
