package org.robotphysicist.engine.posterior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.DimensionMismatchException;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.NonFiniteValueException;
import org.robotphysicist.data.OutOfSupportException;
import org.robotphysicist.data.RegularGrid;
import org.robotphysicist.data.io.Json;
import org.robotphysicist.data.simulator.ToyGaussianSimulator;
import org.robotphysicist.models.AdaptiveTiling;
import org.robotphysicist.models.CompensatedSums;
import org.robotphysicist.models.ExactLikelihood;
import org.robotphysicist.models.SurrogateArguments;
import org.robotphysicist.models.SurrogateLikelihood;
import org.robotphysicist.models.TiledGridEvaluator;
import org.robotphysicist.models.TilingConfig;
import org.robotphysicist.models.histogram.HistogramConfig;
import org.robotphysicist.models.histogram.HistogramSurrogate;

class TiledPosteriorEvaluatorTest {
    private static final ToyGaussianSimulator TOY = new ToyGaussianSimulator();

    private static double maxRelativeDifference(double[] a, double[] b) {
        double worst = 0;
        for (int j = 0; j < a.length; j++) {
            worst = Math.max(worst, Math.abs(a[j] - b[j]) / Math.max(1e-300, Math.abs(b[j])));
        }
        return worst;
    }

    private static void assertTilingInvariant(SurrogateLikelihood s, Matrix events, Matrix grid, double[] phi) {
        int n = events.rows();
        double[] untiled = new TiledGridEvaluator(s, TilingConfig.fixed(n * grid.rows()))
                .logLikelihoodSums(events, grid, phi);
        for (int rows : new int[] {1, 7, 100, n - 1, n + 1, 3 * n + 5, 4096}) {
            TiledGridEvaluator tiled = new TiledGridEvaluator(s, TilingConfig.fixed(rows));
            double rel = maxRelativeDifference(tiled.logLikelihoodSums(events, grid, phi), untiled);
            assertTrue(rel <= 1e-9, () -> s + ": tiles of " + rows + " pairs differ from one tile by " + rel
                    + " relative (tolerance 1e-9)");
        }
    }

    /** The acceptance test: tiled equals untiled to 1e-9 relative in float64. */
    @Test
    void tiledEqualsUntiledForTheExactLikelihood() {
        Matrix x = TOY.simulate(new double[] {0.7}, new double[] {2.0}, 500, new SplittableRandom(5));
        assertTilingInvariant(new ExactLikelihood(TOY), x, RegularGrid.of(-1, 3, 201).points(), new double[] {2.0});
    }

    /** Many datasets in one call give exactly what one call per dataset gives, in order. */
    @Test
    void manyDatasetsInOneCallEqualOneCallEach() {
        PosteriorEvaluator evaluator = PosteriorEvaluator.forSurrogate(new ExactLikelihood(TOY));
        Matrix grid = RegularGrid.of(-1, 3, 51).points();
        double[] phi = {2.0};
        List<Matrix> datasets = new ArrayList<>();
        SplittableRandom rng = new SplittableRandom(17);
        for (int k = 0; k < 9; k++) {
            datasets.add(TOY.simulate(new double[] {0.3 * k}, phi, 10 + 7 * k, rng.split()));
        }
        double[][] batch = evaluator.logLikelihoodSums(datasets, grid, phi);
        assertEquals(9, batch.length);
        for (int k = 0; k < 9; k++) {
            assertTrue(Arrays.equals(evaluator.logLikelihoodSums(datasets.get(k), grid, phi), batch[k]),
                    "dataset " + k + " differs between the batched and the single call");
        }
        assertThrows(InvalidInputException.class,
                () -> evaluator.logLikelihoodSums(List.of(), grid, phi));
    }

