package org.robotphysicist.models.ratio;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.lang.management.ManagementFactory;
import java.util.stream.IntStream;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.compute.Cancellation;
import org.robotphysicist.models.AdaptiveTiling;
import org.robotphysicist.models.CompensatedSums;
import org.robotphysicist.models.GridEvaluator;
import org.robotphysicist.models.SurrogateArguments;
import org.robotphysicist.models.SurrogateLikelihood;
import org.robotphysicist.models.TilingConfig;
import org.robotphysicist.models.file.TrainedRanges;
import org.robotphysicist.models.neural.MlpSpec;
import org.robotphysicist.models.ratio.calibration.ScoreCalibration;

/**
 * The {@link GridEvaluator} of a {@link ParameterizedRatioClassifier} (its
 * {@link ParameterizedRatioClassifier#gridEvaluator}), evaluated on the classifier's device with
 * the first layer split ({@link SplitFirstLayer}):
 * <pre>
 *   S_j = Σ_{i&lt;N} g(f(A[i] + B[j])) − N·log Ẑ(θ_j, φ),
 * </pre>
 * where A (N, h<sub>1</sub>) = W<sub>x</sub>·z<sub>x</sub> + W<sub>φ</sub>·z<sub>φ</sub> + b is
 * computed once per event, B (M, h<sub>1</sub>) = W<sub>θ</sub>·z<sub>θ</sub> once per grid point,
 * f is the rest of the network ({@code Mlp#forwardAfterFirstLayer}: activation, remaining layers,
 * logit), g the classifier's {@link ScoreCalibration} and log Ẑ its {@link EvidenceNormalization}
 * (a per-θ term, so it is subtracted N times after summing, not per pair); g and log Ẑ are applied
 * by the classifier's own code, the same as its row-by-row evaluation uses.
 *
 * <p><b>Tiles.</b> A tile of R = {@link AdaptiveTiling#tileRows()} pairs covers
 * n = min(N, R) events × m = max(1, ⌊R / n⌋) grid points; its pre-activations are formed by
 * broadcasting (n, 1, h<sub>1</sub>) + (1, m, h<sub>1</sub>), so the N·M·D concatenated inputs and the
 * first layer's N·M rows never exist. With the identity calibration the n logits of each grid
 * point are reduced on the device (cast to float64, then summed) and only m numbers are copied
 * back; a non-identity calibration g is a non-linear, piecewise map evaluated in Java, so there
 * the tile's logits are copied back and calibrated row by row. Per-tile sums are accumulated in
 * float64 ({@link CompensatedSums}) and committed per block of grid points, so an out-of-memory
 * tile is retried at half the size without double counting. The starting tile comes from the
 * device's free memory and {@link #bytesPerRow} ({@link TilingConfig}); the automatic cap is
 * {@link #DEFAULT_MAX_TILE_ROWS} rows on the CPU, where activations still fit the caches. With
 * {@code concurrentTiles} &gt; 1 the grid is cut into that many contiguous ranges evaluated by
 * parallel threads (each tile owning its managers), which on the CPU with single-threaded kernels
 * uses every core without a barrier per operation.
 *
 * <p><b>Accuracy.</b> Against the classifier's own row-by-row forward pass the only differences
 * are the first layer's float rounding order (A[i] + B[j] rather than one dot product over the
 * D inputs) and the order of the float64 summation: a few units of the network's float epsilon
 * per logit (measured ≈ 7·10⁻⁸ per event; the tests bound it at 10⁻⁶). In float64
 * ({@code copyWithDataType(FLOAT64)}) the sums agree with a plain float64 forward pass of the
 * concatenated inputs to ≈ 10⁻¹⁵ of Σ<sub>i</sub>|ℓ<sub>ij</sub>| (tests: 10⁻⁹).
 *
 * <p><b>Validation</b> is that of the generic path: shapes and θ, φ ranges through
 * {@link SurrogateArguments#requireGridCall}, events against the trained x range per the
 * classifier's {@code RangePolicy}. Safe to call from several threads (each call owns its
 * managers; the network is only read). The classifier must stay open while it is used.
 *
 * <p><b>Cancellation.</b> An evaluator made with a {@link Cancellation} checks it before every
 * tile, so a cancelled or expired call stops within one tile with a
 * {@link org.robotphysicist.data.compute.ComputationCancelledException}.
 */
public final class SplitMlpGridEvaluator implements GridEvaluator {
    /**
     * Cap of an automatically chosen CPU tile, in (event, grid point) pairs: 2048 rows × 128
     * float32 activations (1 MB) stay in a core's cache; measured fastest of 1024–8192 for the
     * 3→128→128→128→1 network (benchmarks/README.md, "Posterior evaluator").
     */
    public static final int DEFAULT_MAX_TILE_ROWS = 1 << 11;
    /** Cap of an automatically chosen GPU tile: large enough that kernel launches do not dominate. */
    public static final int DEFAULT_MAX_GPU_TILE_ROWS = 1 << 20;

