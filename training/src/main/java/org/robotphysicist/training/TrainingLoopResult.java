package org.robotphysicist.training;

import java.util.Map;
import org.robotphysicist.data.io.Provenance;
import org.robotphysicist.models.file.TrainingCurve;
import org.robotphysicist.training.device.DeviceChoice;

/**
 * What a {@link TrainingLoop} run did.
 *
 * @param objective           the objective's name
 * @param curve               per-epoch losses, the kept epoch and the stop reason
 * @param device              the device used (and whether a GPU request fell back to the CPU)
 * @param trainingRows        rows in the training split
 * @param validationRows      rows in the validation split
 * @param finalValidationLoss the validation loss of the parameters the block holds at the end
 *                            (after restoring the best epoch); NaN without validation
 * @param seconds             wall time
 */
public record TrainingLoopResult(String objective, TrainingCurve curve, DeviceChoice device, long trainingRows,
        long validationRows, double finalValidationLoss, double seconds) {

    /**
     * {@code provenance} with the device this run computed on: the deep-learning engine and device
     * among its versions, and the typed {@link org.robotphysicist.data.io.DeviceUsed} (requested,
     * actual, fell back).
     */
    public Provenance stampDevice(Provenance provenance) {
        return provenance.withVersions(Map.of("engine", device.engine(), "device", device.device().toString()))
                .withDevice(device.used());
    }
}
