package org.robotphysicist.engine.posterior;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.prior.UniformBoxPrior;
import org.robotphysicist.models.file.LoadOptions;
import org.robotphysicist.models.neural.ActivationFunction;
import org.robotphysicist.models.ratio.ParameterizedRatioClassifier;
import org.robotphysicist.models.ratio.SplitMlpGridEvaluator;
import org.robotphysicist.training.LearningRateSchedule;
import org.robotphysicist.training.TrainingLoopConfig;
import org.robotphysicist.training.data.ParameterSampler;
import org.robotphysicist.training.device.DeviceRequest;
import org.robotphysicist.training.ratio.RatioClassifierTrainer;
import org.robotphysicist.training.ratio.RatioTrainingConfig;

/**
 * A normalized classifier over a 10-D θ (x ~ N(θ, I₁₀), θ ~ U(−1, 1)¹⁰) trains, saves, loads and
 * gives a posterior on a small point set: the normalization table has the box's 2¹⁰ corners (a
 * 65-node grid per dimension would be 65¹⁰ ≈ 1.3·10¹⁸ points and was refused), the split
 * evaluator and the row-by-row path agree after loading, and the log-likelihood sums of 200 events
 * (clipped to ±3) at θ* = 0 and at points 0.8 away along each axis are finite and depend on θ.
 * Small sizes (20 000 rows, 3 epochs, K = 2000) keep it to seconds; accuracy at 10-D is not what is
 * tested (this network is far from converged).
 */
class TenDimensionalClassifierTest {
    private static final int DIM = 10;

    @TempDir
    Path dir;

    @Test
    void tenDimensionalThetaTrainsSavesLoadsAndGivesAPosterior() {
        IsotropicGaussianSimulator sim = new IsotropicGaussianSimulator(DIM);
        double[] lo = new double[DIM];
        double[] hi = new double[DIM];
        Arrays.fill(lo, -1);
        Arrays.fill(hi, 1);
        UniformBoxPrior prior = new UniformBoxPrior(new Box(lo, hi));
        double[] phi = {1.0};
        TrainingLoopConfig training = TrainingLoopConfig.defaults().withBatchSize(512).withMaxEpochs(3)
                .withLearningRate(2e-3, LearningRateSchedule.cosine(0.05)).withValidation(0.1, 0).withSeed(3)
                .withDevice(DeviceRequest.CPU);
        RatioTrainingConfig config = RatioTrainingConfig.defaults().withNetwork(List.of(64, 64), ActivationFunction.SILU)
                .withData(20_000, 1, 4).withTraining(training)
                .withNormalization(RatioTrainingConfig.Normalization.of(2000));
        // Clipped to ±3 so that no event falls outside the x range the classifier saw in training.
        double[] x = sim.simulate(new double[DIM], phi, 200, new SplittableRandom(5)).toArray();
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.max(-3, Math.min(3, x[i]));
        }
        Matrix events = Matrix.of(200, DIM, x);
        double[] points = new double[(1 + 2 * DIM) * DIM];
        for (int d = 0; d < DIM; d++) {
            points[(1 + 2 * d) * DIM + d] = 0.8;
            points[(2 + 2 * d) * DIM + d] = -0.8;
        }
        Matrix thetas = Matrix.of(1 + 2 * DIM, DIM, points);
        Path file = dir.resolve("ten.rpm");
        double[] before;
        try (ParameterizedRatioClassifier c = new RatioClassifierTrainer(config, null).train(sim,
                ParameterSampler.of(prior), ParameterSampler.fixed(phi))) {
            assertEquals(1024, c.normalization().grid().size(), "the normalization table holds the 2^10 corners");
            before = c.summedLogLikelihood(events, thetas, phi);
            c.save(file);
        }
        try (ParameterizedRatioClassifier back = ParameterizedRatioClassifier.load(file, LoadOptions.defaults())) {
            assertArrayEquals(before, back.summedLogLikelihood(events, thetas, phi), 1e-9,
                    "the loaded classifier gives the same sums");
            double[] split = SplitMlpGridEvaluator.automatic(back).logLikelihoodSums(events, thetas, phi);
            assertArrayEquals(before, split, 1e-5 * events.rows(), "the split evaluator agrees");
            for (int j = 0; j < before.length; j++) {
                assertTrue(Double.isFinite(before[j]), "log-likelihood sum at point " + j + ": " + before[j]);
            }
            assertTrue(Arrays.stream(before).distinct().count() == before.length,
                    "the sums depend on theta: " + Arrays.toString(before));
        }
    }
}
