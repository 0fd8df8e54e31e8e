package org.robotphysicist.training;

import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Require;

/**
 * How the learning rate η changes during training, from the base rate η₀ of the
 * {@link TrainingLoopConfig} down to at most η₀·f (f = {@code finalFraction}):
 * <ul>
 *   <li>{@link Kind#CONSTANT}: η = η₀;</li>
 *   <li>{@link Kind#COSINE}: η = η₀·(f + (1 − f)·(1 + cos(π·t/T))/2) at optimizer step t of T
 *       (Loshchilov &amp; Hutter 2017, without restarts);</li>
 *   <li>{@link Kind#EXPONENTIAL}: η = η₀·f<sup>(e−1)/(E−1)</sup> in epoch e of E;</li>
 *   <li>{@link Kind#PLATEAU}: η is multiplied by {@code plateauFactor} whenever the validation loss
 *       has not improved for {@code plateauPatience} epochs, never below η₀·f.</li>
 * </ul>
 *
 * @param kind            the schedule
 * @param finalFraction   f ∈ (0, 1]
 * @param plateauFactor   the PLATEAU reduction factor, in (0, 1)
 * @param plateauPatience epochs without improvement before a PLATEAU reduction, ≥ 1
 */
public record LearningRateSchedule(Kind kind, double finalFraction, double plateauFactor, int plateauPatience) {

    /** Schedules. */
    public enum Kind { CONSTANT, COSINE, EXPONENTIAL, PLATEAU }

    public LearningRateSchedule {
        if (kind == null) {
            throw new InvalidInputException("learning-rate schedule: expected one of "
                    + java.util.List.of(Kind.values()) + " but found null");
        }
        Require.inRange("learning-rate final fraction", finalFraction, Double.MIN_NORMAL, 1);
        Require.inRange("learning-rate plateau factor", plateauFactor, Double.MIN_NORMAL, 1 - 1e-9);
        Require.positive("learning-rate plateau patience", plateauPatience);
    }

    public static LearningRateSchedule constant() {
        return new LearningRateSchedule(Kind.CONSTANT, 1, 0.5, 2);
    }

    /** Cosine decay to {@code finalFraction}·η₀ over the whole run. */
    public static LearningRateSchedule cosine(double finalFraction) {
        return new LearningRateSchedule(Kind.COSINE, finalFraction, 0.5, 2);
    }

    public static LearningRateSchedule exponential(double finalFraction) {
        return new LearningRateSchedule(Kind.EXPONENTIAL, finalFraction, 0.5, 2);
    }

    public static LearningRateSchedule plateau(double factor, int patience, double finalFraction) {
        return new LearningRateSchedule(Kind.PLATEAU, finalFraction, factor, patience);
    }

    /**
     * The rate at optimizer step {@code step} (0-based) of {@code totalSteps}, in epoch
     * {@code epoch} (1-based) of {@code maxEpochs}, after {@code plateauReductions} PLATEAU cuts.
     */
    public double rate(double base, long step, long totalSteps, int epoch, int maxEpochs, int plateauReductions) {
        double floor = base * finalFraction;
        return switch (kind) {
            case CONSTANT -> base;
            case COSINE -> floor + (base - floor) * 0.5
                    * (1 + Math.cos(Math.PI * Math.min(1.0, (double) step / Math.max(1, totalSteps))));
            case EXPONENTIAL -> maxEpochs <= 1 ? base
                    : base * Math.pow(finalFraction, (double) (epoch - 1) / (maxEpochs - 1));
            case PLATEAU -> Math.max(floor, base * Math.pow(plateauFactor, plateauReductions));
        };
    }
}
