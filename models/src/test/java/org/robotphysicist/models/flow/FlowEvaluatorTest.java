package org.robotphysicist.models.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.robotphysicist.data.testing.StatisticalAssertions.assertClose;
import static org.robotphysicist.data.testing.StatisticalAssertions.assertWithinSigmas;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.robotphysicist.data.DimensionMismatchException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.models.neural.Standardizer;

/** Evaluation in original units, in tiles, with nothing left behind in the model's manager. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FlowEvaluatorTest {
    private static final Standardizer X_SCALER = new Standardizer(new double[] {5.0}, new double[] {3.0});
    private static final Standardizer CONTEXT_SCALER = new Standardizer(new double[] {0.0, 1.2},
            new double[] {0.6, 0.4});
    private NDManager manager;
    private ConditionalFlow flow1d;
    private ConditionalFlow flow3d;
    private final Standardizer x3Scaler = new Standardizer(new double[] {1, -2, 0.5}, new double[] {0.5, 2, 1.5});

    @BeforeAll
    void build() {
        manager = NDManager.newBaseManager();
        flow1d = FlowSpec.nsf(1, 2, 2, List.of(24, 24), 8, 3.0).build();
        flow1d.initializeParameters(manager, DataType.FLOAT32, new SplittableRandom(1), 0.3);
        flow3d = FlowSpec.maf(3, 2, 2, List.of(24)).build();
        flow3d.initializeParameters(manager, DataType.FLOAT32, new SplittableRandom(2), 0.3);
    }

    @AfterAll
    void close() {
        manager.close();
    }

    private static Matrix randomRows(SplittableRandom rng, int rows, double[] mean, double[] sd) {
        double[] v = new double[rows * mean.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = mean[i % mean.length] + sd[i % mean.length] * rng.nextGaussian();
        }
        return Matrix.of(rows, mean.length, v);
    }

    @Test
    void originalUnitsAddTheStandardizationJacobian() {
        FlowEvaluator evaluator = new FlowEvaluator(flow1d, X_SCALER, CONTEXT_SCALER, 16);
        SplittableRandom rng = new SplittableRandom(3);
        Matrix x = randomRows(rng, 40, new double[] {5}, new double[] {4});
        Matrix c = randomRows(rng, 40, new double[] {0, 1.2}, new double[] {0.5, 0.3});
        double[] got = evaluator.logDensity(x, c);
        double[] direct;
        try (NDManager scope = manager.newSubManager()) {
            direct = flow1d.logProb(new ParameterStore(scope, false),
                    scope.create(X_SCALER.apply(x).toFloatArray(), new Shape(40, 1)),
                    scope.create(CONTEXT_SCALER.apply(c).toFloatArray(), new Shape(40, 2)), false)
                    .toType(DataType.FLOAT64, false).toDoubleArray();
        }
        for (int i = 0; i < got.length; i++) {
            assertClose("log p in original units, row " + i, direct[i] - Math.log(3.0), got[i], 1e-6);
        }
    }

    @Test
    void densityInOriginalUnitsIntegratesToOne() {
        FlowEvaluator evaluator = new FlowEvaluator(flow1d, X_SCALER, CONTEXT_SCALER, FlowEvaluator.DEFAULT_TILE_ROWS);
        int n = 8001;
        double lo = 5 - 3 * 12;
        double hi = 5 + 3 * 12;
        double[] xs = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = lo + (hi - lo) * i / (n - 1);
        }
        for (double[] c : List.of(new double[] {0.3, 1.0}, new double[] {-0.8, 1.6})) {
            double[] lp = evaluator.logDensity(Matrix.ofColumn(xs), Matrix.repeatRow(c, n));
            double integral = 0;
            for (int i = 0; i < n; i++) {
                integral += (i == 0 || i == n - 1 ? 0.5 : 1) * Math.exp(lp[i]) * (hi - lo) / (n - 1);
            }
            assertClose("integral over x of p(x | c = " + java.util.Arrays.toString(c) + ")", 1.0, integral, 1e-4);
        }
    }

    @Test
    void tileSizeDoesNotChangeResults() {
        SplittableRandom rng = new SplittableRandom(4);
        Matrix x = randomRows(rng, 101, new double[] {1, -2, 0.5}, new double[] {0.5, 2, 1.5});
        Matrix c = randomRows(rng, 101, new double[] {0, 1.2}, new double[] {0.6, 0.4});
        double[] whole = new FlowEvaluator(flow3d, x3Scaler, CONTEXT_SCALER, 4096).logDensity(x, c);
        double[] tiled = new FlowEvaluator(flow3d, x3Scaler, CONTEXT_SCALER, 7).logDensity(x, c);
        for (int i = 0; i < whole.length; i++) {
            assertClose("row " + i + " with tiles of 7 rows", whole[i], tiled[i], 1e-5);
        }
    }

    @Test
    void summedLogDensityEqualsTheSumOfRowAlignedValuesForAnyTiling() {
        SplittableRandom rng = new SplittableRandom(5);
        Matrix events = randomRows(rng, 13, new double[] {1, -2, 0.5}, new double[] {0.5, 2, 1.5});
        Matrix grid = randomRows(rng, 9, new double[] {0, 1.2}, new double[] {0.6, 0.4});
        FlowEvaluator reference = new FlowEvaluator(flow3d, x3Scaler, CONTEXT_SCALER, 4096);
        double[] expected = new double[grid.rows()];
        for (int j = 0; j < grid.rows(); j++) {
            for (double v : reference.logDensity(events, Matrix.repeatRow(grid.row(j), events.rows()))) {
                expected[j] += v;
            }
        }
        for (int tile : new int[] {1, 5, 13, 20, 40, 4096}) {
            double[] got = new FlowEvaluator(flow3d, x3Scaler, CONTEXT_SCALER, tile).summedLogDensity(events, grid);
            assertEquals(grid.rows(), got.length);
            for (int j = 0; j < grid.rows(); j++) {
                assertClose("grid row " + j + ", tiles of " + tile, expected[j], got[j], 1e-5 * Math.abs(expected[j]));
            }
        }
    }

    @Test
    void nothingIsLeftInTheModelsManager() {
        int before = manager.getManagedArrays().size();
        SplittableRandom rng = new SplittableRandom(6);
        FlowEvaluator evaluator = new FlowEvaluator(flow3d, x3Scaler, CONTEXT_SCALER, 8);
        Matrix events = randomRows(rng, 20, new double[] {1, -2, 0.5}, new double[] {0.5, 2, 1.5});
        Matrix grid = randomRows(rng, 6, new double[] {0, 1.2}, new double[] {0.6, 0.4});
        evaluator.logDensity(events, randomRows(rng, 20, new double[] {0, 1.2}, new double[] {0.6, 0.4}));
        evaluator.summedLogDensity(events, grid);
        evaluator.sample(grid, rng);
        assertEquals(before, manager.getManagedArrays().size(), "arrays in the model's manager");
    }

    @Test
    void samplesInOriginalUnitsFollowTheDensity() {
        FlowEvaluator evaluator = new FlowEvaluator(flow1d, X_SCALER, CONTEXT_SCALER, 4096);
        double[] c = {0.3, 1.0};
        int n = 20_000;
        Matrix draws = evaluator.sample(Matrix.repeatRow(c, n), new SplittableRandom(7));
        assertEquals(n, draws.rows());
        assertEquals(1, draws.cols());
        double mean = java.util.Arrays.stream(draws.column(0)).average().orElseThrow();
        int q = 8001;
        double lo = 5 - 36;
        double step = 72.0 / (q - 1);
        double[] xs = new double[q];
        for (int i = 0; i < q; i++) {
            xs[i] = lo + i * step;
        }
        double[] lp = evaluator.logDensity(Matrix.ofColumn(xs), Matrix.repeatRow(c, q));
        double m1 = 0;
        double m2 = 0;
        for (int i = 0; i < q; i++) {
            double w = (i == 0 || i == q - 1 ? 0.5 : 1) * Math.exp(lp[i]) * step;
            m1 += w * xs[i];
            m2 += w * xs[i] * xs[i];
        }
        double sd = Math.sqrt(m2 - m1 * m1);
        assertWithinSigmas("sample mean in original units", m1, mean, sd / Math.sqrt(n), 4);
        assertEquals(draws, evaluator.sample(Matrix.repeatRow(c, n), new SplittableRandom(7)), "same seed, same draws");
    }

    @Test
    void float64FlowsEvaluateThroughTheSamePath() {
        try (NDManager scope = manager.newSubManager()) {
            ConditionalFlow f64 = FlowSpec.nsf(1, 2, 2, List.of(24, 24), 8, 3.0).build();
            f64.initializeParameters(scope, DataType.FLOAT64, new SplittableRandom(1), 0.3);
            Matrix x = Matrix.ofColumn(-3, 2, 5, 9.5);
            Matrix c = Matrix.repeatRow(new double[] {0.2, 1.1}, 4);
            double[] a = new FlowEvaluator(f64, X_SCALER, CONTEXT_SCALER, 3).logDensity(x, c);
            double[] b = new FlowEvaluator(flow1d, X_SCALER, CONTEXT_SCALER, 3).logDensity(x, c);
            for (int i = 0; i < a.length; i++) {
                assertClose("float64 against float32 flow with the same seed, row " + i, a[i], b[i], 1e-5);
            }
        }
    }

    @Test
    void mismatchedShapesAreRejected() {
        FlowEvaluator evaluator = new FlowEvaluator(flow1d, X_SCALER, CONTEXT_SCALER, 16);
        var e = assertThrows(DimensionMismatchException.class,
                () -> evaluator.logDensity(Matrix.ofColumn(1, 2), Matrix.ofColumn(0, 1)));
        assertTrue(e.getMessage().contains("context: expected 2 columns but found 1"), e.getMessage());
        assertThrows(DimensionMismatchException.class,
                () -> evaluator.logDensity(Matrix.ofColumn(1, 2), Matrix.repeatRow(new double[] {0, 1}, 3)));
        assertThrows(DimensionMismatchException.class,
                () -> new FlowEvaluator(flow1d, x3Scaler, CONTEXT_SCALER, 16));
        assertThrows(DimensionMismatchException.class,
                () -> new FlowEvaluator(flow1d, X_SCALER, Standardizer.identity(3), 16));
        ConditionalFlow uninitialized = FlowSpec.maf(1, 2, 1, List.of(4)).build();
        assertThrows(IllegalStateException.class,
                () -> new FlowEvaluator(uninitialized, X_SCALER, CONTEXT_SCALER, 16));
    }
}
