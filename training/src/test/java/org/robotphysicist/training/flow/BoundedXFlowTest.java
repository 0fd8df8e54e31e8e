package org.robotphysicist.training.flow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.prior.UniformBoxPrior;
import org.robotphysicist.data.simulator.WeinbergLoSimulator;
import org.robotphysicist.data.testing.StatisticalAssertions;
import org.robotphysicist.models.RangePolicy;
import org.robotphysicist.models.file.LoadOptions;
import org.robotphysicist.models.flow.FlowSpec;
import org.robotphysicist.models.flow.TrainedFlow;
import org.robotphysicist.training.LearningRateSchedule;
import org.robotphysicist.training.TrainingLoopConfig;
import org.robotphysicist.training.data.ParameterSampler;
import org.robotphysicist.training.device.DeviceRequest;

/**
 * A flow trained on a simulator with a bounded x (Weinberg LO: cos θ ∈ [−1, 1], at √s = 58 GeV,
 * sin²θ<sub>W</sub> ∈ [0.15, 0.35]; 20 000 rows, 6 epochs, MADE 2 × 32) is bounded to that support:
 * the spec carries [−1, 1] through its file, exp(log p̂) integrates to 1 within
 * {@value #NORMALIZATION_TOLERANCE} over [−1, 1] (trapezoid rule, {@value #GRID} nodes), log p̂ is
 * −∞ outside, and every one of 20 000 samples lies inside.
 */
class BoundedXFlowTest {
    static final double NORMALIZATION_TOLERANCE = 1e-3;
    static final int GRID = 20_001;
    private static final double[] THETA = {0.2312};
    private static final double[] PHI = {58};

    @TempDir
    Path dir;

    private static TrainedFlow train(FlowSpec spec) {
        TrainingLoopConfig training = TrainingLoopConfig.defaults().withBatchSize(1024).withMaxEpochs(6)
                .withLearningRate(5e-3, LearningRateSchedule.cosine(0.05)).withValidation(0.1, 0).withSeed(31)
                .withDevice(DeviceRequest.CPU);
        return new FlowTrainer(new FlowTrainingConfig(spec, 20_000, 1, 29, training), ToyFlows.PRINT).train(
                new WeinbergLoSimulator(), ParameterSampler.of(UniformBoxPrior.interval(0.15, 0.35)),
                ParameterSampler.fixed(58));
    }

    private static FlowSpec spec(FlowSpec.Kind kind) {
        return kind == FlowSpec.Kind.MAF ? FlowSpec.maf(1, 2, 3, List.of(32, 32))
                : FlowSpec.nsf(1, 2, 2, List.of(32, 32), 8, 3.0);
    }

    @ParameterizedTest
    @EnumSource(FlowSpec.Kind.class)
    void aFlowOnWeinbergPutsAllItsProbabilityInsideMinusOneToOne(FlowSpec.Kind kind) {
        Path path = dir.resolve(kind + ".rpm");
        try (TrainedFlow flow = train(spec(kind))) {
            assertEquals(Box.interval(-1, 1), flow.spec().xSupport(), "the flow's support is the simulator's");
            double integral = integralOverMinusOneToOne(flow);
            System.out.printf("bounded %s on Weinberg LO at 58 GeV: integral of p over [-1, 1] = %.6f%n", kind,
                    integral);
            StatisticalAssertions.assertClose(kind + " integral of p(x | theta, phi) over [-1, 1]", 1.0, integral,
                    NORMALIZATION_TOLERANCE);

            Matrix draws = flow.sample(20_000, THETA, PHI, new SplittableRandom(5));
            for (double v : draws.toArray()) {
                assertTrue(v >= -1 && v <= 1, kind + " sample outside [-1, 1]: " + v);
            }
            try (TrainedFlow warn = flow.copyWithRangePolicy(RangePolicy.WARN)) {
                double[] outside = warn.logLikelihood(Matrix.ofColumn(-1.01, 1.2),
                        Matrix.ofColumn(THETA[0], THETA[0]), Matrix.ofColumn(PHI[0], PHI[0]));
                assertArrayEquals(new double[] {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY}, outside,
                        "log p outside [-1, 1]");
            }
            flow.save(path);
            Matrix x = Matrix.ofColumn(-1, -0.5, 0, 0.999, 1);
            try (TrainedFlow loaded = TrainedFlow.load(path, LoadOptions.defaults())) {
                assertEquals(flow.spec(), loaded.spec(), "the support travels in the model file");
                Matrix th = Matrix.repeatRow(THETA, 5);
                Matrix ph = Matrix.repeatRow(PHI, 5);
                assertArrayEquals(flow.logLikelihood(x, th, ph), loaded.logLikelihood(x, th, ph));
            }
        }
    }

    private static double integralOverMinusOneToOne(TrainedFlow flow) {
        double h = 2.0 / (GRID - 1);
        double[] xs = new double[GRID];
        for (int i = 0; i < GRID; i++) {
            xs[i] = -1 + h * i;
        }
        double[] logP = flow.logLikelihood(Matrix.of(GRID, 1, xs), Matrix.repeatRow(THETA, GRID),
                Matrix.repeatRow(PHI, GRID));
        double sum = 0;
        for (int i = 0; i < GRID; i++) {
            sum += (i == 0 || i == GRID - 1 ? 0.5 : 1.0) * h * Math.exp(logP[i]);
        }
        return sum;
    }

    @Test
    void aSupportThatDoesNotContainTheSimulatorsIsRefused() {
        FlowSpec narrow = spec(FlowSpec.Kind.NSF).withXSupport(Box.interval(-0.5, 1));
        var e = assertThrows(InvalidInputException.class, () -> train(narrow));
        assertTrue(e.getMessage().contains("expected a support containing the simulator's Box[[-1.0, 1.0]]"),
                e.getMessage());
    }
}
