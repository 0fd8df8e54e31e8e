package org.robotphysicist.benchmarks.training;

import org.robotphysicist.data.Matrix;
import org.robotphysicist.training.LearningRateSchedule;
import org.robotphysicist.training.TrainingLoop;
import org.robotphysicist.training.TrainingLoopConfig;
import org.robotphysicist.training.TrainingObjective;
import org.robotphysicist.training.device.DeviceRequest;

/** Training throughput as the {@link TrainingLoop} reports it: rows/s of each epoch after a warm-up epoch. */
public final class EpochRates {
    private EpochRates() {
    }

    /**
     * A config for timing: {@code timedEpochs} + 1 epochs at batch size {@code batch}, constant
     * learning rate 10⁻³, no validation split or early stopping, on {@code device}.
     */
    public static TrainingLoopConfig timingConfig(int batch, int timedEpochs, DeviceRequest device) {
        return TrainingLoopConfig.defaults().withBatchSize(batch).withMaxEpochs(timedEpochs + 1)
                .withLearningRate(1e-3, LearningRateSchedule.constant()).withValidation(0, 0).withSeed(1)
                .withDevice(device);
    }

    /** Fits {@code objective} on {@code table} with {@code trainer}; rows/s of every epoch but the first. */
    public static double[] measure(TrainingLoop trainer, TrainingObjective objective, Matrix table) {
        return trainer.fit(objective, table).curve().epochs().stream().skip(1)
                .mapToDouble(e -> e.rowsPerSecond()).toArray();
    }
}
