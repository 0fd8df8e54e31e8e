package org.robotphysicist.benchmarks.flow;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import java.util.SplittableRandom;
import org.robotphysicist.benchmarks.training.EpochRates;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.models.flow.ConditionalFlow;
import org.robotphysicist.models.flow.FlowEvaluator;
import org.robotphysicist.models.flow.FlowSpec;
import org.robotphysicist.models.neural.AlignedArrays;
import org.robotphysicist.models.neural.Standardizer;
import org.robotphysicist.training.ProgressListener;
import org.robotphysicist.training.TrainingLoop;
import org.robotphysicist.training.device.DeviceRequest;
import org.robotphysicist.training.flow.FlowLikelihoodObjective;

/**
 * The Java side of {@link FlowThroughputBenchmark}: rows/s of a {@link ConditionalFlow} (float32,
 * DJL's PyTorch engine on the CPU or the device asked for) in three uses, each timed over whole
 * passes after one warm-up.
 * <ul>
 *   <li>{@link #blockLogProb}: log p(x | c) of a float32 table [x | c] already on the device, in
 *       fixed-size chunks through {@link ConditionalFlow#logProbOfRows}, gradient recording off,
 *       each chunk's values copied to a Java array: the work the peer does under
 *       {@code torch.no_grad()};</li>
 *   <li>{@link #evaluatorLogProb}: the same densities through {@link FlowEvaluator#logDensity}
 *       from {@link Matrix} inputs in original units (standardization in double precision,
 *       conversion to float32, upload, the standardization's Jacobian), as the engine calls it;</li>
 *   <li>{@link #training}: the project's {@link TrainingLoop} minimizing
 *       {@link FlowLikelihoodObjective} (the mean negative log-likelihood) with Adam: per epoch one
 *       seeded shuffle by gather, contiguous mini-batches, gradients zeroed, forward and backward,
 *       one Adam update; on the CPU, batches above 4 096 rows are back-propagated in 4 096-row
 *       micro-batches with accumulated gradients (one step per batch).</li>
 * </ul>
 */
final class FlowTimings {
    private FlowTimings() {
    }

    /**
     * The benchmark's table: c ~ N(0, I<sub>C</sub>) and x<sub>d</sub> = 0.5 c<sub>1</sub> +
     * (1 + 0.2 d) e<sup>0.3 c<sub>2</sub></sup> ε<sub>d</sub>, ε ~ N(0, 1), laid out [x | c] (N, D + C).
     */
    static Matrix table(int rows, int xDim, int contextDim, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int w = xDim + contextDim;
        double[] v = new double[rows * w];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < contextDim; j++) {
                v[i * w + xDim + j] = rng.nextGaussian();
            }
            double c1 = v[i * w + xDim];
            double scale = contextDim > 1 ? Math.exp(0.3 * v[i * w + xDim + 1]) : 1;
            for (int d = 0; d < xDim; d++) {
                v[i * w + d] = 0.5 * c1 + (1 + 0.2 * d) * scale * rng.nextGaussian();
            }
        }
        return Matrix.of(rows, w, v);
    }

    /** Columns [from, to) of m. */
    static Matrix columns(Matrix m, int from, int to) {
        double[] v = new double[m.rows() * (to - from)];
        double[] row = new double[m.cols()];
        for (int i = 0; i < m.rows(); i++) {
            m.copyRow(i, row);
            System.arraycopy(row, from, v, i * (to - from), to - from);
        }
        return Matrix.of(m.rows(), to - from, v);
    }

    /** A float32 flow initialized from {@code seed} in {@code manager}. */
    static ConditionalFlow flow(FlowSpec spec, NDManager manager, long seed) {
        ConditionalFlow flow = spec.build();
        flow.initializeParameters(manager, DataType.FLOAT32, new SplittableRandom(seed));
        return flow;
    }

    /** Rows/s of {@code passes} passes of the flow's log-density over the table, chunked, gradients off. */
    static double[] blockLogProb(FlowSpec spec, Matrix table, Device device, int chunk, int passes) {
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try (NDManager run = NDManager.newBaseManager(device)) {
            ConditionalFlow flow = flow(spec, run, 2);
            NDArray rows = AlignedArrays.of(run, table.toFloatArray(), new Shape(table.rows(), table.cols()));
            int n = table.rows();
            double[] rates = new double[passes];
            for (int p = -1; p < passes; p++) {
                long t0 = System.nanoTime();
                for (int s = 0; s < n; s += chunk) {
                    try (NDManager scope = run.newSubManager()) {
                        NDArray part = rows.get(new NDIndex("{}:{}", s, Math.min(n, s + chunk)));
                        part.attach(scope);
                        float[] lp = flow.logProbOfRows(new ParameterStore(scope, false), part, false).toFloatArray();
                        if (lp.length != part.getShape().get(0)) {
                            throw new IllegalStateException("log-prob returned " + lp.length + " values");
                        }
                    }
                }
                if (p >= 0) {
                    rates[p] = n / ((System.nanoTime() - t0) / 1e9);
                }
            }
            return rates;
        } finally {
            JniUtils.setGradMode(gradMode);
        }
    }

    /** Rows/s of {@code passes} calls of {@link FlowEvaluator#logDensity} on the table's x and context. */
    static double[] evaluatorLogProb(FlowSpec spec, Matrix table, Device device, int chunk, int passes) {
        Matrix x = columns(table, 0, spec.xDim());
        Matrix c = columns(table, spec.xDim(), table.cols());
        try (NDManager run = NDManager.newBaseManager(device)) {
            FlowEvaluator evaluator = new FlowEvaluator(flow(spec, run, 2), Standardizer.fit(x), Standardizer.fit(c),
                    chunk);
            double[] rates = new double[passes];
            for (int p = -1; p < passes; p++) {
                long t0 = System.nanoTime();
                double[] lp = evaluator.logDensity(x, c);
                if (lp.length != table.rows()) {
                    throw new IllegalStateException("log-density returned " + lp.length + " values");
                }
                if (p >= 0) {
                    rates[p] = table.rows() / ((System.nanoTime() - t0) / 1e9);
                }
            }
            return rates;
        }
    }

    /**
     * Rows/s of {@code epochs} epochs (after one warm-up) of the project's {@link TrainingLoop} on
     * {@link FlowLikelihoodObjective}: Adam at 10⁻³, batch {@code batch}, no validation split.
     */
    static double[] training(FlowSpec spec, Matrix table, DeviceRequest device, int batch, int epochs) {
        TrainingLoop trainer = new TrainingLoop(EpochRates.timingConfig(batch, epochs, device), ProgressListener.none());
        try (NDManager run = NDManager.newBaseManager(trainer.device())) {
            return EpochRates.measure(trainer, new FlowLikelihoodObjective(flow(spec, run, 2)), table);
        }
    }
}
