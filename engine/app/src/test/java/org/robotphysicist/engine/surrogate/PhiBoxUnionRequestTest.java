package org.robotphysicist.engine.surrogate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.OutOfSupportException;
import org.robotphysicist.data.prior.UniformBoxPrior;
import org.robotphysicist.data.simulator.ToyGaussianSimulator;
import org.robotphysicist.engine.api.RobotPhysicist;
import org.robotphysicist.training.data.ParameterSampler;
import org.robotphysicist.training.device.DeviceRequest;

/** A {@link SurrogateBuildRequest} over several φ boxes: validation, the union sampler, the bounding box. */
class PhiBoxUnionRequestTest {
    private static final ToyGaussianSimulator TOY = new ToyGaussianSimulator();
    private static final List<Box> TWO = List.of(Box.interval(0.5, 1), Box.interval(2, 3));

    private static SurrogateBuildRequest request(List<Box> boxes) {
        return new SurrogateBuildRequest(TrainingSource.of(TOY), new UniformBoxPrior(Box.interval(-1, 1)), boxes,
                SurrogateTrainingConfig.of(1_000, 1, 1), HistogramGridConfig.defaults(), 10, DeviceRequest.CPU, null, null);
    }

    @Test
    void trainingPhiIsDrawnOverTheUnionAndTheKindsSeeItsBoundingBox() {
        SurrogateBuildRequest r = request(TWO);
        assertEquals(Box.interval(0.5, 3), r.phiBox());
        ParameterSampler phi = r.phiSampler();
        assertEquals(TWO, phi.union().boxes());
        Matrix draws = phi.sample(1_000, new SplittableRandom(3));
        for (double v : draws.column(0)) {
            assertTrue(v >= 0.5 && v <= 1 || v >= 2 && v <= 3, "draw " + v + " in a box");
        }
        assertEquals(TWO, RobotPhysicist.forSimulator(TOY).prior(Box.interval(-1, 1)).settings(TWO)
                .buildRequest(org.robotphysicist.engine.api.TrainOptions.defaults("maf")).phiBoxes());
    }

    @Test
    void overlappingOrOutOfDomainBoxesAreRefused() {
        var overlap = assertThrows(InvalidInputException.class, () -> request(List.of(Box.interval(0.5, 2),
                Box.interval(1, 3))));
        assertTrue(overlap.getMessage().contains("overlap"), overlap.getMessage());
        assertThrows(OutOfSupportException.class, () -> request(List.of(Box.interval(0.5, 1), Box.interval(2, 2e6))));
        assertThrows(InvalidInputException.class, () -> request(List.of()));
    }
}
