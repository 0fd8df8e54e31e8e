package org.robotphysicist.models.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.robotphysicist.data.DimensionMismatchException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.Require;
import org.robotphysicist.models.neural.Standardizer;

/**
 * Evaluates a {@link ConditionalFlow} in the original units of x and of the context, in tiles on
 * the flow's device. With the spec's {@link SupportBijection} y = g(x) and standardizers
 * z = (y − μ<sub>y</sub>)/s<sub>y</sub> and z<sub>c</sub> = (c − μ<sub>c</sub>)/s<sub>c</sub>,
 * <pre>
 *   log p(x | c) = log p_{flow}(z | z_c) − Σ_d log s_{y,d} + log|det ∂g/∂x|,
 * </pre>
 * so values are normalized densities over the support of x in its own units, −∞ outside it (for
 * unbounded x, g is the identity and y = x). The x standardizer is fitted on y.
 *
 * <p>Every tile runs in a sub-manager of the parameters' manager, closed before the next tile:
 * only Java arrays leave a call, and nothing accumulates in the model's manager. Inputs are
 * standardized in double precision, then converted to the flow's data type; the per-event values
 * of {@link #summedLogDensity} are summed in float64 (on the device, or on the CPU for one-dimensional
 * x, whose layers are fixed maps once the context is: {@link UnivariateFlowChain}). The flow must not be trained
 * while an evaluation runs.
 */
public final class FlowEvaluator {
    /** Default rows per tile: large enough to amortize per-operation overhead, small enough for cache. */
    public static final int DEFAULT_TILE_ROWS = 1 << 14;
    /** Event–context pairs above which a one-dimensional flow's sums run in parallel. */
    private static final long PARALLEL_PAIRS = 1 << 20;

    private final ConditionalFlow flow;
    private final Standardizer xScaler;
    private final Standardizer contextScaler;
    private final int tileRows;
    private final SupportBijection bijection;

    /**
     * @param flow          an initialized (or loaded) flow
     * @param xScaler       standardizer of y = g(x), D<sub>x</sub> columns
     * @param contextScaler standardizer of the context, D<sub>c</sub> columns
     * @param tileRows      rows per device batch, ≥ 1
     */
    public FlowEvaluator(ConditionalFlow flow, Standardizer xScaler, Standardizer contextScaler, int tileRows) {
        FlowSpec spec = flow.spec();
        if (xScaler.dim() != spec.xDim()) {
            throw new DimensionMismatchException("x standardizer columns", spec.xDim(), xScaler.dim());
        }
        if (contextScaler.dim() != spec.contextDim()) {
            throw new DimensionMismatchException("context standardizer columns", spec.contextDim(), contextScaler.dim());
        }
        Require.positive("flow evaluation tile rows", tileRows);
        flow.dataType();
        this.flow = flow;
        this.xScaler = xScaler;
        this.contextScaler = contextScaler;
        this.tileRows = tileRows;
        this.bijection = spec.supportBijection();
    }

    public ConditionalFlow flow() {
        return flow;
    }

    public Standardizer xStandardizer() {
        return xScaler;
    }

    /** The map of x from its support onto ℝ<sup>D<sub>x</sub></sup> (the identity for unbounded x). */
    public SupportBijection supportBijection() {
        return bijection;
    }

    public Standardizer contextStandardizer() {
        return contextScaler;
    }

    /**
     * Row-aligned log-densities in original units: element b is log p(x<sub>b</sub> | c<sub>b</sub>),
     * −∞ where x<sub>b</sub> lies outside the support.
     *
     * @param x       (B, D<sub>x</sub>)
     * @param context (B, D<sub>c</sub>)
     * @return length B
     */
    public double[] logDensity(Matrix x, Matrix context) {
        int b = x.requireShape("x", -1, flow.spec().xDim()).rows();
        context.requireShape("context", b, flow.spec().contextDim());
        SupportBijection.Mapped mapped = bijection.toReal(x);
        double[] z = xScaler.apply(mapped.y()).toArray();
        double[] zc = contextScaler.apply(context).toArray();
        double jacobian = xScaler.logAbsDetJacobian();
        double[] out = new double[b];
        for (int r0 = 0; r0 < b; r0 += tileRows) {
            int r1 = Math.min(b, r0 + tileRows);
            try (NDManager scope = flow.parameterManager().newSubManager()) {
                NDArray xa = rows(scope, z, flow.spec().xDim(), r0, r1);
                NDArray ca = rows(scope, zc, flow.spec().contextDim(), r0, r1);
                double[] lp = flow.logProb(new ParameterStore(scope, false), xa, ca, false)
                        .toType(DataType.FLOAT64, false).toDoubleArray();
                for (int i = 0; i < lp.length; i++) {
                    out[r0 + i] = lp[i] + jacobian + mapped.logJacobian()[r0 + i];
                }
            }
        }
        return out;
    }

