package org.robotphysicist.training.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.io.Json;
import org.robotphysicist.data.prior.UniformBoxPrior;
import org.robotphysicist.data.simulator.WeinbergLoSimulator;
import org.robotphysicist.models.file.TrainedRanges;
import org.robotphysicist.models.flow.FlowSpec;
import org.robotphysicist.training.LearningRateSchedule;
import org.robotphysicist.training.TrainingLoopConfig;
import org.robotphysicist.training.data.ParameterSampler;
import org.robotphysicist.training.data.SimulatedTrainingSet;
import org.robotphysicist.training.device.DeviceRequest;

/**
 * The flow trainer's score weight: validated, kept through JSON (absent in older JSON: 0), and
 * refused where there are no joint scores — a simulator that returns none, given events without
 * them, or events read block by block. (What the regression does, from a simulator and on given
 * events with their scores, is checked in {@code ScoreRegressionTest}.)
 */
class FlowScoreWeightTest {
    private static final Box THETA = Box.interval(0.15, 0.35);
    private static final Box SQRT_S = Box.interval(76, 92);

    /** A small NSF on 30 000 rows, 8 epochs; CPU. */
    private static FlowTrainingConfig config(double scoreWeight) {
        TrainingLoopConfig training = TrainingLoopConfig.defaults().withBatchSize(512).withMaxEpochs(8)
                .withLearningRate(5e-3, LearningRateSchedule.cosine(0.05)).withValidation(0.1, 0).withSeed(3)
                .withDevice(DeviceRequest.CPU);
        return new FlowTrainingConfig(FlowSpec.nsf(1, 2, 2, List.of(32, 32), 8, 2.5), 30_000, 1, 17, training,
                scoreWeight);
    }

    @Test
    void aScoreWeightNeedsJointScoresFromTheSimulatorOrBesideTheGivenEvents() {
        FlowTrainingConfig scored = config(1).withData(2000, 1, 1);
        var noScores = new CorrelatedGaussianSimulator();
        var dims = noScores.dimensions();
        var e = assertThrows(InvalidInputException.class, () -> new FlowTrainer(scored.withNetwork(
                FlowSpec.nsf(dims.xDim(), dims.thetaDim() + dims.phiDim(), 2, List.of(8), 8, 2.5)), null)
                .train(noScores, ParameterSampler.of(new UniformBoxPrior(noScores.thetaDomain())),
                        ParameterSampler.of(new UniformBoxPrior(noScores.phiDomain()))));
        assertTrue(e.getMessage().contains("joint scores") && e.getMessage().contains(noScores.name()), e.getMessage());

        WeinbergLoSimulator sim = new WeinbergLoSimulator();
        var data = SimulatedTrainingSet.joint(sim, ParameterSampler.of(new UniformBoxPrior(THETA)),
                ParameterSampler.of(new UniformBoxPrior(SQRT_S)), 2000, 1, new SplittableRandom(1));
        var files = assertThrows(InvalidInputException.class, () -> new FlowTrainer(scored, null).trainOn(
                sim.dimensions(), sim.xSupport(), data, new TrainedRanges(THETA, SQRT_S, sim.xSupport()), Map.of(),
                Map.of()));
        assertTrue(files.getMessage().contains("expected each event's joint score beside it")
                && files.getMessage().contains("rp simulate --joint-scores"), files.getMessage());
        var misfit = assertThrows(org.robotphysicist.data.DimensionMismatchException.class, () -> new FlowTrainer(
                scored, null).trainOn(sim.dimensions(), sim.xSupport(), data, org.robotphysicist.data.Matrix.of(3, 1,
                new double[3]), new TrainedRanges(THETA, SQRT_S, sim.xSupport()), Map.of(), Map.of()));
        assertTrue(misfit.getMessage().contains("joint scores"), misfit.getMessage());
    }

    @Test
    void theScoreWeightIsValidatedAndRoundTripsThroughJson() {
        FlowTrainingConfig c = config(2.5);
        assertEquals(c, Json.read(Json.write(c), FlowTrainingConfig.class, "flow training config"));
        assertEquals(0.0, config(0).scoreWeight());
        assertTrue(c.regressesScores());
        for (double bad : new double[] {-0.1, Double.NaN, Double.POSITIVE_INFINITY}) {
            var e = assertThrows(InvalidInputException.class, () -> config(bad));
            assertTrue(e.getMessage().contains("score weight") && e.getMessage().contains(String.valueOf(bad)),
                    e.getMessage());
        }
        String withoutWeight = Json.write(config(0)).replaceAll(",?\\s*\"scoreWeight\"\\s*:\\s*0\\.0", "");
        assertTrue(!withoutWeight.contains("scoreWeight"), withoutWeight);
        assertEquals(config(0), Json.read(withoutWeight, FlowTrainingConfig.class, "flow training config"),
                "a configuration written before the score weight existed");
    }
}
