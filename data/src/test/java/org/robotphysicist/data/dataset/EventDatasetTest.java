package org.robotphysicist.data.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.Dimensions;
import org.robotphysicist.data.Matrix;

/**
 * Every operation of {@link EventDataset} against plain-Java expectations, at sizes large enough
 * for native kernels to take their vectorized paths (also run under each OpenBLAS core type by
 * the engine's core-type test).
 */
class EventDatasetTest {
    private static final Dimensions DIMS = Dimensions.of("g", "E", "c");
    private static final int ROWS = 257;
    private static final int WIDTH = 3;

    private static double[] values(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] v = new double[ROWS * WIDTH];
        for (int i = 0; i < v.length; i++) {
            v[i] = 1e3 + rng.nextGaussian() * (1 + i % WIDTH);
        }
        return v;
    }

    private static EventDataset dataset(double[] v) {
        return EventDataset.of(DatasetSchema.labelled(DIMS), ROWS, v);
    }

    @Test
    void columnMomentsMatchATwoPassComputation() {
        double[] v = values(1);
        EventDataset d = dataset(v);
        double[] means = d.columnMeans();
        double[] sds = d.columnStandardDeviations();
        for (int c = 0; c < WIDTH; c++) {
            double sum = 0;
            for (int i = 0; i < ROWS; i++) {
                sum += v[i * WIDTH + c];
            }
            double mean = sum / ROWS;
            double sq = 0;
            for (int i = 0; i < ROWS; i++) {
                sq += (v[i * WIDTH + c] - mean) * (v[i * WIDTH + c] - mean);
            }
            double sd = Math.sqrt(sq / ROWS);
            assertEquals(mean, means[c], 1e-12 * Math.abs(mean), "mean of column " + c);
            assertEquals(sd, sds[c], 1e-12 * sd, "population standard deviation of column " + c);
        }
    }

    @Test
    void copiesSlicesStacksAndPermutationsMoveValuesExactly() {
        double[] v = values(2);
        double[] w = values(3);
        EventDataset d = dataset(v);
        assertArrayEquals(v, d.table().toArray(), "table round trip");
        double[] theta = d.theta().toArray();
        for (int i = 0; i < ROWS; i++) {
            assertEquals(v[i * WIDTH + 1], theta[i], "theta of row " + i);
        }
        EventDataset stacked = EventDataset.concat(List.of(d, dataset(w)));
        double[] both = stacked.table().toArray();
        assertEquals(2 * v.length, both.length);
        for (int i = 0; i < v.length; i++) {
            assertEquals(v[i], both[i], "stacked first part at " + i);
            assertEquals(w[i], both[v.length + i], "stacked second part at " + i);
        }
        EventDataset middle = stacked.rows(100, 400);
        assertArrayEquals(java.util.Arrays.copyOfRange(both, 100 * WIDTH, 400 * WIDTH), middle.table().toArray(),
                "rows [100, 400)");
        EventDataset shuffled = d.shuffled(new SplittableRandom(4));
        double[] s = shuffled.table().toArray();
        double[] sortedRows = sortedFirstColumn(s);
        double[] sortedOriginal = sortedFirstColumn(v);
        assertArrayEquals(sortedOriginal, sortedRows, "a shuffle is a permutation of the rows");
        assertTrue(!java.util.Arrays.equals(v, s), "the shuffle moved rows");
        assertEquals(d.sha256(), dataset(v.clone()).sha256(), "hash of equal tables");
    }

    private static double[] sortedFirstColumn(double[] v) {
        double[] first = new double[v.length / WIDTH];
        for (int i = 0; i < first.length; i++) {
            first[i] = v[i * WIDTH] + v[i * WIDTH + 1] * 1e-3 + v[i * WIDTH + 2] * 1e-6;
        }
        java.util.Arrays.sort(first);
        return first;
    }

    @Test
    void labelledConstructionKeepsColumnRoles() {
        Matrix x = Matrix.ofColumn(1, 2, 3);
        EventDataset d = EventDataset.ofLabelled(DIMS, x, Matrix.ofColumn(4, 5, 6), Matrix.ofColumn(7, 8, 9));
        assertArrayEquals(new double[] {1, 4, 7, 2, 5, 8, 3, 6, 9}, d.table().toArray());
        assertArrayEquals(new double[] {2, 5, 8}, d.columnMeans(), 1e-15);
    }
}
