package org.robotphysicist.engine.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.prior.NormalPrior;
import org.robotphysicist.data.simulator.ToyGaussianSimulator;
import org.robotphysicist.engine.posterior.Observation;
import org.robotphysicist.engine.posterior.diagnostics.CertificationConfig;
import org.robotphysicist.engine.surrogate.SequentialTraining;
import org.robotphysicist.engine.surrogate.SequentialTrainingConfig;
import org.robotphysicist.engine.surrogate.SurrogateTrainingConfig;
import org.robotphysicist.models.ExactLikelihood;
import org.robotphysicist.models.file.TrainedSurrogate;

/**
 * {@link RobotPhysicist#trainSequential} on the toy Gaussian x ~ N(μ, 0.5), μ ~ U(−2, 2), for 25
 * events at μ* = 0.7 (exact posterior sd 0.14): an NSF of 2 × 32 trained in 3 rounds of 1 000
 * simulations through the registry, each round a fresh network (the default continuation). Its
 * posterior must agree with the exact one (mean within 0.5 exact sd, sd within 25%: a surrogate that had learned the proposal along with the likelihood
 * would count the posterior twice and be about 29% narrower), later rounds must simulate near the
 * posterior, and every round's rows must be on disk.
 */
class SequentialTrainingApiTest {
    private static final ToyGaussianSimulator TOY = new ToyGaussianSimulator();

    @TempDir
    Path dir;

    private static Observation observation() {
        double[] x = new double[25];
        TOY.draw(new double[] {0.7}, new double[] {0.5}, x.length, new SplittableRandom(11), x);
        return new Observation(Matrix.of(x.length, 1, x), new double[] {0.5});
    }

    private static RobotPhysicist engine() {
        return RobotPhysicist.forSimulator(TOY).prior(Box.interval(-2, 2)).settings(0.5);
    }

    private static TrainOptions nsf() {
        return TrainOptions.defaults("nsf").withControls(SurrogateTrainingConfig.of(3_000, 60, 5)
                .withOptimizer(100, 1e-3).withNetwork(2, 32).withValidation(0.1, 15));
    }

    private static SequentialTrainingConfig threeRounds() {
        return SequentialTrainingConfig.defaults(3, 3_000, 7);
    }

    @Test
    void theSequentialPosteriorMatchesTheExactOneAndEveryRoundIsOnDisk() throws Exception {
        RobotPhysicist rp = engine();
        Observation obs = observation();
        PosteriorOptions grid = PosteriorOptions.defaults();
        PosteriorResult exact = rp.posterior(new ExactLikelihood(TOY), obs, grid);
        try (SequentialModel model = rp.trainSequential(List.of(obs), nsf(), threeRounds(), dir.resolve("rounds"))) {
            PosteriorResult learned = rp.posterior(model.model().surrogate(), obs, grid);
            double exactMean = exact.summary().mean()[0];
            double exactSd = exact.summary().standardDeviation()[0];
            double mean = learned.summary().mean()[0];
            double sd = learned.summary().standardDeviation()[0];
            assertTrue(Math.abs(mean - exactMean) < 0.5 * exactSd, "posterior mean " + mean + " should lie within 0.5"
                    + " sd of the exact " + exactMean + " (sd " + exactSd + ")");
            assertTrue(Math.abs(sd / exactSd - 1) < 0.25, "posterior sd " + sd + " should lie within 25% of the exact "
                    + exactSd);
            List<SequentialTraining.Round> rounds = model.rounds();
            assertEquals(3, rounds.size());
            for (int r = 1; r < 3; r++) {
                assertTrue(rounds.get(r).thetaSd()[0] < 0.3, "round " + (r + 1) + " draws theta near the posterior:"
                        + " sd " + rounds.get(r).thetaSd()[0]);
            }
            assertEquals(3, model.files().size());
            for (Path f : model.files()) {
                assertTrue(Files.isRegularFile(f), f.toString());
            }
            assertTrue(model.model().description().contains("trained sequentially in 3 rounds of 1000 simulations for"
                    + " 1 experiment(s) of 25 events"), model.model().description());
        }
    }

    /**
     * A normal prior trains as {@link RobotPhysicist#train} does: round 1's θ from the prior within
     * μ ± 5σ, which is the model's θ range.
     */
    @Test
    void aNormalPriorTrainsOverItsWorkingRangeAsOneRoundTrainingDoes() {
        RobotPhysicist rp = RobotPhysicist.forSimulator(TOY).prior(NormalPrior.of(0.5, 0.5)).settings(0.5);
        try (SequentialModel model = rp.trainSequential(List.of(observation()), TrainOptions.defaults("nsf")
                .withControls(SurrogateTrainingConfig.of(1_000, 2, 5).withNetwork(1, 8)),
                SequentialTrainingConfig.defaults(2, 400, 3), dir.resolve("normal"))) {
            TrainedSurrogate s = (TrainedSurrogate) model.model().surrogate();
            assertEquals(Box.interval(-2, 3), s.thetaRange(), "mu +- 5 sd");
            assertTrue(model.rounds().get(0).thetaFrom().contains("truncated"), model.rounds().get(0).thetaFrom());
        }
    }

    @Test
    void badRequestsAreRefusedNamingWhatWasExpected() {
        RobotPhysicist rp = engine();
        List<Observation> obs = List.of(observation());
        Path rounds = dir.resolve("r");
        InvalidInputException certified = assertThrows(InvalidInputException.class, () -> rp.trainSequential(obs,
                nsf().withCertification(CertificationConfig.defaults(25)), threeRounds(), rounds));
        assertTrue(certified.getMessage().contains("expected no certification"), certified.getMessage());
        InvalidInputException histogram = assertThrows(InvalidInputException.class, () -> rp.trainSequential(obs,
                TrainOptions.defaults("histogram"), threeRounds(), rounds));
        assertTrue(histogram.getMessage().contains("expected a trained kind with a single network")
                && histogram.getMessage().contains("'histogram'"), histogram.getMessage());
        InvalidInputException ensemble = assertThrows(InvalidInputException.class, () -> rp.trainSequential(obs,
                nsf().withEnsemble(2), threeRounds(), rounds));
        assertTrue(ensemble.getMessage().contains("ensemble of 2"), ensemble.getMessage());
        InvalidInputException scored = assertThrows(InvalidInputException.class, () -> rp.trainSequential(obs,
                nsf().withScoreWeight(1), threeRounds(), rounds));
        assertTrue(scored.getMessage().contains("sequential training with score weight 1.0: expected a simulator that"
                + " returns joint scores but found '" + TOY.name() + "'"), scored.getMessage());
        InvalidInputException outside = assertThrows(InvalidInputException.class, () -> rp.trainSequential(
                List.of(new Observation(observation().events(), new double[] {0.9})), nsf(), threeRounds(), rounds));
        assertTrue(outside.getMessage().contains("inside the settings") && outside.getMessage().contains("[0.9]"),
                outside.getMessage());
        InvalidInputException none = assertThrows(InvalidInputException.class, () -> rp.trainSequential(List.of(),
                nsf(), threeRounds(), rounds));
        assertTrue(none.getMessage().contains("at least one observation"), none.getMessage());
    }
}
