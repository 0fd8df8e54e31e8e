package org.robotphysicist.training;

import java.time.Duration;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Require;
import org.robotphysicist.training.device.DeviceRequest;

/**
 * Settings of the {@link TrainingLoop}: Adam (Kingma &amp; Ba 2015) on mini-batches, a held-out
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
 * @param gradientClip       c ≥ 0, the largest global L2 norm of a step's gradient (all parameters together):
 *                           a longer one is scaled down to c before Adam reads it (Pascanu et al. 2013);
 *                           0 = no clipping
 * @param seed               seed of every random choice of the run (split, shuffles, in-batch draws)
 * @param device             where to train ({@code auto} uses a GPU when the engine sees one)
 * @param timeBudget         the most wall time the optimization loop may take, &gt; 0, or null for no limit: the
 *                           loop stops after the epoch during which the budget ran out (an epoch is never cut
 *                           short, so its validation loss is comparable with the others) and keeps the
 *                           best-validation epoch's parameters; the curve's stop reason then says so
 *                           ({@link org.robotphysicist.models.file.TrainingCurve#stoppedOnTimeBudget()})
 */
public record TrainingLoopConfig(int batchSize, int maxEpochs, double learningRate, LearningRateSchedule schedule,
        double validationFraction, int patience, double minImprovement, double weightDecay, double gradientClip,
        long seed, DeviceRequest device, Duration timeBudget) {

    public TrainingLoopConfig {
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
        requireTimeBudget(timeBudget);
    }

    /**
     * Checks a time budget: null (none) or a positive duration.
     *
     * @throws InvalidInputException for a zero or negative budget
     */
    public static void requireTimeBudget(Duration budget) {
        if (budget != null && (budget.isNegative() || budget.isZero())) {
            throw new InvalidInputException("training time budget: expected a positive duration such as 90s or 5m but"
                    + " found " + budget);
        }
    }

    /**
     * Batches of 1024, at most 50 epochs, η₀ = 10⁻³ with cosine decay to 5%, 10% validation,
     * patience 5, no minimum improvement, weight decay or clipping, seed 1, device auto, no time budget.
     * Call sites start here and change what they need with the {@code with…} methods, e.g.
     * {@code defaults().withBatchSize(512).withMaxEpochs(8).withSeed(3)}.
     */
    public static TrainingLoopConfig defaults() {
        return new TrainingLoopConfig(1024, 50, 1e-3, LearningRateSchedule.cosine(0.05), 0.1, 5, 0, 0, 0, 1,
                DeviceRequest.AUTO, null);
    }

    public TrainingLoopConfig withBatchSize(int b) {
        return new TrainingLoopConfig(b, maxEpochs, learningRate, schedule, validationFraction, patience, minImprovement,
                weightDecay, gradientClip, seed, device, timeBudget);
    }

    public TrainingLoopConfig withMaxEpochs(int e) {
        return new TrainingLoopConfig(batchSize, e, learningRate, schedule, validationFraction, patience, minImprovement,
                weightDecay, gradientClip, seed, device, timeBudget);
    }

    public TrainingLoopConfig withLearningRate(double lr, LearningRateSchedule s) {
        return new TrainingLoopConfig(batchSize, maxEpochs, lr, s, validationFraction, patience, minImprovement,
                weightDecay, gradientClip, seed, device, timeBudget);
    }

    public TrainingLoopConfig withValidation(double fraction, int earlyStoppingPatience) {
        return new TrainingLoopConfig(batchSize, maxEpochs, learningRate, schedule, fraction, earlyStoppingPatience,
                minImprovement, weightDecay, gradientClip, seed, device, timeBudget);
    }

    public TrainingLoopConfig withSeed(long s) {
        return new TrainingLoopConfig(batchSize, maxEpochs, learningRate, schedule, validationFraction, patience,
                minImprovement, weightDecay, gradientClip, s, device, timeBudget);
    }

    /** The same with at most {@code budget} of wall time for the optimization loop (null: no limit). */
    public TrainingLoopConfig withTimeBudget(Duration budget) {
        return new TrainingLoopConfig(batchSize, maxEpochs, learningRate, schedule, validationFraction, patience,
                minImprovement, weightDecay, gradientClip, seed, device, budget);
    }

    /** The same with global gradient-norm bound {@code c} (0: no clipping). */
    public TrainingLoopConfig withGradientClip(double c) {
        return new TrainingLoopConfig(batchSize, maxEpochs, learningRate, schedule, validationFraction, patience,
                minImprovement, weightDecay, c, seed, device, timeBudget);
    }

    public TrainingLoopConfig withDevice(DeviceRequest d) {
        return new TrainingLoopConfig(batchSize, maxEpochs, learningRate, schedule, validationFraction, patience,
                minImprovement, weightDecay, gradientClip, seed, d, timeBudget);
    }
}
