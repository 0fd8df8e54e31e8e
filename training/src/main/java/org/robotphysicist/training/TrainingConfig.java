package org.robotphysicist.training;

import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Require;
import org.robotphysicist.training.device.DeviceRequest;

/**
 * Settings of the {@link Trainer}: Adam (Kingma &amp; Ba 2015) on mini-batches, a held-out
 * validation split, early stopping and a learning-rate schedule. Immutable and validated;
 * round-trips through JSON.
 *
 * @param batchSize          rows per mini-batch, ≥ 1
 * @param maxEpochs          passes over the training split, ≥ 1
 * @param learningRate       base rate η₀ of Adam, &gt; 0
 * @param schedule           how η changes ({@link LearningRateSchedule})
 * @param validationFraction share of rows held out for validation, in [0, 0.5]; 0 trains on
 *                           everything and disables early stopping
 * @param patience           epochs without a validation improvement before stopping; 0 never stops early
 * @param minImprovement     the smallest decrease of the validation loss that counts as an improvement, ≥ 0
 * @param weightDecay        L2 weight decay of Adam, ≥ 0
 * @param gradientClip       element-wise gradient clip, ≥ 0 (0 = none)
 * @param seed               seed of every random choice of the run (split, shuffles, in-batch draws)
 * @param device             where to train ({@code auto} uses a GPU when the engine sees one)
 */
public record TrainingConfig(int batchSize, int maxEpochs, double learningRate, LearningRateSchedule schedule,
        double validationFraction, int patience, double minImprovement, double weightDecay, double gradientClip,
        long seed, DeviceRequest device) {

    public TrainingConfig {
        Require.positive("batch size", batchSize);
        Require.positive("maximum epochs", maxEpochs);
        Require.positive("learning rate", learningRate);
        if (schedule == null || device == null) {
            throw new InvalidInputException("training config: expected a learning-rate schedule and a device but found "
                    + schedule + " and " + device);
        }
        Require.inRange("validation fraction", validationFraction, 0, 0.5);
        if (patience < 0) {
            throw new InvalidInputException("early-stopping patience: expected a count >= 0 but found " + patience);
        }
        Require.nonNegative("minimum improvement", minImprovement);
        Require.nonNegative("weight decay", weightDecay);
        Require.nonNegative("gradient clip", gradientClip);
    }

    /**
     * Batches of 1024, at most 50 epochs, η₀ = 10⁻³ with cosine decay to 5%, 10% validation,
     * patience 5, no weight decay or clipping, seed 1, device auto.
     */
    public static TrainingConfig defaults() {
        return new TrainingConfig(1024, 50, 1e-3, LearningRateSchedule.cosine(0.05), 0.1, 5, 0, 0, 0, 1,
                DeviceRequest.AUTO);
    }

    public TrainingConfig withBatchSize(int b) {
        return new TrainingConfig(b, maxEpochs, learningRate, schedule, validationFraction, patience, minImprovement,
                weightDecay, gradientClip, seed, device);
    }

    public TrainingConfig withMaxEpochs(int e) {
        return new TrainingConfig(batchSize, e, learningRate, schedule, validationFraction, patience, minImprovement,
                weightDecay, gradientClip, seed, device);
    }

    public TrainingConfig withLearningRate(double lr, LearningRateSchedule s) {
        return new TrainingConfig(batchSize, maxEpochs, lr, s, validationFraction, patience, minImprovement,
                weightDecay, gradientClip, seed, device);
    }

    public TrainingConfig withValidation(double fraction, int earlyStoppingPatience) {
        return new TrainingConfig(batchSize, maxEpochs, learningRate, schedule, fraction, earlyStoppingPatience,
                minImprovement, weightDecay, gradientClip, seed, device);
    }

    public TrainingConfig withSeed(long s) {
        return new TrainingConfig(batchSize, maxEpochs, learningRate, schedule, validationFraction, patience,
                minImprovement, weightDecay, gradientClip, s, device);
    }

    public TrainingConfig withDevice(DeviceRequest d) {
        return new TrainingConfig(batchSize, maxEpochs, learningRate, schedule, validationFraction, patience,
                minImprovement, weightDecay, gradientClip, seed, d);
    }
}
