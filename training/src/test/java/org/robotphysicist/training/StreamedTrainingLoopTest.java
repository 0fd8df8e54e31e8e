package org.robotphysicist.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.training.device.DeviceRequest;

/**
 * {@link TrainingLoop#fit(TrainingObjective, StreamedTable)}: a table read block by block is
 * trained on like the same table in memory — every training row once per epoch, the validation
 * rows never, ⌈N<sub>train</sub>/batch⌉ steps per epoch — while each epoch reads each block once.
 */
class StreamedTrainingLoopTest {
    private static final int ROWS = 10_000;
    private static final int[] BLOCK_SIZES = {997, 3000, 1, 2500, 503, 2999};

    /** Column 0 is the row's id, column 1 is 1; loss = mean(w · 1), so the gradient is 1 every step. */
    private static final class RecordingObjective implements TrainingObjective {
        private final Linear block;
        final List<List<Integer>> trainingBatches = new ArrayList<>();
        final Set<Integer> validationIds = new HashSet<>();

        RecordingObjective(Linear block) {
            this.block = block;
        }

        @Override
        public Linear block() {
            return block;
        }

        @Override
        public int columns() {
            return 2;
        }

        @Override
        public NDArray loss(ParameterStore parameters, NDArray batch, boolean training, SplittableRandom rng) {
            float[] ids = batch.get(new NDIndex(":, 0")).toFloatArray();
            List<Integer> seen = new ArrayList<>();
            for (float id : ids) {
                seen.add((int) id);
            }
            if (training) {
                trainingBatches.add(seen);
            } else {
                validationIds.addAll(seen);
            }
            return block.forward(parameters, new NDList(batch.get(new NDIndex(":, 1:2"))), training).singletonOrThrow()
                    .mean();
        }

        @Override
        public String name() {
            return "recording";
        }
    }

    /** The ids 0..N−1 in blocks of {@link #BLOCK_SIZES}, counting the reads of each block. */
    private static class CountingTable implements StreamedTable {
        final int[] reads = new int[BLOCK_SIZES.length];
        final List<Integer> readOrder = new ArrayList<>();

        @Override
        public int columns() {
            return 2;
        }

        @Override
        public int blockCount() {
            return BLOCK_SIZES.length;
        }

        @Override
        public int blockSize(int block) {
            return BLOCK_SIZES[block];
        }

        @Override
        public Matrix block(int block) {
            reads[block]++;
            readOrder.add(block);
            int from = 0;
            for (int b = 0; b < block; b++) {
                from += BLOCK_SIZES[b];
            }
            double[] rows = new double[BLOCK_SIZES[block] * 2];
            for (int i = 0; i < BLOCK_SIZES[block]; i++) {
                rows[2 * i] = from + i;
                rows[2 * i + 1] = 1;
            }
            return Matrix.of(BLOCK_SIZES[block], 2, rows);
        }
    }

    private static Linear unitWeight(NDManager m) {
        Linear linear = Linear.builder().setUnits(1).optBias(false).build();
        linear.setInitializer(Initializer.ONES, Parameter.Type.WEIGHT);
        linear.initialize(m, DataType.FLOAT32, new Shape(1, 1));
        return linear;
    }

    private static TrainingLoopConfig config(int batch, int epochs, double validation, long seed) {
        return TrainingLoopConfig.defaults().withBatchSize(batch).withMaxEpochs(epochs)
                .withLearningRate(1e-4, LearningRateSchedule.constant()).withValidation(validation, 0).withSeed(seed)
                .withDevice(DeviceRequest.CPU);
    }

