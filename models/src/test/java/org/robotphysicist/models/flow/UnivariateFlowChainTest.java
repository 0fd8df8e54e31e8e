package org.robotphysicist.models.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.robotphysicist.data.testing.StatisticalAssertions.assertClose;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.models.neural.Standardizer;

/**
 * The one-dimensional grid path (conditioners once per context, fixed maps applied on the CPU) gives
 * the sums of the whole-flow, row-aligned path on the device: for the MAF with its leading spline,
 * the NSF and a flow on a bounded support, with events inside and beyond the splines' [−B, B], in
 * both data types and with the parallel blocks.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnivariateFlowChainTest {
    private static final Standardizer X_SCALER = new Standardizer(new double[] {0.2}, new double[] {0.9});
    private static final Standardizer CONTEXT_SCALER = new Standardizer(new double[] {0.25, 70},
            new double[] {0.06, 17});
    private NDManager manager;

    @BeforeAll
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    void close() {
        manager.close();
    }

    private ConditionalFlow flow(FlowSpec spec, DataType type, long seed) {
        ConditionalFlow flow = spec.build();
        // A large output gain makes every layer far from the identity, so the splines bend.
        flow.initializeParameters(manager, type, new SplittableRandom(seed), 1.5);
        return flow;
    }

    private static Matrix contexts(SplittableRandom rng, int m) {
        double[] v = new double[2 * m];
        for (int j = 0; j < m; j++) {
            v[2 * j] = 0.15 + 0.2 * rng.nextDouble();
            v[2 * j + 1] = 40 + 60 * rng.nextDouble();
        }
        return Matrix.of(m, 2, v);
    }

    /** Events spread to ±6 standardized sd, so some lie beyond the tail bound B = 3 (identity there). */
    private static Matrix events(SplittableRandom rng, int n, double lo, double hi) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = lo + (hi - lo) * rng.nextDouble();
        }
        return Matrix.ofColumn(x);
    }

    private static double[] rowAlignedSums(FlowEvaluator evaluator, Matrix events, Matrix contexts) {
        double[] out = new double[contexts.rows()];
        for (int j = 0; j < contexts.rows(); j++) {
            for (double v : evaluator.logDensity(events, Matrix.repeatRow(contexts.row(j), events.rows()))) {
                out[j] += v;
            }
        }
        return out;
    }

    private void assertSameSums(String what, FlowSpec spec, DataType type, Matrix events, Matrix contexts,
            double relativeTolerance) {
        FlowEvaluator evaluator = new FlowEvaluator(flow(spec, type, 11), X_SCALER, CONTEXT_SCALER, 64);
        double[] expected = rowAlignedSums(evaluator, events, contexts);
        double[] got = evaluator.summedLogDensity(events, contexts);
        assertEquals(contexts.rows(), got.length, what + ": sums");
        for (int j = 0; j < got.length; j++) {
            assertClose(what + ", context " + j, expected[j], got[j], relativeTolerance * Math.abs(expected[j]));
        }
    }

    @Test
    void mafWithLeadingSplineMatchesTheDevicePathInFloat64() {
        SplittableRandom rng = new SplittableRandom(1);
        assertSameSums("MAF, float64", FlowSpec.maf(1, 2, 4, List.of(16, 16)), DataType.FLOAT64,
                events(rng, 300, -5.2, 5.6), contexts(rng, 150), 1e-11);
    }

    @Test
    void nsfMatchesTheDevicePathInFloat64() {
        SplittableRandom rng = new SplittableRandom(2);
        assertSameSums("NSF, float64", FlowSpec.nsf(1, 2, 3, List.of(16, 16), 8, 3.0), DataType.FLOAT64,
                events(rng, 300, -5.2, 5.6), contexts(rng, 150), 1e-11);
    }

    @Test
    void boundedSupportMatchesAndAnEventOutsideItGivesMinusInfinity() {
        SplittableRandom rng = new SplittableRandom(3);
        FlowSpec spec = FlowSpec.nsf(1, 2, 3, List.of(16), 6, 3.0).withXSupport(Box.interval(-1, 1));
        Standardizer scaler = new Standardizer(new double[] {0.1}, new double[] {1.1});
        FlowEvaluator evaluator = new FlowEvaluator(flow(spec, DataType.FLOAT64, 5), scaler, CONTEXT_SCALER, 64);
        Matrix inside = events(rng, 200, -0.999, 0.999);
        Matrix grid = contexts(rng, 40);
        double[] expected = rowAlignedSums(evaluator, inside, grid);
        double[] got = evaluator.summedLogDensity(inside, grid);
        for (int j = 0; j < got.length; j++) {
            assertClose("bounded support, context " + j, expected[j], got[j], 1e-11 * Math.abs(expected[j]));
        }
        double[] outside = inside.toArray();
        outside[17] = 1.5;
        for (double s : evaluator.summedLogDensity(Matrix.ofColumn(outside), grid)) {
            assertEquals(Double.NEGATIVE_INFINITY, s, "sum with an event outside [-1, 1]");
        }
    }

    @Test
    void float32FlowsAgreeToSinglePrecision() {
        SplittableRandom rng = new SplittableRandom(4);
        assertSameSums("MAF, float32", FlowSpec.maf(1, 2, 4, List.of(16, 16)), DataType.FLOAT32,
                events(rng, 300, -5.2, 5.6), contexts(rng, 60), 2e-5);
        assertSameSums("NSF, float32", FlowSpec.nsf(1, 2, 3, List.of(16, 16), 8, 3.0), DataType.FLOAT32,
                events(rng, 300, -5.2, 5.6), contexts(rng, 60), 2e-5);
    }

    @Test
    void manyPairsRunInParallelBlocksWithTheSameSums() {
        SplittableRandom rng = new SplittableRandom(5);
        FlowEvaluator evaluator = new FlowEvaluator(flow(FlowSpec.nsf(1, 2, 2, List.of(8), 4, 3.0),
                DataType.FLOAT64, 7), X_SCALER, CONTEXT_SCALER, 1 << 14);
        Matrix manyEvents = events(rng, 3000, -4, 4);
        Matrix grid = contexts(rng, 401);
        double[] all = evaluator.summedLogDensity(manyEvents, grid);
        for (int j : new int[] {0, 1, 200, 399, 400}) {
            double[] one = evaluator.summedLogDensity(manyEvents, Matrix.ofRows(grid.row(j)));
            assertEquals(one[0], all[j], 1e-12 * Math.abs(one[0]), "context " + j + " alone and among 401");
        }
        double[] expected = rowAlignedSums(evaluator, manyEvents, Matrix.ofRows(grid.row(123)));
        assertClose("context 123 against the device path", expected[0], all[123], 1e-11 * Math.abs(expected[0]));
    }
}
