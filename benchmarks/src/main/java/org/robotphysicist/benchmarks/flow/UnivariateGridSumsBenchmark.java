package org.robotphysicist.benchmarks.flow;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.jni.JniUtils;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.robotphysicist.benchmarks.BenchmarkArguments;
import org.robotphysicist.benchmarks.ThreadPinning;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.models.flow.ConditionalFlow;
import org.robotphysicist.models.flow.FlowEvaluator;
import org.robotphysicist.models.flow.FlowSpec;
import org.robotphysicist.models.neural.Standardizer;
import org.robotphysicist.training.device.Devices;

/**
 * Grid sums S<sub>j</sub> = Σ<sub>i</sub> log p̂(x<sub>i</sub> | θ<sub>j</sub>, φ) of a flow on
 * one-dimensional x (the shape of every Weinberg posterior and EIG estimate): the evaluator's grid
 * path, which runs each layer's conditioner once per grid point and applies the fixed maps to the
 * events on the CPU, beside the whole flow over all N·M (event, grid point) pairs on the device —
 * the row-aligned {@code FlowEvaluator.logDensity} in tiles, which is what the grid path cost before
 * — measured in the same run, rounds alternating. Flows are float32, randomly initialized with a
 * large output gain (the cost does not depend on the weights), on x ∈ [−1, 1] as cos θ.
 *
 * <p>Usage: {@code benchmarks/run-benchmark.sh org.robotphysicist.benchmarks.flow.UnivariateGridSumsBenchmark
 * [--kinds maf,nsf] [--layers 5] [--hidden 64,64] [--events 5000] [--grid 201] [--tile 16384] [--rounds 3]
 * [--threads 1|T|cores|default]}.
 */
public final class UnivariateGridSumsBenchmark {
    private UnivariateGridSumsBenchmark() {
    }

    public static void main(String[] args) {
        BenchmarkArguments opt = BenchmarkArguments.parse(args);
        String[] kinds = opt.string("kinds", "maf,nsf").split(",");
        int layers = opt.integer("layers", 5);
        List<Integer> hidden = Arrays.stream(opt.integers("hidden", "64,64")).boxed().toList();
        int n = opt.integer("events", 5000);
        int m = opt.integer("grid", 201);
        int tile = opt.integer("tile", FlowEvaluator.DEFAULT_TILE_ROWS);
        int rounds = opt.integer("rounds", 3);
        ThreadPinning threads = ThreadPinning.of(opt, "1").applyToDjl();
        Devices.engine();
        System.out.printf("one-dimensional flow grid sums: %d layers, MADE %s, float32, N = %d events, M = %d grid"
                + " points, %d-row tiles, %d rounds; libtorch intra-op threads %d (%s); %d cores%n", layers, hidden, n,
                m, tile, rounds, JniUtils.getNumThreads(), threads.threads() == null ? "default" : threads.threads(),
                Runtime.getRuntime().availableProcessors());
        SplittableRandom rng = new SplittableRandom(20261205);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 2 * rng.nextDouble() - 1;
        }
        Matrix events = Matrix.ofColumn(x);
        double[] c = new double[2 * m];
        for (int j = 0; j < m; j++) {
            c[2 * j] = 0.15 + 0.2 * j / (m - 1.0);
            c[2 * j + 1] = 58;
        }
        Matrix grid = Matrix.of(m, 2, c);
        Standardizer xScaler = new Standardizer(new double[] {0}, new double[] {1.2});
        Standardizer cScaler = new Standardizer(new double[] {0.25, 70}, new double[] {0.06, 17});
        try (NDManager manager = NDManager.newBaseManager()) {
            for (String kind : kinds) {
                FlowSpec spec = (kind.equals("maf") ? FlowSpec.maf(1, 2, layers, hidden)
                        : FlowSpec.nsf(1, 2, layers, hidden, FlowSpec.DEFAULT_BINS, FlowSpec.DEFAULT_TAIL_BOUND))
                        .withXSupport(Box.interval(-1, 1));
                ConditionalFlow flow = spec.build();
                flow.initializeParameters(manager, DataType.FLOAT32, new SplittableRandom(7), 1.0);
                FlowEvaluator evaluator = new FlowEvaluator(flow, xScaler, cScaler, tile);
                double[] gridPath = evaluator.summedLogDensity(events, grid);
                double[] pairPath = pairSums(evaluator, events, grid, tile);
                double[] gridSeconds = new double[rounds];
                double[] pairSeconds = new double[rounds];
                for (int r = 0; r < rounds; r++) {
                    long t0 = System.nanoTime();
                    gridPath = evaluator.summedLogDensity(events, grid);
                    long t1 = System.nanoTime();
                    pairPath = pairSums(evaluator, events, grid, tile);
                    long t2 = System.nanoTime();
                    gridSeconds[r] = (t1 - t0) * 1e-9;
                    pairSeconds[r] = (t2 - t1) * 1e-9;
                }
                double worst = 0;
                for (int j = 0; j < m; j++) {
                    worst = Math.max(worst, Math.abs(gridPath[j] - pairPath[j]) / Math.max(1, Math.abs(pairPath[j])));
                }
                double pairs = (double) n * m;
                double grid1 = BenchmarkArguments.median(gridSeconds);
                double pair1 = BenchmarkArguments.median(pairSeconds);
                System.out.printf("%s: grid path %.3f s (%.3g pairs/s), all pairs on the device %.3f s (%.3g pairs/s):"
                        + " ratio %.1f; largest relative difference of the sums %.1e (medians of %d)%n", kind, grid1,
                        pairs / grid1, pair1, pairs / pair1, pair1 / grid1, worst, rounds);
            }
        }
    }

    /** Σ over events of the row-aligned densities, N·M pairs in tiles of about {@code tile} rows. */
    private static double[] pairSums(FlowEvaluator evaluator, Matrix events, Matrix grid, int tile) {
        int n = events.rows();
        int perTile = Math.max(1, tile / n);
        double[] out = new double[grid.rows()];
        for (int j0 = 0; j0 < grid.rows(); j0 += perTile) {
            int j1 = Math.min(grid.rows(), j0 + perTile);
            double[] xs = new double[(j1 - j0) * n];
            double[] cs = new double[(j1 - j0) * n * 2];
            for (int j = j0; j < j1; j++) {
                for (int i = 0; i < n; i++) {
                    int r = (j - j0) * n + i;
                    xs[r] = events.get(i, 0);
                    cs[2 * r] = grid.get(j, 0);
                    cs[2 * r + 1] = grid.get(j, 1);
                }
            }
            double[] lp = evaluator.logDensity(Matrix.ofColumn(xs), Matrix.of(xs.length, 2, cs));
            for (int r = 0; r < lp.length; r++) {
                out[j0 + r / n] += lp[r];
            }
        }
        return out;
    }
}
