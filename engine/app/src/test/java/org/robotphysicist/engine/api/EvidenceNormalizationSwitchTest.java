package org.robotphysicist.engine.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.compute.Cancellation;
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

    /**
     * A table fitted for 5 events per experiment (K = 500 reference events) is sized for 5 events at
     * one setting: a posterior from 5 carries no warning, one from 20 — or from two experiments of 5
     * at the same setting, whose events share the table's error there — says so, once per setting;
     * a posterior from a cluster's summed log-likelihoods warns alike; the unnormalized classifier has
     * no table to warn about.
     */
    @Test
    void aPosteriorFromMoreEventsThanTheTableWasSizedForWarns() {
        RobotPhysicist rp = RobotPhysicist.forSimulator(TOY).prior(Box.interval(-2, 2)).settings(1.0);
        Observation five = observation(5, 2);
        Observation twenty = observation(20, 3);
        PosteriorOptions grid = PosteriorOptions.defaults().withGridPoints(101);
        try (TrainedModel on = rp.train(tiny()); TrainedModel off = rp.train(tiny().withEvidenceNormalization(false))) {
            assertEquals(List.of(), rp.posterior(on.surrogate(), five, grid).warnings(), "5 events, sized for 5");
            List<String> warned = rp.posterior(on.surrogate(), twenty, grid).warnings();
            assertEquals(1, warned.size(), warned::toString);
            assertTrue(warned.get(0).startsWith("phi [1.0]: ") && warned.get(0).contains("500 reference events")
                    && warned.get(0).contains("enough for 5 events") && warned.get(0).contains("found 20")
                    && warned.get(0).contains("about 0.20 sd"), warned.get(0));
            List<String> pooled = rp.posterior(on.surrogate(), List.of(five, observation(5, 4)), grid,
                    Cancellation.none()).warnings();
            assertEquals(1, pooled.size(), pooled::toString);
            assertTrue(pooled.get(0).contains("found 10"), pooled.get(0));
            assertEquals(List.of(), rp.posterior(off.surrogate(), twenty, grid).warnings(), "no table, no warning");
            double[] sums = new double[rp.posteriorGrid(grid).size()];
            List<String> fromSums = rp.posteriorFromSums(on.surrogate(), List.of(new PosteriorResult.Experiment(20,
                    new double[] {1})), sums, grid).warnings();
            assertEquals(warned, fromSums, "a posterior from a cluster's sums warns alike");
        }
    }

    private static Observation observation(int events, long seed) {
        return new Observation(TOY.simulate(new double[] {0.3}, new double[] {1}, events, new SplittableRandom(seed)),
                new double[] {1});
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
