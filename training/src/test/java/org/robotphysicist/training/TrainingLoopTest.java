package org.robotphysicist.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.robotphysicist.data.testing.StatisticalAssertions.assertClose;
import static org.robotphysicist.data.testing.StatisticalAssertions.assertRelativelyClose;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.DimensionMismatchException;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.io.Json;
import org.robotphysicist.models.file.NamedParameters;
import org.robotphysicist.models.neural.ActivationFunction;
import org.robotphysicist.models.neural.Mlp;
import org.robotphysicist.models.neural.MlpSpec;
import org.robotphysicist.training.device.DeviceRequest;
import org.robotphysicist.training.ratio.ReferenceRatioObjective;

class TrainingLoopTest {

    /** loss = mean(w · c) over rows of a constant column c = 1: the gradient is exactly 1 every step. */
    private record ConstantGradient(Block block) implements TrainingObjective {
        @Override
        public int columns() {
            return 1;
        }

        @Override
        public NDArray loss(ParameterStore parameters, NDArray batch, boolean training, SplittableRandom rng) {
            return block.forward(parameters, new NDList(batch), training).singletonOrThrow().mean();
        }

        @Override
        public String name() {
            return "constant-gradient";
        }
    }

    /** One weight w = 1, no bias, its parameters owned by {@code m}: the loss {@link ConstantGradient} drives. */
    private static Linear unitWeight(NDManager m) {
        Linear linear = Linear.builder().setUnits(1).optBias(false).build();
        linear.setInitializer(Initializer.ONES, Parameter.Type.WEIGHT);
        linear.initialize(m, DataType.FLOAT32, new Shape(1, 1));
        return linear;
    }

    private static TrainingLoopConfig config(int batch, int epochs, double lr, double validation, int patience, long seed) {
        return TrainingLoopConfig.defaults().withBatchSize(batch).withMaxEpochs(epochs)
                .withLearningRate(lr, LearningRateSchedule.constant()).withValidation(validation, patience)
                .withSeed(seed).withDevice(DeviceRequest.CPU);
    }