    private final ParameterizedRatioClassifier classifier;
    private final AdaptiveTiling tiling;
    private final int concurrentTiles;
    private final Cancellation cancellation;

    /**
     * Tiles chosen from the device's free memory, capped at {@value #DEFAULT_MAX_TILE_ROWS} pairs on
     * the CPU ({@value #DEFAULT_MAX_GPU_TILE_ROWS} on a GPU), run {@link #defaultConcurrentTiles} at a time.
     */
    public static SplitMlpGridEvaluator automatic(ParameterizedRatioClassifier classifier) {
        return automatic(classifier, Cancellation.none());
    }

    /** As {@link #automatic(ParameterizedRatioClassifier)}, stopped by {@code cancellation} between tiles. */
    public static SplitMlpGridEvaluator automatic(ParameterizedRatioClassifier classifier,
            Cancellation cancellation) {
        Device device = classifier.network().device();
        int concurrent = defaultConcurrentTiles(device);
        return new SplitMlpGridEvaluator(classifier, AdaptiveTiling.of(automaticTiles(device),
                availableBytes(device) / concurrent, bytesPerRow(classifier.network().spec(),
                        classifier.network().dataType())), concurrent, cancellation);
    }

    /** The automatic tiling of {@link #automatic} on {@code device}. */
    public static TilingConfig automaticTiles(Device device) {
        return new TilingConfig(0, 1, 0.25, device.isGpu() ? DEFAULT_MAX_GPU_TILE_ROWS : DEFAULT_MAX_TILE_ROWS);
    }

    /** One tile at a time. */
    public SplitMlpGridEvaluator(ParameterizedRatioClassifier classifier, TilingConfig config) {
        this(classifier, config, 1);
    }

    /**
     * @param concurrentTiles how many tiles run at once, from as many threads (≥ 1; see
     *                        {@link #defaultConcurrentTiles})
     */
    public SplitMlpGridEvaluator(ParameterizedRatioClassifier classifier, TilingConfig config,
            int concurrentTiles) {
        this(classifier, AdaptiveTiling.of(config, availableBytes(classifier.network().device()) / concurrentTiles,
                bytesPerRow(classifier.network().spec(), classifier.network().dataType())), concurrentTiles);
    }

    /** With an explicit tiling policy (for example one whose out-of-memory test is custom). */
    public SplitMlpGridEvaluator(ParameterizedRatioClassifier classifier, AdaptiveTiling tiling,
            int concurrentTiles) {
        this(classifier, tiling, concurrentTiles, Cancellation.none());
    }

    /** As above, checking {@code cancellation} before every tile. */
    public SplitMlpGridEvaluator(ParameterizedRatioClassifier classifier, AdaptiveTiling tiling,
            int concurrentTiles, Cancellation cancellation) {
        org.robotphysicist.data.Require.positive("concurrent tiles", concurrentTiles);
        this.classifier = classifier;
        this.tiling = tiling;
        this.concurrentTiles = concurrentTiles;
        this.cancellation = java.util.Objects.requireNonNull(cancellation, "cancellation");
    }

    /**
     * Tiles to run at once on {@code device}: one on a GPU (its kernels fill it); on the CPU, the
     * cores divided by libtorch's intra-op threads. With one intra-op thread per operation (DJL
     * property {@code ai.djl.pytorch.num_threads=1}) independent tiles on separate cores avoid the
     * fork-join barrier every operation of a small tile otherwise pays, which dominates on a busy
     * machine (benchmarks/README.md, "Posterior evaluator").
     */
    public static int defaultConcurrentTiles(Device device) {
        if (device.isGpu()) {
            return 1;
        }
        int intraOp;
        try {
            intraOp = ai.djl.pytorch.jni.JniUtils.getNumThreads();
        } catch (RuntimeException | LinkageError e) {
            return 1;
        }
        return Math.max(1, Runtime.getRuntime().availableProcessors() / Math.max(1, intraOp));
    }

    /**
     * Device memory one pair costs while its tile is evaluated: the pre-activation, and each hidden
     * layer's output and activation (3·Σh values), plus the logit and its float64 copy.
     */
    static long bytesPerRow(MlpSpec spec, DataType dataType) {
        long widths = 0;
        for (int h : spec.hiddenWidths()) {
            widths += h;
        }
        return (long) dataType.getNumOfBytes() * (3 * widths + 2) + Double.BYTES;
    }

