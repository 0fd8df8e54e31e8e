package org.robotphysicist.engine.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.io.Json;
import org.robotphysicist.data.simulator.ToyGaussianSimulator;
import org.robotphysicist.engine.posterior.Observation;
import org.robotphysicist.engine.surrogate.SurrogateTrainingConfig;
import org.robotphysicist.models.ratio.ParameterizedRatioClassifier;
import org.robotphysicist.training.device.DeviceRequest;

/** {@link TrainOptions#withEvidenceNormalization}: the classifier's per-θ normalization on (default) or off. */
class EvidenceNormalizationSwitchTest {
    private static final ToyGaussianSimulator TOY = new ToyGaussianSimulator();

    private static TrainOptions tiny() {
        return TrainOptions.defaults("classifier").withControls(SurrogateTrainingConfig.of(2_000, 1, 3).withNetwork(1, 8))
                .withTraining(2_000, 1, DeviceRequest.CPU).withEventsPerExperiment(5);
    }

    @Test
    void offLeavesTheClassifierUnnormalizedAndOnFitsTheTable() {
        RobotPhysicist rp = RobotPhysicist.forSimulator(TOY).prior(Box.interval(-2, 2)).settings(1.0);
        Observation obs = new Observation(TOY.simulate(new double[] {0.3}, new double[] {1}, 20,
                new SplittableRandom(1)), new double[] {1});
        try (TrainedModel on = rp.train(tiny()); TrainedModel off = rp.train(tiny().withEvidenceNormalization(false))) {
            assertNotNull(((ParameterizedRatioClassifier) on.surrogate()).normalization(), "the default fits one");
            assertNull(((ParameterizedRatioClassifier) off.surrogate()).normalization(), "switched off");
            double mean = rp.posterior(off.surrogate(), obs, PosteriorOptions.defaults().withGridPoints(101)).summary()
                    .mean()[0];
            assertTrue(Double.isFinite(mean) && mean > -2 && mean < 2, "a posterior without normalization: " + mean);
        }
    }

    @Test
    void theSwitchIsValidatedAndRoundTripsToJson() {
        var e = assertThrows(InvalidInputException.class, () -> TrainOptions.defaults("maf")
                .withEvidenceNormalization(false));
        assertEquals("evidence normalization: expected it set only for the 'classifier' surrogate (the only kind"
                + " normalized per theta) but found it set for 'maf'", e.getMessage());
        TrainOptions off = TrainOptions.defaults("classifier").withEvidenceNormalization(false);
        assertEquals(false, off.training().evidenceNormalization());
        assertTrue(TrainOptions.defaults("classifier").training().evidenceNormalizationOrDefault(), "default on");
        assertEquals(off, Json.read(Json.write(off), TrainOptions.class, "train options"));
    }
}
