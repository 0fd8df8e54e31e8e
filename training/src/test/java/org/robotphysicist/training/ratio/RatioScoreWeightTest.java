package org.robotphysicist.training.ratio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.io.Json;
import org.robotphysicist.data.prior.UniformBoxPrior;
import org.robotphysicist.data.simulator.ToyGaussianSimulator;
import org.robotphysicist.data.simulator.WeinbergLoSimulator;
import org.robotphysicist.models.file.TrainedRanges;
import org.robotphysicist.models.ratio.RatioForm;
import org.robotphysicist.training.data.ParameterSampler;
import org.robotphysicist.training.data.SimulatedTrainingSet;

/**
 * The classifier trainer's score weight: validated, kept through JSON (absent in older JSON: 0),
 * only for the likelihood-to-evidence form, and refused where there are no joint scores. (What the
 * regression does is checked in {@code ScoreRegressionTest}.)
 */
class RatioScoreWeightTest {

    @Test
    void theScoreWeightIsValidatedAndRoundTripsThroughJson() {
        RatioTrainingConfig c = RatioTrainingConfig.defaults().withScoreWeight(3);
        assertEquals(c, Json.read(Json.write(c), RatioTrainingConfig.class, "ratio training config"));
        assertTrue(c.regressesScores() && !RatioTrainingConfig.defaults().regressesScores());
        String older = Json.write(RatioTrainingConfig.defaults()).replaceAll(",?\\s*\"scoreWeight\"\\s*:\\s*0\\.0", "");
        assertTrue(!older.contains("scoreWeight"), older);
        assertEquals(RatioTrainingConfig.defaults(), Json.read(older, RatioTrainingConfig.class, "ratio training config"),
                "a configuration written before the score weight existed");
        for (double bad : new double[] {-1, Double.NaN}) {
            var e = assertThrows(InvalidInputException.class, () -> RatioTrainingConfig.defaults().withScoreWeight(bad));
            assertTrue(e.getMessage().contains("score weight") && e.getMessage().contains(String.valueOf(bad)),
                    e.getMessage());
        }
        var form = assertThrows(InvalidInputException.class, () -> RatioTrainingConfig.defaults()
                .withForm(RatioForm.reference(0.2)).withScoreWeight(1));
        assertTrue(form.getMessage().contains("likelihood-to-evidence"), form.getMessage());
    }

    @Test
    void aScoreWeightNeedsJointScoresFromTheSimulatorOrBesideTheGivenEvents() {
        RatioTrainingConfig scored = RatioTrainingConfig.defaults().withData(2000, 1, 1).withScoreWeight(1);
        ToyGaussianSimulator noScores = new ToyGaussianSimulator();
        var e = assertThrows(InvalidInputException.class, () -> new RatioClassifierTrainer(scored, null).train(noScores,
                ParameterSampler.of(new UniformBoxPrior(Box.interval(-1, 1))),
                ParameterSampler.of(new UniformBoxPrior(Box.interval(0.5, 2)))));
        assertTrue(e.getMessage().contains("joint scores") && e.getMessage().contains(noScores.name()), e.getMessage());

        WeinbergLoSimulator sim = new WeinbergLoSimulator();
        Box theta = Box.interval(0.15, 0.35);
        Box sqrtS = Box.interval(76, 92);
        var data = SimulatedTrainingSet.joint(sim, ParameterSampler.of(new UniformBoxPrior(theta)),
                ParameterSampler.of(new UniformBoxPrior(sqrtS)), 2000, 1, new SplittableRandom(1));
        var files = assertThrows(InvalidInputException.class, () -> new RatioClassifierTrainer(scored, null).trainOn(
                sim.dimensions(), data, new TrainedRanges(theta, sqrtS, sim.xSupport()), Map.of(), Map.of()));
        assertTrue(files.getMessage().contains("expected each event's joint score beside it")
                && files.getMessage().contains("rp simulate --joint-scores"), files.getMessage());
        var misfit = assertThrows(org.robotphysicist.data.DimensionMismatchException.class, () ->
                new RatioClassifierTrainer(scored, null).trainOn(sim.dimensions(), data,
                        org.robotphysicist.data.Matrix.of(3, 1, new double[3]), new TrainedRanges(theta, sqrtS,
                                sim.xSupport()), Map.of(), Map.of()));
        assertTrue(misfit.getMessage().contains("joint scores"), misfit.getMessage());
    }
}
