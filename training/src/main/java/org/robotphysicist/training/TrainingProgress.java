package org.robotphysicist.training;

/**
 * One progress report of a {@link TrainingLoop} run.
 *
 * @param stage          what happened
 * @param epoch          current epoch, 1-based (0 before the first)
 * @param maxEpochs      the configured maximum
 * @param rows           training rows processed so far in this epoch
 * @param epochRows      training rows per epoch
 * @param rowsPerSecond  training throughput of this epoch so far
 * @param trainLoss      mean training loss of this epoch so far (NaN before any batch)
 * @param validationLoss validation loss at the end of the epoch (NaN mid-epoch or without validation)
 * @param learningRate   the current learning rate
 * @param message        a one-line human-readable summary (device choice, stop reason, ...)
 */
public record TrainingProgress(Stage stage, int epoch, int maxEpochs, long rows, long epochRows, double rowsPerSecond,
        double trainLoss, double validationLoss, double learningRate, String message) {

    /**
     * Kinds of report: the run started (device chosen), progress within an epoch, an epoch ended,
     * the run finished, or a note from a step around the loop (calibration, normalization).
     */
    public enum Stage { STARTED, BATCHES, EPOCH_END, FINISHED, NOTE }
}
