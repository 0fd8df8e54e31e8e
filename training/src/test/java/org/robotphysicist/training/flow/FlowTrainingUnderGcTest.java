package org.robotphysicist.training.flow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.models.file.NamedParameters;
import org.robotphysicist.models.flow.ConditionalFlow;
import org.robotphysicist.models.flow.FlowSpec;
import org.robotphysicist.models.neural.AlignedArrays;
import org.robotphysicist.training.GarbageCollectorPressure;
import org.robotphysicist.training.LearningRateSchedule;
import org.robotphysicist.training.ProgressListener;
import org.robotphysicist.training.TrainingLoop;
import org.robotphysicist.training.TrainingLoopConfig;
import org.robotphysicist.training.TrainingLoopResult;
import org.robotphysicist.training.device.DeviceRequest;

/**
 * A regression test for native-memory lifetimes in the flows: while a thread forces garbage
 * collections every few milliseconds (and the test calls {@code System.gc()} between forward and
 * backward passes), gradients of the negative log-likelihood are finite and identical across two
 * seeded runs, and so are the losses and parameters of two seeded trainings. (DJL's
 * number-operand operations free the scalar tensor that autograd keeps; gradients then read freed
 * memory and vary from run to run, or turn NaN, when the collector runs.)
 */
class FlowTrainingUnderGcTest {

    private static FlowSpec spec(FlowSpec.Kind kind) {
        return kind == FlowSpec.Kind.MAF ? FlowSpec.maf(3, 2, 3, List.of(24, 24))
                : FlowSpec.nsf(3, 2, 2, List.of(24, 24), 6, 2.0);
    }

    /** Rows [x (3) | context (2)], x correlated with the context. */
    private static Matrix table(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] rows = new double[n * 5];
        for (int i = 0; i < n; i++) {
            double a = rng.nextGaussian();
            double b = rng.nextGaussian();
            rows[i * 5] = a + 0.5 * rng.nextGaussian();
            rows[i * 5 + 1] = rows[i * 5] * b + rng.nextGaussian();
            rows[i * 5 + 2] = 1.5 * rng.nextGaussian() - a;
            rows[i * 5 + 3] = a;
            rows[i * 5 + 4] = b;
        }
        return Matrix.of(n, 5, rows);
    }

    /** The gradient of every parameter after one backward pass on a fresh flow, GC between the passes. */
    private static List<float[]> gradients(FlowSpec spec, Matrix table) {
        List<float[]> out = new ArrayList<>();
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            ConditionalFlow flow = spec.build();
            flow.initializeParameters(m, DataType.FLOAT32, new SplittableRandom(12), 1.0);
            try (NDManager step = m.newSubManager();
                    GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray rows = AlignedArrays.of(step, table.toFloatArray(), new Shape(table.rows(), table.cols()));
                NDArray loss = flow.meanNegativeLogLikelihood(new ParameterStore(step, false), rows, true);
                System.gc();
                System.runFinalization();
                System.gc();
                gc.backward(loss);
            }
            for (var p : flow.getParameters()) {
                out.add(p.getValue().getArray().getGradient().toFloatArray());
            }
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(FlowSpec.Kind.class)
    void gradientsAndTrainingAreReproducibleWhileTheGarbageCollectorRuns(FlowSpec.Kind kind) {
        FlowSpec spec = spec(kind);
        Matrix table = table(4000, 5);
        try (GarbageCollectorPressure pressure = GarbageCollectorPressure.start()) {
            List<float[]> first = gradients(spec, table.rowRange(0, 512));
            List<float[]> second = gradients(spec, table.rowRange(0, 512));
            for (int t = 0; t < first.size(); t++) {
                for (float g : first.get(t)) {
                    assertTrue(Float.isFinite(g), kind + " gradient of parameter " + t + " is " + g);
                }
                assertArrayEquals(first.get(t), second.get(t), kind + " gradient of parameter " + t
                        + " differs between two identical passes");
            }
            String[] hashes = new String[2];
            double[][] losses = new double[2][];
            for (int k = 0; k < 2; k++) {
                try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
                    ConditionalFlow flow = spec.build();
                    flow.initializeParameters(m, DataType.FLOAT32, new SplittableRandom(12));
                    TrainingLoopConfig config = TrainingLoopConfig.defaults().withBatchSize(256).withMaxEpochs(2)
                            .withLearningRate(3e-3, LearningRateSchedule.cosine(0.1)).withValidation(0.1, 0)
                            .withSeed(21).withDevice(DeviceRequest.CPU);
                    TrainingLoopResult r = new TrainingLoop(config, ProgressListener.none()).fit(
                            new FlowLikelihoodObjective(flow), table);
                    hashes[k] = NamedParameters.of(flow).sha256();
                    losses[k] = r.curve().epochs().stream()
                            .flatMapToDouble(e -> java.util.stream.DoubleStream.of(e.trainLoss(), e.validationLoss()))
                            .toArray();
                }
            }
            for (double l : losses[0]) {
                assertTrue(Double.isFinite(l), kind + " loss " + l);
            }
            assertArrayEquals(losses[0], losses[1], kind + " training and validation losses of two identical runs");
            assertEquals(hashes[0], hashes[1], kind + " parameter SHA-256 of two identical runs under GC pressure");
        }
    }
}
