package org.robotphysicist.training.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.Dimensions;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.dataset.EventBlocks;
import org.robotphysicist.data.dataset.EventDataset;

class RowSampleTest {

    /** 40 000 draws of 3 of 10 indices: each index's count is Binomial(40 000, 0.3); χ² over the 10 counts, p > 0.001. */
    @Test
    void everyIndexIsEquallyLikely() {
        SplittableRandom rng = new SplittableRandom(5);
        long[] counts = new long[10];
        int draws = 40_000;
        for (int t = 0; t < draws; t++) {
            long[] s = RowSample.indices(10, 3, rng);
            assertEquals(3, s.length);
            assertTrue(s[0] < s[1] && s[1] < s[2], "sorted and distinct");
            for (long i : s) {
                counts[(int) i]++;
            }
        }
        double expected = draws * 0.3;
        double chi2 = 0;
        for (long c : counts) {
            chi2 += (c - expected) * (c - expected) / (expected * 0.7);
        }
        double p = 1 - new ChiSquaredDistribution(9).cumulativeProbability(chi2);
        assertTrue(p > 1e-3, "inclusion counts " + java.util.Arrays.toString(counts) + ": chi2 " + chi2 + ", p " + p);
        assertEquals(0, RowSample.indices(5, 0, rng).length);
        assertArrayEquals(new long[] {0, 1, 2, 3, 4}, RowSample.indices(5, 5, rng));
        var e = assertThrows(InvalidInputException.class, () -> RowSample.indices(5, 6, new SplittableRandom(1)));
        assertTrue(e.getMessage().contains("expected between 0 and 5 rows but found 6"), e.getMessage());
    }

    @Test
    void rowsComeFromTheBlocksThatHoldThem() {
        Dimensions dims = new Dimensions(java.util.List.of("t"), java.util.List.of(), java.util.List.of("x"));
        int n = 1000;
        double[] x = new double[n];
        double[] theta = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            theta[i] = -i;
        }
        EventDataset data = EventDataset.ofLabelled(dims, Matrix.ofColumn(x), Matrix.ofColumn(theta), Matrix.of(n, 0,
                new double[0]));
        EventBlocks blocks = EventBlocks.of(data, 77, "memory", "0");
        EventDataset sample = RowSample.from(blocks, 50, new SplittableRandom(9));
        long[] expected = RowSample.indices(n, 50, new SplittableRandom(9));
        assertEquals(50, sample.size());
        for (int k = 0; k < 50; k++) {
            assertEquals(expected[k], sample.x().get(k, 0), "row " + k);
            assertEquals(-expected[k], sample.theta().get(k, 0), "theta of row " + k);
        }
        assertEquals(n, RowSample.from(blocks, 5000, new SplittableRandom(9)).size(), "k above N gives every row");
    }
}