    /**
     * Free memory of {@code device}: a GPU's free memory as CUDA reports it, otherwise the free
     * physical memory of the machine (CPU tensors live outside the Java heap).
     */
    static long availableBytes(Device device) {
        if (device.isGpu()) {
            try {
                var usage = ai.djl.util.cuda.CudaUtils.getGpuMemory(device);
                return usage.getMax() - usage.getUsed();
            } catch (RuntimeException | LinkageError e) {
                return 1L << 30;
            }
        }
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getFreeMemorySize();
        }
        return TilingConfig.availableHeapBytes();
    }

    @Override
    public SurrogateLikelihood surrogate() {
        return classifier;
    }

    /** The current tile size in pairs (after any out-of-memory shrinking). */
    public int tileRows() {
        return tiling.tileRows();
    }

    /** How many tiles run at once. */
    public int concurrentTiles() {
        return concurrentTiles;
    }

    /** How many tiles were retried smaller. */
    public int outOfMemoryRetries() {
        return tiling.retries();
    }

    @Override
    public String device() {
        return classifier.network().device().toString();
    }

    @Override
    public double[] logLikelihoodSums(Matrix events, Matrix thetas, double[] phi) {
        SurrogateArguments.requireGridCall(classifier, events, thetas, phi);
        TrainedRanges.enforce(classifier.rangePolicy(), classifier.kind(), "events", classifier.trainedRanges().x(),
                events);
        int m = thetas.rows();
        double[] out = new double[m];
        try (NDManager call = classifier.network().newSubManager()) {
            NDArray a = SplitFirstLayer.eventPart(classifier, call, events, phi);
            NDArray b = SplitFirstLayer.thetaPart(classifier, call, thetas);
            int parts = Math.min(concurrentTiles, m);
            if (parts == 1) {
                evaluateRange(a, b, events.rows(), 0, m, out);
            } else {
                IntStream.range(0, parts).parallel().forEach(p -> evaluateRange(a, b, events.rows(),
                        (int) ((long) m * p / parts), (int) ((long) m * (p + 1) / parts), out));
            }
        }
        classifier.subtractLogZ(out, thetas, Matrix.repeatRow(phi, m), events.rows());
        return GridEvaluator.requireValidSums(out, thetas, classifier);
    }

    /** Writes the sums of grid points [from, to) into {@code out}, block by block. */
    private void evaluateRange(NDArray a, NDArray b, int n, int from, int to, double[] out) {
        int j0 = from;
        while (j0 < to) {
            int start = j0;
            double[] block = tiling.run(rows -> evaluateBlock(a, b, n, to, start, rows));
            System.arraycopy(block, 0, out, start, block.length);
            j0 += block.length;
        }
    }

    /** The sums of grid points [j0, j0 + m) over all N events, m from the tile size (j0 + m ≤ mTotal). */
    private double[] evaluateBlock(NDArray a, NDArray b, int n, int mTotal, int j0, int tileRows) {
        int eventsPerTile = Math.min(n, tileRows);
        int gridPerTile = Math.max(1, tileRows / eventsPerTile);
        int j1 = Math.min(mTotal, j0 + gridPerTile);
        CompensatedSums sums = new CompensatedSums(j1 - j0);
        for (int i0 = 0; i0 < n; i0 += eventsPerTile) {
            int i1 = Math.min(n, i0 + eventsPerTile);
            cancellation.check();
            try (NDManager tile = a.getManager().newSubManager()) {
                NDArray pre = SplitFirstLayer.pairs(tile, a, b, i0, i1, j0, j1);
                NDArray logits = classifier.network().forwardAfterFirstLayer(pre).reshape(i1 - i0, j1 - j0);
                sums.addAll(0, reduceOverEvents(logits));
            }
        }
        return sums.values();
    }

    /** Σ over axis 0 of calibrated logits (n, m) → m values. */
    private double[] reduceOverEvents(NDArray logits) {
        if (classifier.calibrationIsIdentity()) {
            return logits.toType(DataType.FLOAT64, false).sum(new int[] {0}).toDoubleArray();
        }
        int rows = (int) logits.getShape().get(0);
        int cols = (int) logits.getShape().get(1);
        double[] values = logits.toType(DataType.FLOAT64, false).toDoubleArray();
        classifier.calibrateInPlace(values);
        CompensatedSums sums = new CompensatedSums(cols);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                sums.add(j, values[i * cols + j]);
            }
        }
        return sums.values();
    }

    @Override
    public String toString() {
        return "SplitMlpGridEvaluator(" + classifier + ", tile " + tiling.tileRows() + " pairs, " + concurrentTiles
                + " at once, on " + device() + ")";
    }
}