    /**
     * Σ<sub>i</sub> log p(x<sub>i</sub> | c<sub>j</sub>) for every context row j: the N×M pairs are
     * formed on the device (events tiled, contexts repeated) in tiles of about the configured rows,
     * reduced over events there, and only the M sums come back. For one-dimensional x the conditioners
     * run once per context row instead, and their fixed maps are applied to the N events in double
     * precision on the CPU (M network passes instead of N·M). An event outside the support makes
     * every sum −∞.
     *
     * @param events      (N, D<sub>x</sub>), N ≥ 1
     * @param contextGrid (M, D<sub>c</sub>), M ≥ 1
     * @return length M
     */
    public double[] summedLogDensity(Matrix events, Matrix contextGrid) {
        int n = events.requireShape("events", -1, flow.spec().xDim()).requireNonEmpty("events").rows();
        int m = contextGrid.requireShape("context grid", -1, flow.spec().contextDim())
                .requireNonEmpty("context grid").rows();
        SupportBijection.Mapped mapped = bijection.toReal(events);
        double[] z = xScaler.apply(mapped.y()).toArray();
        double[] zc = contextScaler.apply(contextGrid).toArray();
        double[] out = flow.spec().xDim() == 1 ? univariateSums(z, zc, m) : pairedSums(z, n, zc, m);
        double jacobian = n * xScaler.logAbsDetJacobian() + mapped.totalLogJacobian();
        for (int j = 0; j < m; j++) {
            out[j] += jacobian;
        }
        return out;
    }

    /**
     * The standardized sums for one-dimensional x: each tile of contexts runs the conditioners once
     * ({@link UnivariateFlowChain}), then the fixed maps are applied to all N events on the CPU, in
     * parallel over blocks of contexts when the pairs are many.
     */
    private double[] univariateSums(double[] z, double[] zc, int m) {
        int n = z.length;
        double[] out = new double[m];
        int contextDim = flow.spec().contextDim();
        for (int j0 = 0; j0 < m; j0 += tileRows) {
            int j1 = Math.min(m, j0 + tileRows);
            try (NDManager scope = flow.parameterManager().newSubManager()) {
                UnivariateFlowChain chain = UnivariateFlowChain.of(flow, new ParameterStore(scope, false),
                        rows(scope, zc, contextDim, j0, j1));
                int contexts = j1 - j0;
                int blockSize = (long) n * contexts < PARALLEL_PAIRS ? contexts : Math.max(1, contexts / 16);
                int blocks = (contexts + blockSize - 1) / blockSize;
                int offset = j0;
                IntStream range = IntStream.range(0, blocks);
                (blocks > 1 ? range.parallel() : range).forEach(b -> {
                    double[][] scratch = {new double[n], new double[n]};
                    for (int j = b * blockSize; j < Math.min(contexts, (b + 1) * blockSize); j++) {
                        out[offset + j] = chain.summedLogDensity(j, z, n, scratch);
                    }
                });
            }
        }
        return out;
    }

    /** The standardized sums in general: the N×M pairs through the whole flow on the device. */
    private double[] pairedSums(double[] z, int n, double[] zc, int m) {
        double[] out = new double[m];
        int chunk = Math.min(n, tileRows);
        for (int e0 = 0; e0 < n; e0 += chunk) {
            int e1 = Math.min(n, e0 + chunk);
            int rowsPerEvent = e1 - e0;
            int gridPerTile = Math.max(1, tileRows / rowsPerEvent);
            try (NDManager chunkScope = flow.parameterManager().newSubManager()) {
                NDArray xa = rows(chunkScope, z, flow.spec().xDim(), e0, e1);
                for (int j0 = 0; j0 < m; j0 += gridPerTile) {
                    int j1 = Math.min(m, j0 + gridPerTile);
                    try (NDManager tile = chunkScope.newSubManager()) {
                        xa.tempAttach(tile);
                        NDArray ca = rows(tile, zc, flow.spec().contextDim(), j0, j1).repeat(0, rowsPerEvent);
                        NDArray xs = xa.tile(new long[] {j1 - j0, 1});
                        double[] sums = flow.logProb(new ParameterStore(tile, false), xs, ca, false)
                                .toType(DataType.FLOAT64, false).reshape(j1 - j0, rowsPerEvent).sum(new int[] {1})
                                .toDoubleArray();
                        for (int j = j0; j < j1; j++) {
                            out[j] += sums[j - j0];
                        }
                    }
                }
            }
        }
        return out;
    }

    /**
     * One draw x ~ p(· | c<sub>b</sub>) per context row, in original units and inside the support
     * (y drawn from the flow, then x = g<sup>−1</sup>(y)); each tile draws its noise from its own
     * split of {@code rng}.
     *
     * @param context (B, D<sub>c</sub>)
     * @return (B, D<sub>x</sub>)
     */
    public Matrix sample(Matrix context, SplittableRandom rng) {
        int b = context.requireShape("context", -1, flow.spec().contextDim()).rows();
        int dx = flow.spec().xDim();
        double[] zc = contextScaler.apply(context).toArray();
        double[] z = new double[b * dx];
        for (int r0 = 0; r0 < b; r0 += tileRows) {
            int r1 = Math.min(b, r0 + tileRows);
            SplittableRandom tileRng = rng.split();
            try (NDManager scope = flow.parameterManager().newSubManager()) {
                NDArray ca = rows(scope, zc, flow.spec().contextDim(), r0, r1);
                double[] draws = flow.sample(new ParameterStore(scope, false), ca, tileRng)
                        .toType(DataType.FLOAT64, false).toDoubleArray();
                System.arraycopy(draws, 0, z, r0 * dx, draws.length);
            }
        }
        return bijection.toSupport(xScaler.invert(Matrix.of(b, dx, z)));
    }

    /** Rows [r0, r1) of a row-major (·, cols) array as an NDArray of the flow's type on its device. */
    private NDArray rows(NDManager manager, double[] values, int cols, int r0, int r1) {
        Shape shape = new Shape(r1 - r0, cols);
        if (flow.dataType() == DataType.FLOAT64) {
            return manager.create(java.util.Arrays.copyOfRange(values, r0 * cols, r1 * cols), shape);
        }
        float[] f = new float[(r1 - r0) * cols];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[r0 * cols + i];
        }
        return manager.create(f, shape);
    }
}
