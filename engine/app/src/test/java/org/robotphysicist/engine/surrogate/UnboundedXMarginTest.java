package org.robotphysicist.engine.surrogate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.OutOfSupportException;
import org.robotphysicist.data.simulator.ToyGaussianSimulator;
import org.robotphysicist.engine.api.RobotPhysicist;
import org.robotphysicist.engine.api.TrainOptions;
import org.robotphysicist.engine.api.TrainedModel;
import org.robotphysicist.training.data.SimulatedTrainingSet;
import org.robotphysicist.training.device.DeviceRequest;

/**
 * For a simulator with unbounded x the trained x range is the training events' [min, max] widened
 * by {@link SimulatedTrainingSet#X_MARGIN} of its width on each side: an observed event 5% of the
 * width beyond the max is evaluated, one 20% beyond is refused naming the range.
 */
class UnboundedXMarginTest {
    @TempDir
    Path dir;

    @Test
    void eventsJustBeyondTheTrainingDataAreEvaluatedAndFarBeyondRefused() throws Exception {
        StringBuilder b = new StringBuilder("x:x,theta:mu,phi:variance\n");
        for (int i = 0; i <= 1000; i++) {
            double theta = -1 + 2.0 * i / 1000;
            b.append(theta).append(',').append(theta).append(",1.0\n"); // x spans exactly [-1, 1]
        }
        Path file = dir.resolve("x.csv");
        Files.writeString(file, b.toString());
        EventFileSource events = EventFileSource.read(List.of(file), new ToyGaussianSimulator());
        TrainOptions options = new TrainOptions("maf", SurrogateTrainingConfig.of(1_000, 1, 3).withNetwork(1, 8),
                DeviceRequest.CPU, TrainOptions.defaults("maf").histogram(), 10);
        try (TrainedModel model = RobotPhysicist.trainFromEvents(events, options, null, null)) {
            var ranges = ((org.robotphysicist.models.file.TrainedSurrogate) model.surrogate()).trainedRanges();
            assertEquals(-1.2, ranges.x().lower(0), 1e-12, "min - 0.1 x width 2");
            assertEquals(1.2, ranges.x().upper(0), 1e-12, "max + 0.1 x width 2");
            Matrix theta = Matrix.ofRows(new double[] {0});
            Matrix phi = Matrix.ofRows(new double[] {1});
            double[] near = model.surrogate().logLikelihood(Matrix.ofRows(new double[] {1.1}), theta, phi);
            assertTrue(Double.isFinite(near[0]), "5% of the width beyond the max is evaluated: " + near[0]);
            String m = assertThrows(OutOfSupportException.class,
                    () -> model.surrogate().logLikelihood(Matrix.ofRows(new double[] {1.4}), theta, phi)).getMessage();
            assertTrue(m.contains("1.4") && m.contains("trained on"), m);
        }
    }
}
