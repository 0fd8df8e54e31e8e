package org.robotphysicist.models.file;

import java.util.List;
import org.robotphysicist.data.InvalidInputException;

/**
 * The history of one training run, saved with the model it produced: one entry per epoch, the
 * epoch whose parameters were kept, and why training stopped.
 *
 * @param epochs     per-epoch figures, in order
 * @param bestEpoch  the epoch (1-based) whose parameters the model holds; 0 for an untrained model
 * @param stopReason e.g. "max epochs", "early stopping: no improvement for 5 epochs"
 */
public record TrainingCurve(List<Epoch> epochs, int bestEpoch, String stopReason) {
    /** How the stop reason of a run cut short by its time budget begins. */
    public static final String TIME_BUDGET_STOP = "time budget";

    /**
     * @param epoch          1-based epoch number
     * @param trainLoss      mean training loss over the epoch's mini-batches
     * @param validationLoss mean loss on the validation split (NaN without one)
     * @param learningRate   learning rate at the end of the epoch
     * @param rowsPerSecond  training rows processed per second of wall time
     * @param seconds        wall time of the epoch, validation included
     */
    public record Epoch(int epoch, double trainLoss, double validationLoss, double learningRate, double rowsPerSecond,
            double seconds) {
    }

    public TrainingCurve {
        epochs = List.copyOf(epochs);
        if (bestEpoch < 0 || bestEpoch > epochs.size()) {
            throw new InvalidInputException("training curve: expected a best epoch in [0, " + epochs.size()
                    + "] but found " + bestEpoch);
        }
        stopReason = stopReason == null ? "" : stopReason;
    }

    /** The curve of a model that was never trained (e.g. freshly initialized). */
    public static TrainingCurve untrained() {
        return new TrainingCurve(List.of(), 0, "not trained");
    }

    /** Whether training stopped because its time budget was used up (before its last epoch). */
    public boolean stoppedOnTimeBudget() {
        return stopReason.startsWith(TIME_BUDGET_STOP);
    }

    /** The entry of the kept epoch, or null for an untrained model. */
    public Epoch best() {
        return bestEpoch == 0 ? null : epochs.get(bestEpoch - 1);
    }
}