    @Test
    void tiledEqualsUntiledForAHistogramAndAThreeDimensionalTheta() {
        HistogramSurrogate h = HistogramSurrogate.build(TOY, RegularGrid.of(0, 2, 11), RegularGrid.of(0.5, 2, 4),
                HistogramConfig.defaults().withEventsPerCell(20_000).withBins(30), new SplittableRandom(3));
        Matrix x = TOY.simulate(new double[] {1.0}, new double[] {1.0}, 300, new SplittableRandom(6));
        assertTilingInvariant(h, x, RegularGrid.of(0.1, 1.9, 97).points(), new double[] {1.0});

        IsotropicGaussianSimulator sim3 = new IsotropicGaussianSimulator(3);
        Matrix x3 = sim3.simulate(new double[] {0.1, -0.2, 0.3}, new double[] {1.5}, 100, new SplittableRandom(8));
        RegularGrid g3 = new RegularGrid(new double[] {-1, -1, -1}, new double[] {1, 1, 1}, new int[] {7, 6, 5});
        assertTilingInvariant(new ExactLikelihood(sim3), x3, g3.points(), new double[] {1.5});
    }

    @Test
    void compensatedSumsAreExactWhereNaiveSummationLosesDigits() {
        double[] terms = new double[100_001];
        terms[0] = 1e16;
        BigDecimal exact = new BigDecimal(1e16);
        for (int i = 1; i < terms.length; i++) {
            terms[i] = 0.1 * (i % 7 + 1);
            exact = exact.add(new BigDecimal(terms[i]));
        }
        double naive = 0;
        for (double t : terms) {
            naive += t;
        }
        double compensated = CompensatedSums.sum(terms);
        double error = Math.abs(compensated - exact.doubleValue());
        double naiveError = Math.abs(naive - exact.doubleValue());
        assertTrue(error <= Math.ulp(exact.doubleValue()), () -> "compensated error " + error + ", naive " + naiveError);
        assertTrue(naiveError > 100 * Math.ulp(exact.doubleValue()), () -> "naive error only " + naiveError);

        CompensatedSums s = new CompensatedSums(2);
        s.add(0, -3);
        s.add(0, Double.NEGATIVE_INFINITY);
        s.add(0, 5);
        s.add(1, 2);
        assertEquals(Double.NEGATIVE_INFINITY, s.values()[0]);
        assertEquals(2, s.values()[1]);
    }

    /** A surrogate that fails like an exhausted allocator when handed more than {@code limit} rows at once. */
    private static class MemoryHungry extends DelegatingSurrogate {
        private final int limit;
        private final boolean javaError;
        final AtomicInteger largest = new AtomicInteger();

        MemoryHungry(int limit, boolean javaError) {
            super(new ExactLikelihood(TOY));
            this.limit = limit;
            this.javaError = javaError;
        }

        @Override
        public double[] logLikelihood(Matrix x, Matrix theta, Matrix phi) {
            if (x.rows() > limit) {
                if (javaError) {
                    throw new OutOfMemoryError("Java heap space (" + x.rows() + " rows)");
                }
                throw new IllegalStateException("engine failure", new RuntimeException("CUDA out of memory. Tried to"
                        + " allocate " + x.rows() + " rows"));
            }
            largest.accumulateAndGet(x.rows(), Math::max);
            return inner.logLikelihood(x, theta, phi);
        }
    }

    @Test
    void anOutOfMemoryTileIsRetriedSmallerNotFatal() {
        Matrix x = TOY.simulate(new double[] {0.2}, new double[] {1.0}, 150, new SplittableRandom(9));
        Matrix grid = RegularGrid.of(-1, 1, 41).points();
        double[] reference = new TiledGridEvaluator(new ExactLikelihood(TOY), TilingConfig.fixed(1 << 16))
                .logLikelihoodSums(x, grid, new double[] {1.0});
        for (boolean javaError : new boolean[] {true, false}) {
            MemoryHungry s = new MemoryHungry(500, javaError);
            TiledGridEvaluator e = new TiledGridEvaluator(s, TilingConfig.fixed(10_000));
            double rel = maxRelativeDifference(e.logLikelihoodSums(x, grid, new double[] {1.0}), reference);
            assertTrue(rel <= 1e-12, () -> "after out-of-memory retries the sums differ by " + rel);
            assertTrue(e.tileRows() <= 500 && e.outOfMemoryRetries() >= 5, () -> "tile " + e.tileRows() + " after "
                    + e.outOfMemoryRetries() + " retries");
            assertTrue(s.largest.get() <= 500);
        }
    }

