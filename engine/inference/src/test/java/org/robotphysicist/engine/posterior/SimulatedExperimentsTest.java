package org.robotphysicist.engine.posterior;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.DimensionMismatchException;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.compute.Cancellation;
import org.robotphysicist.data.simulator.Experiment;
import org.robotphysicist.models.ExactLikelihood;

/**
 * {@link PosteriorEvaluator#simulateAndSum}'s default: the experiments it runs are those the same
 * streams give when run one by one, and their sums are one many-dataset call's; an experiment
 * without events gets no sums; bad requests are refused naming what was expected.
 */
class SimulatedExperimentsTest {
    private static final IsotropicGaussianSimulator SIM = new IsotropicGaussianSimulator(1);
    private static final double[] PHI = {1.0};

    private static List<SplittableRandom> streams(long seed, int k) {
        SplittableRandom root = new SplittableRandom(seed);
        List<SplittableRandom> out = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            out.add(root.split());
        }
        return out;
    }

    @Test
    void theExperimentsAreThoseOfTheirStreamsAndTheSumsThoseOfOneManyDatasetCall() {
        PosteriorEvaluator evaluator = PosteriorEvaluator.forSurrogate(new ExactLikelihood(SIM));
        Matrix thetas = Matrix.ofRows(new double[] {-0.5}, new double[] {0.2}, new double[] {1.1});
        Matrix grid = Matrix.ofRows(new double[] {-1}, new double[] {0}, new double[] {1});
        Experiment experiment = new Experiment.FixedEventCount(30);
        SimulatedSums got = evaluator.simulateAndSum(new SimulatedExperiments(SIM, experiment, thetas, PHI,
                streams(5, 3), Cancellation.none()), grid);
        List<Matrix> expected = new ArrayList<>();
        List<SplittableRandom> copies = streams(5, 3);
        for (int k = 0; k < 3; k++) {
            expected.add(experiment.run(SIM, thetas.row(k), PHI, copies.get(k)));
        }
        double[][] sums = evaluator.logLikelihoodSums(expected, grid, PHI);
        for (int k = 0; k < 3; k++) {
            assertArrayEquals(sums[k], got.sums()[k], "sums of experiment " + k);
        }
        assertArrayEquals(new int[] {30, 30, 30}, got.events());

        SimulatedSums withEmpty = SimulatedSums.of(evaluator, List.of(expected.get(0), Matrix.of(0, 1,
                new double[0]), expected.get(2)), grid, PHI);
        assertArrayEquals(new int[] {30, 0, 30}, withEmpty.events());
        assertNull(withEmpty.sums()[1], "an experiment without events has no sums");
        assertArrayEquals(sums[2], withEmpty.sums()[2], "the empty experiment does not shift the others");
    }

    @Test
    void badRequestsAreRefusedNamingWhatWasExpected() {
        Matrix thetas = Matrix.ofRows(new double[] {0.0}, new double[] {0.3});
        Experiment experiment = new Experiment.FixedEventCount(10);
        var e = assertThrows(InvalidInputException.class, () -> new SimulatedExperiments(SIM, experiment, thetas, PHI,
                streams(1, 3), Cancellation.none()));
        assertTrue(e.getMessage().contains("expected one random stream per theta (2) but found 3"), e.getMessage());
        assertThrows(DimensionMismatchException.class, () -> new SimulatedExperiments(SIM, experiment, thetas,
                new double[] {1, 2}, streams(1, 2), Cancellation.none()));
        assertThrows(DimensionMismatchException.class, () -> new SimulatedExperiments(SIM, experiment,
                Matrix.ofRows(new double[] {0, 1}), PHI, streams(1, 1), Cancellation.none()));
        assertThrows(InvalidInputException.class, () -> new SimulatedExperiments(SIM, experiment,
                Matrix.of(0, 1, new double[0]), PHI, List.of(), Cancellation.none()));
    }
}
