package org.robotphysicist.training.ratio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.DimensionMismatchException;
import org.robotphysicist.data.Dimensions;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.dataset.EventDataset;
import org.robotphysicist.training.TrainingLoop;

/**
 * {@link NearestRows} against the definition it implements: every row's index sorted stably by its
 * scaled φ distance from the node, starting from the seeded order (so ties keep that order), and
 * the first K taken. Half the rows sit on 5 discrete settings (many ties), half are spread over the
 * range; nodes at, between and outside the settings; K from 1 to N.
 */
class NearestRowsTest {
    private static final Box RANGE = Box.interval(40, 100);

    private static EventDataset rows(int n, SplittableRandom rng) {
        double[] x = new double[n];
        double[] theta = new double[n];
        double[] phi = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i; // the row's index, so that the chosen rows can be read back
            theta[i] = rng.nextDouble();
            phi[i] = i % 2 == 0 ? 40 + 15 * rng.nextInt(5) : 40 + 60 * rng.nextDouble();
        }
        return EventDataset.ofLabelled(Dimensions.of("t", "s", "x"), Matrix.of(n, 1, x), Matrix.of(n, 1, theta),
                Matrix.of(n, 1, phi));
    }

    private static int[] permutation(int n, SplittableRandom rng) {
        return Arrays.stream(TrainingLoop.permutationLong(n, rng)).mapToInt(i -> (int) i).toArray();
    }

    /** The definition: indices in the seeded order, sorted stably by distance, the first K. */
    private static double[] byDefinition(EventDataset data, int[] order, int k, double node) {
        Integer[] rows = Arrays.stream(order).boxed().toArray(Integer[]::new);
        Arrays.sort(rows, Comparator.comparingDouble(i -> Math.pow((data.phi().get(i, 0) - node) / 60, 2)));
        double[] out = new double[k];
        for (int r = 0; r < k; r++) {
            out[r] = data.x().get(rows[r], 0);
        }
        return out;
    }

    @Test
    void takesTheKNearestRowsInTheOrderOfAStableSortFromTheSeededOrder() {
        SplittableRandom rng = new SplittableRandom(4);
        int n = 3000;
        EventDataset data = rows(n, rng);
        int[] order = permutation(n, rng);
        for (int k : new int[] {1, 7, 300, 1500, n}) {
            NearestRows nearest = new NearestRows(data, RANGE, k, order);
            for (double node : new double[] {40, 55, 61.3, 85, 100, 120}) {
                Matrix got = nearest.x(new double[] {node});
                assertEquals(k, got.rows());
                assertArrayEquals(byDefinition(data, order, k, node), got.toArray(), "K = " + k + ", node " + node);
            }
        }
    }

    @Test
    void theSelectionFindsEveryRankAmongDuplicates() {
        SplittableRandom rng = new SplittableRandom(9);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + rng.nextInt(60);
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = rng.nextInt(trial % 3 == 0 ? 3 : 1000);
            }
            double[] sorted = v.clone();
            Arrays.sort(sorted);
            int rank = rng.nextInt(n);
            assertEquals(sorted[rank], NearestRows.kthSmallest(v.clone(), rank), "rank " + rank + " of "
                    + Arrays.toString(v));
        }
    }

    @Test
    void refusesKOutsideOneToNAndAnOrderOfAnotherLength() {
        EventDataset data = rows(10, new SplittableRandom(1));
        int[] order = permutation(10, new SplittableRandom(2));
        assertThrows(DimensionMismatchException.class, () -> new NearestRows(data, RANGE, 0, order));
        assertThrows(DimensionMismatchException.class, () -> new NearestRows(data, RANGE, 11, order));
        DimensionMismatchException e = assertThrows(DimensionMismatchException.class,
                () -> new NearestRows(data, RANGE, 3, permutation(9, new SplittableRandom(2))));
        assertEquals("nearest rows: expected 1 <= K <= N = 10 and a permutation of N rows but found K = 3 and 9"
                + " rows", e.getMessage());
    }
}