    @Test
    void otherFailuresAndExhaustedRetriesPropagate() {
        Matrix x = TOY.simulate(new double[] {0.2}, new double[] {1.0}, 50, new SplittableRandom(9));
        Matrix grid = RegularGrid.of(-1, 1, 5).points();
        TiledGridEvaluator tooSmall = new TiledGridEvaluator(new MemoryHungry(10, true),
                new TilingConfig(100, 40, 0.25, 100));
        assertThrows(OutOfMemoryError.class, () -> tooSmall.logLikelihoodSums(x, grid, new double[] {1.0}));
        AdaptiveTiling tiling = new AdaptiveTiling(64, 1, AdaptiveTiling::looksLikeOutOfMemory);
        assertThrows(IllegalArgumentException.class, () -> tiling.run(rows -> {
            throw new IllegalArgumentException("not a memory problem");
        }));
        assertEquals(64, tiling.tileRows());
        assertTrue(AdaptiveTiling.looksLikeOutOfMemory(new RuntimeException(new OutOfMemoryError())));
        assertTrue(!AdaptiveTiling.looksLikeOutOfMemory(new RuntimeException("index out of range")));
    }

    @Test
    void tileSizeFollowsAvailableMemoryUnlessFixed() {
        TilingConfig auto = TilingConfig.automatic();
        assertEquals(TilingConfig.DEFAULT_MAX_TILE_ROWS, auto.initialTileRows(1L << 32, 112));
        assertEquals(2500, auto.initialTileRows(1_000_000, 100));
        assertEquals(1, auto.initialTileRows(10, 100));
        assertEquals(777, TilingConfig.fixed(777).initialTileRows(10, 100));
        assertEquals(auto, Json.read(Json.write(auto), TilingConfig.class, "test"));
        assertThrows(InvalidInputException.class, () -> new TilingConfig(-1, 1, 0.5, 10));
        assertThrows(InvalidInputException.class, () -> new TilingConfig(0, 1, 1.5, 10));
        TiledGridEvaluator e = assertInstanceOf(TiledGridEvaluator.class, assertInstanceOf(SurrogateGridEvaluator.class,
                PosteriorEvaluator.forSurrogate(new ExactLikelihood(TOY))).gridEvaluator());
        assertTrue(e.tileRows() >= 1 && e.tileRows() <= TilingConfig.DEFAULT_MAX_TILE_ROWS, () -> "tile " + e.tileRows());
    }

    @Test
    void badInputAndBadSurrogateOutputGetClearErrors() {
        PosteriorEvaluator e = PosteriorEvaluator.forSurrogate(new ExactLikelihood(TOY));
        Matrix grid = RegularGrid.of(-1, 1, 5).points();
        var nan = assertThrows(NonFiniteValueException.class, () -> Matrix.ofColumn(0.1, Double.NaN));
        assertTrue(nan.getMessage().contains("NaN"), nan.getMessage());
        var wide = assertThrows(DimensionMismatchException.class,
                () -> e.logLikelihoodSums(Matrix.ofRows(new double[] {1, 2}), grid, new double[] {1}));
        assertTrue(wide.getMessage().contains("expected 1 columns but found 2"), wide.getMessage());
        assertThrows(DimensionMismatchException.class, () -> e.logLikelihoodSums(Matrix.ofColumn(0.5),
                RegularGrid.of(-1, 1, 5).points(), new double[] {1, 2}));
        assertThrows(OutOfSupportException.class, () -> e.logLikelihoodSums(Matrix.ofColumn(0.5),
                RegularGrid.of(-11, 1, 5).points(), new double[] {1}));

        SurrogateLikelihood broken = new MemoryHungry(1 << 20, true) {
            @Override
            public double[] logLikelihood(Matrix x, Matrix theta, Matrix phi) {
                SurrogateArguments.requireRowAligned(this, x, theta, phi);
                double[] out = new double[x.rows()];
                for (int b = 0; b < out.length; b++) {
                    out[b] = theta.get(b, 0) > 0.4 ? Double.NaN : -1;
                }
                return out;
            }
        };
        var bad = assertThrows(NonFiniteValueException.class, () -> new TiledGridEvaluator(broken,
                TilingConfig.fixed(3)).logLikelihoodSums(Matrix.ofColumn(0.1, 0.2), grid, new double[] {1}));
        assertTrue(bad.getMessage().contains("theta point 3"), bad.getMessage());
        assertSame(broken, new TiledGridEvaluator(broken, TilingConfig.automatic()).surrogate());
    }
}