    /**
     * With gradients zeroed every step, Adam on a constant gradient g = 1 moves the weight by
     * exactly the learning rate per step (m̂ = 1, v̂ = 1), so after K steps w = w₀ − K·η; were
     * gradients accumulated (g = t at step t), each step would be shorter by up to ≈ 3.5%.
     */
    @Test
    void gradientsAreZeroedEveryStep() {
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            Linear linear = unitWeight(m);
            double[] ones = new double[64];
            java.util.Arrays.fill(ones, 1);
            double lr = 1e-3;
            TrainingLoopResult r = new TrainingLoop(config(8, 5, lr, 0, 0, 1), ProgressListener.none())
                    .fit(new ConstantGradient(linear), Matrix.ofColumn(ones));
            int steps = 5 * 8;
            double w = linear.getParameters().get(0).getValue().getArray().getFloat(0, 0);
            assertClose("weight after " + steps + " Adam steps of constant gradient", 1 - steps * lr, w, 1e-3 * lr);
            assertEquals(5, r.curve().epochs().size());
            assertClose("training loss of epoch 1 (the mean weight over its 8 steps)", 1 - 3.5 * lr,
                    r.curve().epochs().get(0).trainLoss(), 1e-6);
        }
    }

    /**
     * One row of 64 has a gradient 1000 times the others' (batch 1: loss = w · c, gradient c). Adam
     * folds that outlier into its second moment, v̂ ≈ 10⁶ · (1 − β₂), and its later steps shrink
     * about 30-fold; with the gradient norm clipped to 1 every step's gradient is exactly 1, so w moves
     * by exactly η per step as for a constant gradient, and each epoch's progress line counts the one
     * clipped step.
     */
    @Test
    void clippingTheGradientNormKeepsOneOutlierRowFromStallingAdam() {
        double[] column = new double[64];
        java.util.Arrays.fill(column, 1);
        column[17] = 1000;
        double lr = 1e-3;
        double constantGradient = 1 - 64 * lr;
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            Linear clipped = unitWeight(m);
            List<TrainingProgress> reports = new ArrayList<>();
            new TrainingLoop(config(1, 1, lr, 0, 0, 2).withGradientClip(1), reports::add)
                    .fit(new ConstantGradient(clipped), Matrix.ofColumn(column));
            double w = clipped.getParameters().get(0).getValue().getArray().getFloat(0, 0);
            assertClose("weight after 64 clipped Adam steps", constantGradient, w, 1e-3 * lr);
            String epochLine = reports.stream().filter(p -> p.stage() == TrainingProgress.Stage.EPOCH_END)
                    .findFirst().orElseThrow().message();
            assertTrue(epochLine.contains("gradient norm clipped to 1.00 in 1 of 64 steps"), epochLine);

            Linear unclipped = unitWeight(m);
            new TrainingLoop(config(1, 1, lr, 0, 0, 2), ProgressListener.none())
                    .fit(new ConstantGradient(unclipped), Matrix.ofColumn(column));
            double u = unclipped.getParameters().get(0).getValue().getArray().getFloat(0, 0);
            assertTrue(u - constantGradient > 20 * lr, "without clipping the outlier should stall Adam: weight "
                    + u + " against " + constantGradient + " for a constant gradient");
        }
        assertThrows(InvalidInputException.class, () -> config(1, 1, lr, 0, 0, 2).withGradientClip(-1));
    }

    /**
     * A budget of one nanosecond is used up during epoch 1 whatever the machine's speed, so the
     * loop stops after that epoch (of 5), keeps its parameters and says why.
     */
    @Test
    void aUsedUpTimeBudgetStopsAfterTheCurrentEpochAndSaysSo() {
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            Linear linear = unitWeight(m);
            double[] ones = new double[64];
            java.util.Arrays.fill(ones, 1);
            List<TrainingProgress> reports = new ArrayList<>();
            TrainingLoopResult r = new TrainingLoop(config(8, 5, 1e-3, 0.25, 0, 1).withTimeBudget(java.time.Duration.ofNanos(1)),
                    reports::add).fit(new ConstantGradient(linear), Matrix.ofColumn(ones));
            assertEquals(1, r.curve().epochs().size(), r.curve().stopReason());
            assertTrue(r.curve().stoppedOnTimeBudget(), r.curve().stopReason());
            assertTrue(r.curve().stopReason().contains("after epoch 1 of 5"), r.curve().stopReason());
            assertEquals(1, r.curve().bestEpoch());
            String finished = reports.get(reports.size() - 1).message();
            assertTrue(finished.contains("time budget"), finished);
            TrainingLoopResult unlimited = new TrainingLoop(config(8, 2, 1e-3, 0.25, 0, 1), ProgressListener.none())
                    .fit(new ConstantGradient(linear), Matrix.ofColumn(ones));
            assertTrue(!unlimited.curve().stoppedOnTimeBudget() && unlimited.curve().epochs().size() == 2,
                    unlimited.curve().stopReason());
        }
    }

    @Test
    void timeBudgetsParseAsWrittenAndRefuseNonsense() {
        assertEquals(java.time.Duration.ofSeconds(90), TimeBudgets.parse("90s"));
        assertEquals(java.time.Duration.ofMinutes(5), TimeBudgets.parse("5m"));
        assertEquals(java.time.Duration.ofMinutes(90), TimeBudgets.parse("1h30m"));
        assertEquals(java.time.Duration.ofMillis(250), TimeBudgets.parse("250ms"));
        assertEquals(java.time.Duration.ofSeconds(90), TimeBudgets.parse("PT90S"));
        assertEquals("1h30m", TimeBudgets.format(java.time.Duration.ofMinutes(90)));
        assertEquals("1m30s", TimeBudgets.format(java.time.Duration.ofSeconds(90)));
        for (String bad : new String[] {"", "soon", "-5s", "0s", "5", "PT0S", "PT-3S", "5 minutes"}) {
            var e = assertThrows(InvalidInputException.class, () -> TimeBudgets.parse(bad), bad);
            assertTrue(e.getMessage().contains("time budget") && e.getMessage().contains("expected"), e.getMessage());
        }
        assertThrows(InvalidInputException.class, () -> config(8, 1, 1e-3, 0, 0, 1)
                .withTimeBudget(java.time.Duration.ofSeconds(-1)));
    }

    /** Labels drawn at random: the network can only memorize, so validation loss rises and training stops early. */
    @Test
    void earlyStoppingRestoresTheBestEpoch() {
        SplittableRandom rng = new SplittableRandom(3);
        int n = 600;
        double[] rows = new double[n * 4];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) {
                rows[i * 4 + j] = rng.nextGaussian();
            }
            rows[i * 4 + 3] = rng.nextBoolean() ? 1 : 0;
        }
        List<TrainingProgress> reports = new ArrayList<>();
        try (Mlp mlp = Mlp.initialize(MlpSpec.of(3, 128, 2, 1, ActivationFunction.RELU), Device.cpu(), DataType.FLOAT32,
                new SplittableRandom(1))) {
            TrainingLoopResult r = new TrainingLoop(config(32, 60, 1e-2, 0.25, 3, 5), reports::add)
                    .fit(new ReferenceRatioObjective(mlp.block(), 3), Matrix.of(n, 4, rows));
            var curve = r.curve();
            assertTrue(curve.stopReason().startsWith("early stopping"), curve.stopReason());
            assertTrue(curve.epochs().size() < 60 && curve.bestEpoch() < curve.epochs().size(),
                    () -> "best epoch " + curve.bestEpoch() + " of " + curve.epochs().size());
            double best = curve.best().validationLoss();
            for (var e : curve.epochs()) {
                assertTrue(e.validationLoss() >= best, "epoch " + e.epoch() + " beats the kept epoch");
            }
            assertEquals(best, r.finalValidationLoss(), 1e-7,
                    "validation loss of the restored parameters equals the best epoch's");
            assertEquals(150, r.validationRows());
            assertEquals(TrainingProgress.Stage.STARTED, reports.get(0).stage());
            assertEquals(TrainingProgress.Stage.FINISHED, reports.get(reports.size() - 1).stage());
            assertTrue(reports.stream().filter(p -> p.stage() == TrainingProgress.Stage.EPOCH_END)
                    .allMatch(p -> p.rowsPerSecond() > 0 && Double.isFinite(p.trainLoss())));
            assertTrue(reports.get(0).message().contains("using the CPU as requested"), reports.get(0).message());
        }
    }

    /** Two runs with the same seed give the same parameters and curve, bit for bit; another seed does not. */
    @Test
    void cpuTrainingIsDeterministicForAFixedSeed() {
        SplittableRandom rng = new SplittableRandom(8);
        double[] rows = new double[2000 * 4];
        for (int i = 0; i < 2000; i++) {
            double x = rng.nextGaussian();
            rows[i * 4] = x;
            rows[i * 4 + 1] = rng.nextDouble();
            rows[i * 4 + 2] = rng.nextDouble();
            rows[i * 4 + 3] = x + 0.5 * rng.nextGaussian() > 0 ? 1 : 0;
        }
        Matrix table = Matrix.of(2000, 4, rows);
        NamedParameters[] params = new NamedParameters[3];
        double[][] losses = new double[3][];
        long[] seeds = {21, 21, 22};
        for (int k = 0; k < 3; k++) {
            try (Mlp mlp = Mlp.initialize(MlpSpec.of(3, 32, 2, 1, ActivationFunction.SILU), Device.cpu(), DataType.FLOAT32,
                    new SplittableRandom(4))) {
                TrainingLoopResult r = new TrainingLoop(config(100, 3, 3e-3, 0.2, 0, seeds[k]), ProgressListener.none())
                        .fit(new ReferenceRatioObjective(mlp.block(), 3), table);
                params[k] = mlp.parameters();
                losses[k] = r.curve().epochs().stream().mapToDouble(e -> e.trainLoss()).toArray();
            }
        }
        for (int t = 0; t < params[0].tensors().size(); t++) {
            assertArrayEquals(params[0].tensors().get(t).values(), params[1].tensors().get(t).values(),
                    params[0].tensors().get(t).name());
        }
        assertArrayEquals(losses[0], losses[1]);
        assertTrue(!java.util.Arrays.equals(params[0].tensors().get(0).values(), params[2].tensors().get(0).values()),
                "another seed shuffles differently");
    }

    /**
     * A regression test for native-memory lifetimes: with a thread forcing garbage collections every
     * few milliseconds, two likelihood-to-evidence trainings still agree bit for bit. (DJL's
     * number-operand operations free the scalar tensor that autograd keeps; gradients then read
     * freed memory and vary from run to run, or turn NaN, when the collector runs.)
     */
    @Test
    void trainingIsDeterministicWhileTheGarbageCollectorRuns() throws Exception {
        SplittableRandom rng = new SplittableRandom(8);
        int n = 20_000;
        double[] rows = new double[n * 3];
        for (int i = 0; i < n; i++) {
            double t = 2 * rng.nextDouble() - 1;
            rows[i * 3] = t + rng.nextGaussian();
            rows[i * 3 + 1] = t;
            rows[i * 3 + 2] = rng.nextDouble();
        }
        Matrix table = Matrix.of(n, 3, rows);
        String[] hashes = new String[2];
        try (GarbageCollectorPressure pressure = GarbageCollectorPressure.start()) {
            for (int k = 0; k < 2; k++) {
                try (Mlp mlp = Mlp.initialize(MlpSpec.of(3, 32, 2, 1, ActivationFunction.SILU), Device.cpu(), DataType.FLOAT32,
                        new SplittableRandom(4))) {
                    new TrainingLoop(config(256, 2, 3e-3, 0.1, 0, 21), ProgressListener.none()).fit(
                            new org.robotphysicist.training.ratio.LikelihoodToEvidenceObjective(mlp.block(), 1, 1, 1),
                            table);
                    hashes[k] = mlp.parameters().sha256();
                }
            }
        }
        assertEquals(hashes[0], hashes[1], "parameter SHA-256 of two identical runs under GC pressure");
    }

    @Test
    void badTablesAndDivergenceAreReported() {
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            Linear linear = Linear.builder().setUnits(1).optBias(false).build();
            linear.initialize(m, DataType.FLOAT32, new Shape(1, 1));
            TrainingLoop trainer = new TrainingLoop(config(4, 2, 1e-3, 0, 0, 1), ProgressListener.none());
            var e = assertThrows(DimensionMismatchException.class,
                    () -> trainer.fit(new ConstantGradient(linear), Matrix.of(3, 2, new double[6])));
            assertTrue(e.getMessage().contains("training table: expected 1 columns but found 2"), e.getMessage());
            assertThrows(InvalidInputException.class, () -> trainer.fit(new ConstantGradient(linear), Matrix.ofColumn(1)));
            TrainingObjective exploding = new TrainingObjective() {
                @Override
                public Block block() {
                    return linear;
                }

                @Override
                public int columns() {
                    return 1;
                }

                @Override
                public NDArray loss(ParameterStore p, NDArray batch, boolean training, SplittableRandom rng) {
                    return linear.forward(p, new NDList(batch), training).singletonOrThrow().mean().div(0);
                }

                @Override
                public String name() {
                    return "exploding";
                }
            };
            var d = assertThrows(TrainingDivergedException.class, () -> trainer.fit(exploding, Matrix.ofColumn(1, 2, 3)));
            assertTrue(d.getMessage().contains("lower the learning rate"), d.getMessage());
        }
    }

    @Test
    void aGpuRequestThatCannotBeMetIsReported() {
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            Linear linear = Linear.builder().setUnits(1).optBias(false).build();
            linear.initialize(m, DataType.FLOAT32, new Shape(1, 1));
            List<String> lines = new ArrayList<>();
            TrainingLoop trainer = new TrainingLoop(config(4, 1, 1e-3, 0, 0, 1).withDevice(new DeviceRequest(DeviceRequest.Kind.GPU,
                    64)), ProgressListener.lines(lines::add));
            TrainingLoopResult r = trainer.fit(new ConstantGradient(linear), Matrix.ofColumn(1, 2, 3, 4));
            assertTrue(r.device().fellBackToCpu());
            assertTrue(lines.get(lines.size() - 1).contains("a GPU was requested"), lines.get(lines.size() - 1));
        }
    }

    @Test
    void configValidatesAndRoundTripsThroughJson() {
        TrainingLoopConfig c = TrainingLoopConfig.defaults().withSeed(9).withDevice(DeviceRequest.parse("gpu:1"));
        assertEquals(c, Json.read(Json.write(c), TrainingLoopConfig.class, "config"));
        var e = assertThrows(InvalidInputException.class, () -> TrainingLoopConfig.defaults().withValidation(0.7, 3));
        assertTrue(e.getMessage().contains("validation fraction") && e.getMessage().contains("0.7"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> TrainingLoopConfig.defaults().withBatchSize(0));
        assertThrows(InvalidInputException.class, () -> TrainingLoopConfig.defaults().withLearningRate(-1,
                LearningRateSchedule.constant()));
        assertThrows(InvalidInputException.class, () -> LearningRateSchedule.cosine(0));
    }

    @Test
    void learningRateSchedulesFollowTheirFormulas() {
        LearningRateSchedule cos = LearningRateSchedule.cosine(0.1);
        assertClose("cosine start", 1.0, cos.rate(1, 0, 100, 1, 10, 0), 1e-15);
        assertClose("cosine middle", 0.55, cos.rate(1, 50, 100, 5, 10, 0), 1e-12);
        assertClose("cosine end", 0.1, cos.rate(1, 100, 100, 10, 10, 0), 1e-12);
        LearningRateSchedule exp = LearningRateSchedule.exponential(0.01);
        assertRelativelyClose("exponential after half the epochs", 0.1, exp.rate(1, 0, 0, 6, 11, 0), 1e-12);
        LearningRateSchedule plateau = LearningRateSchedule.plateau(0.5, 2, 0.2);
        assertClose("plateau after two cuts", 0.25, plateau.rate(1, 0, 0, 9, 10, 2), 1e-15);
        assertClose("plateau floor", 0.2, plateau.rate(1, 0, 0, 9, 10, 5), 1e-15);
        assertEquals(0.3, LearningRateSchedule.constant().rate(0.3, 7, 10, 2, 3, 4));
    }
}
