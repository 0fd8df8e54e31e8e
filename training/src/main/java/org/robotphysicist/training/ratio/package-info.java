/**
 * Training the parameterized ratio classifier: {@link RatioClassifierTrainer} simulates the
 * training table, trains the MLP with the project's {@link org.robotphysicist.training.TrainingLoop} on
 * the {@link LikelihoodToEvidenceObjective} (binary cross-entropy, or the contrastive one of
 * {@link RatioTrainingConfig.Contrast}) or CARL's {@link ReferenceRatioObjective} (binary
 * cross-entropy, {@link BinaryCrossEntropy}, on logits) and, when asked, calibrates its score and fits the evidence
 * normalization, as {@link RatioTrainingConfig} says, returning a
 * {@link org.robotphysicist.models.ratio.ParameterizedRatioClassifier}.
 *
 * <p>Layering: depends on the data and models modules ({@code models.ratio},
 * {@code models.ratio.calibration}, {@code models.neural}, {@code models.file}), the training root
 * and {@code training.data}.
 */
package org.robotphysicist.training.ratio;
