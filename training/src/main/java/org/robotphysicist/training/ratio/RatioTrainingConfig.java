package org.robotphysicist.training.ratio;

import java.util.List;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Require;
import org.robotphysicist.models.neural.Activation;
import org.robotphysicist.models.ratio.RatioForm;
import org.robotphysicist.models.ratio.calibration.CalibrationMethod;
import org.robotphysicist.training.TrainingConfig;

/**
 * How a {@link org.robotphysicist.models.ratio.ParameterizedRatioClassifier} is trained.
 * Immutable, validated, round-trips through JSON.
 *
 * @param form               likelihood-to-evidence, or CARL's reference form with its θ₁
 * @param hiddenWidths       hidden layer widths of the MLP (depth = number of entries)
 * @param activation         the hidden non-linearity
 * @param trainingRows       simulated rows (x, θ, φ); in the reference form half are class 1 and half class 0
 * @param eventsPerParameter events simulated per (θ, φ) draw, ≥ 1 (1 gives every row its own θ)
 * @param calibration        score calibration fitted after training on fresh simulations
 * @param calibrationRows    simulated rows for the calibration (per class in the likelihood-to-evidence form)
 * @param calibrationBins    histogram bins (0: carl's automatic choice)
 * @param dataSeed           seed of the simulations (training and calibration sets)
 * @param training           the optimizer loop ({@link TrainingConfig}, whose seed drives initialization,
 *                           split and shuffles)
 */
public record RatioTrainingConfig(RatioForm form, List<Integer> hiddenWidths, Activation activation, int trainingRows,
        int eventsPerParameter, CalibrationMethod calibration, int calibrationRows, int calibrationBins, long dataSeed,
        TrainingConfig training) {

    public RatioTrainingConfig {
        if (form == null || activation == null || calibration == null || training == null) {
            throw new InvalidInputException("ratio training config: expected a form, an activation, a calibration"
                    + " method and a training config but found " + form + ", " + activation + ", " + calibration + ", "
                    + training);
        }
        hiddenWidths = List.copyOf(hiddenWidths);
        if (hiddenWidths.isEmpty()) {
            throw new InvalidInputException("ratio classifier hidden widths: expected at least one layer but found none");
        }
        Require.positive("training rows", trainingRows);
        if (trainingRows < 4) {
            throw new InvalidInputException("training rows: expected at least 4 but found " + trainingRows);
        }
        Require.positive("events per parameter draw", eventsPerParameter);
        Require.positive("calibration rows", calibrationRows);
        if (calibrationBins < 0) {
            throw new InvalidInputException("calibration bins: expected 0 (automatic) or more but found "
                    + calibrationBins);
        }
    }

    /**
     * Likelihood-to-evidence, 3 × 64 SiLU, 200 000 rows with one event per θ, no calibration
     * (50 000 rows when switched on), data seed 1, {@link TrainingConfig#defaults()}.
     */
    public static RatioTrainingConfig defaults() {
        return new RatioTrainingConfig(RatioForm.likelihoodToEvidence(), List.of(64, 64, 64), Activation.SILU, 200_000,
                1, CalibrationMethod.NONE, 50_000, 0, 1, TrainingConfig.defaults());
    }

    public RatioTrainingConfig withForm(RatioForm f) {
        return new RatioTrainingConfig(f, hiddenWidths, activation, trainingRows, eventsPerParameter, calibration,
                calibrationRows, calibrationBins, dataSeed, training);
    }

    public RatioTrainingConfig withNetwork(List<Integer> widths, Activation a) {
        return new RatioTrainingConfig(form, widths, a, trainingRows, eventsPerParameter, calibration, calibrationRows,
                calibrationBins, dataSeed, training);
    }

    public RatioTrainingConfig withData(int rows, int perParameter, long seed) {
        return new RatioTrainingConfig(form, hiddenWidths, activation, rows, perParameter, calibration, calibrationRows,
                calibrationBins, seed, training);
    }

    public RatioTrainingConfig withCalibration(CalibrationMethod method, int rows, int bins) {
        return new RatioTrainingConfig(form, hiddenWidths, activation, trainingRows, eventsPerParameter, method, rows,
                bins, dataSeed, training);
    }

    public RatioTrainingConfig withTraining(TrainingConfig t) {
        return new RatioTrainingConfig(form, hiddenWidths, activation, trainingRows, eventsPerParameter, calibration,
                calibrationRows, calibrationBins, dataSeed, t);
    }
}
