package org.robotphysicist.data.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.dataset.EventDataset;
import org.robotphysicist.data.progress.Progress;
import org.robotphysicist.data.testing.StatisticalAssertions;

class BlockedSimulationTest {
    private static final ToyGaussianSimulator SIM = new ToyGaussianSimulator();

    /** Counts the units reported. */
    private static final class Counting implements Progress {
        final AtomicLong units = new AtomicLong();

        @Override
        public void advance(long n) {
            units.addAndGet(n);
        }

        @Override
        public void close() {
        }
    }

    @Test
    void blocksFollowTheDocumentedStreamsWhateverTheScheduling() {
        int n = 2 * BlockedSimulation.BLOCK_EVENTS + 5;
        Matrix thetas = Matrix.ofColumn(-1, 2);
        Matrix phis = Matrix.ofColumn(0.5, 3);
        Counting progress = new Counting();
        EventDataset d = BlockedSimulation.run(SIM, thetas, phis, n, new SplittableRandom(42), progress);
        assertEquals(2L * n, progress.units.get(), "every event reported once");
        assertEquals(2 * n, d.size());

        // pair k uses the k-th split of the seed stream, block b the b-th split of the pair's stream
        SplittableRandom master = new SplittableRandom(42);
        double[] x = d.x().column(0);
        for (int k = 0; k < 2; k++) {
            SplittableRandom pair = master.split();
            double[] expected = new double[n];
            for (int offset = 0; offset < n; offset += BlockedSimulation.BLOCK_EVENTS) {
                int m = Math.min(BlockedSimulation.BLOCK_EVENTS, n - offset);
                double[] block = SIM.simulate(thetas.row(k), phis.row(k), m, pair.split()).column(0);
                System.arraycopy(block, 0, expected, offset, m);
            }
            assertArrayEquals(expected, Arrays.copyOfRange(x, k * n, (k + 1) * n), "pair " + k);
            double[] t = Arrays.copyOfRange(d.theta().column(0), k * n, (k + 1) * n);
            assertEquals(thetas.get(k, 0), Arrays.stream(t).min().orElseThrow());
            assertEquals(thetas.get(k, 0), Arrays.stream(t).max().orElseThrow());
            double mean = Arrays.stream(expected).average().orElseThrow();
            StatisticalAssertions.assertWithinSigmas("mean of pair " + k, thetas.get(k, 0), mean,
                    Math.sqrt(phis.get(k, 0) / n), 4);
        }
        EventDataset again = BlockedSimulation.run(SIM, thetas, phis, n, new SplittableRandom(42), Progress.none());
        assertEquals(d.sha256(), again.sha256());
    }

    /**
     * The scored run draws the very events of the plain run (the joint-score contract), and each
     * score of Weinberg LO (no latent variables) is its log-likelihood's θ-derivative: a central
     * difference of ±10⁻⁵ agrees to 10⁻⁴ relative.
     */
    @Test
    void scoredBlocksAreThePlainBlocksWithTheirScores() {
        WeinbergLoSimulator weinberg = new WeinbergLoSimulator();
        Matrix thetas = Matrix.ofColumn(0.21, 0.25);
        Matrix phis = Matrix.ofColumn(58, 81);
        int n = BlockedSimulation.BLOCK_EVENTS + 3;
        JointScoreSimulator.ScoredEvents scored = BlockedSimulation.runWithScores(weinberg, thetas, phis, n,
                new SplittableRandom(7), Progress.none());
        EventDataset plain = BlockedSimulation.run(weinberg, thetas, phis, n, new SplittableRandom(7), Progress.none());
        assertEquals(plain.sha256(), scored.events().sha256());
        assertEquals(2 * n, scored.scores().rows());
        for (int row : new int[] {0, n - 1, n, 2 * n - 1}) {
            double[] x = scored.events().x().row(row);
            double theta = scored.events().theta().get(row, 0);
            double[] phi = scored.events().phi().row(row);
            double h = 1e-5;
            double fd = (weinberg.logDensity(x, new double[] {theta + h}, phi)
                    - weinberg.logDensity(x, new double[] {theta - h}, phi)) / (2 * h);
            assertEquals(fd, scored.scores().get(row, 0), 1e-4 * Math.max(1, Math.abs(fd)), "score of row " + row);
        }
    }
}