    @Test
    void everyTrainingRowIsSeenOncePerEpochTheValidationRowsNeverAndEachBlockIsReadOncePerEpoch() {
        assertEquals(ROWS, java.util.Arrays.stream(BLOCK_SIZES).sum());
        int epochs = 3;
        int batch = 64;
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            RecordingObjective objective = new RecordingObjective(unitWeight(m));
            CountingTable table = new CountingTable();
            List<Integer> batchesAtEpochEnd = new ArrayList<>();
            TrainingLoopResult r = new TrainingLoop(config(batch, epochs, 0.1, 7), p -> {
                if (p.stage() == TrainingProgress.Stage.EPOCH_END) {
                    batchesAtEpochEnd.add(objective.trainingBatches.size());
                }
            }, 1500).fit(objective, table);

            assertEquals(1000, r.validationRows(), "validation rows: round(0.1 N)");
            assertEquals(ROWS - 1000, r.trainingRows());
            assertEquals(1000, objective.validationIds.size());
            int stepsPerEpoch = (ROWS - 1000 + batch - 1) / batch;
            assertEquals(List.of(stepsPerEpoch, 2 * stepsPerEpoch, 3 * stepsPerEpoch), batchesAtEpochEnd,
                    "optimizer steps per epoch (batches handed to the objective)");
            List<Integer> firstOrder = null;
            for (int e = 0; e < epochs; e++) {
                List<Integer> ids = new ArrayList<>();
                int from = e == 0 ? 0 : batchesAtEpochEnd.get(e - 1);
                for (int k = from; k < batchesAtEpochEnd.get(e); k++) {
                    List<Integer> b = objective.trainingBatches.get(k);
                    assertTrue(b.size() == batch || k == batchesAtEpochEnd.get(e) - 1,
                            "only an epoch's last batch is short, found " + b.size() + " rows in batch " + k);
                    ids.addAll(b);
                }
                Set<Integer> distinct = new HashSet<>(ids);
                assertEquals(ROWS - 1000, ids.size(), "training rows seen in epoch " + (e + 1));
                assertEquals(ids.size(), distinct.size(), "a row seen twice in epoch " + (e + 1));
                distinct.retainAll(objective.validationIds);
                assertTrue(distinct.isEmpty(), "validation rows trained on: " + distinct);
                if (firstOrder == null) {
                    firstOrder = ids;
                } else {
                    assertNotEquals(firstOrder, ids, "epoch " + (e + 1) + " repeats epoch 1's order");
                }
            }
            for (int b = 0; b < BLOCK_SIZES.length; b++) {
                assertTrue(table.reads[b] == epochs || table.reads[b] == epochs + 1,
                        "block " + b + " read " + table.reads[b] + " times: expected once per epoch, plus once for"
                                + " the validation rows");
            }
        }
    }

    /** Two streamed runs with one seed agree bit for bit; Adam's constant-gradient steps count as in memory. */
    @Test
    void aStreamedRunIsReproducibleAndTakesTheStepsOfTheSameTableInMemory() {
        float[] weights = new float[2];
        for (int k = 0; k < 2; k++) {
            try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
                Linear linear = unitWeight(m);
                new TrainingLoop(config(128, 2, 0.05, 11), ProgressListener.none(), 2048)
                        .fit(new RecordingObjective(linear), new CountingTable());
                weights[k] = linear.getParameters().get(0).getValue().getArray().getFloat(0, 0);
            }
        }
        assertArrayEquals(new float[] {weights[0]}, new float[] {weights[1]});
        int steps = 2 * ((ROWS - 500 + 127) / 128);
        // float32 rounding of w near 1 adds up to a few 1e-6 over the run; one step more or less moves w by 1e-4
        assertEquals(1 - steps * 1e-4, weights[0], 1e-5, "weight after " + steps + " constant-gradient Adam steps");
    }

    @Test
    void blocksOfTheWrongShapeAndTooFewRowsAreRefused() {
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            RecordingObjective objective = new RecordingObjective(unitWeight(m));
            StreamedTable lying = new CountingTable() {
                @Override
                public int blockSize(int block) {
                    return block == 2 ? 5 : super.blockSize(block);
                }
            };
            var e = assertThrows(InvalidInputException.class,
                    () -> new TrainingLoop(config(64, 1, 0, 1), null).fit(objective, lying));
            assertTrue(e.getMessage().contains("training block 2: expected 5 rows of 2 columns but found 1 x 2"),
                    e.getMessage());
            StreamedTable one = new CountingTable() {
                @Override
                public int blockCount() {
                    return 1;
                }

                @Override
                public int blockSize(int block) {
                    return 1;
                }
            };
            e = assertThrows(InvalidInputException.class,
                    () -> new TrainingLoop(config(64, 1, 0, 1), null).fit(objective, one));
            assertTrue(e.getMessage().contains("expected at least 2 rows but found 1"), e.getMessage());
        }
    }
}
