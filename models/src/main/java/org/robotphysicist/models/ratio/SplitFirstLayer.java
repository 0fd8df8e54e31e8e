package org.robotphysicist.models.ratio;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.dataset.ColumnRole;
import org.robotphysicist.models.neural.AlignedArrays;
import org.robotphysicist.models.neural.Mlp;
import org.robotphysicist.models.neural.Standardizer;

/**
 * The first layer of a ratio classifier's MLP split by input block. With z the
 * standardized input ((x − μ<sub>x</sub>)/s<sub>x</sub>, (θ − μ<sub>θ</sub>)/s<sub>θ</sub>,
 * (φ − μ<sub>φ</sub>)/s<sub>φ</sub>) and W = [W<sub>x</sub> W<sub>θ</sub> W<sub>φ</sub>] the
 * first weight (h<sub>1</sub>, D) cut by column blocks,
 * <pre>
 *   W·z + b = (W<sub>x</sub>·z<sub>x</sub> + W<sub>φ</sub>·z<sub>φ</sub> + b) + W<sub>θ</sub>·z<sub>θ</sub> = A[i] + B[j],
 * </pre>
 * so for N events and M grid points the first layer costs N + M rows instead of N·M:
 * A = Z<sub>x</sub>·W<sub>x</sub>ᵀ + (W<sub>φ</sub>·z<sub>φ</sub> + b) of shape (N, h<sub>1</sub>), and
 * B = Z<sub>θ</sub>·W<sub>θ</sub>ᵀ of shape (M, h<sub>1</sub>). The pre-activation of every pair of a
 * tile of n events × m grid points is then the broadcast sum (n, 1, h<sub>1</sub>) + (1, m, h<sub>1</sub>).
 *
 * <p>Inputs are standardized in float64 and rounded once to the network's data type, as the
 * classifier's own forward pass does; the arrays are engine-allocated ({@link AlignedArrays}) so
 * results are reproducible.
 */
final class SplitFirstLayer {
    private SplitFirstLayer() {
    }

    /**
     * A = Z<sub>x</sub>·W<sub>x</sub>ᵀ + (z<sub>φ</sub>·W<sub>φ</sub>ᵀ + b), shape (N, h<sub>1</sub>),
     * owned by {@code m}.
     */
    static NDArray eventPart(ParameterizedRatioClassifier c, NDManager m, Matrix events, double[] phi) {
        Mlp net = c.network();
        try (NDManager tmp = m.newSubManager()) {
            NDArray w = net.firstLayerWeight(tmp);
            NDArray wx = columns(w, c.columns(ColumnRole.X));
            NDArray wp = columns(w, c.columns(ColumnRole.PHI));
            NDArray zx = standardized(tmp, c, ColumnRole.X, events);
            NDArray offset = net.firstLayerBias(tmp).expandDims(0); // (1, h1)
            if (phi.length > 0) {
                offset = standardized(tmp, c, ColumnRole.PHI, Matrix.ofRows(phi)).matMul(wp.transpose()).add(offset);
            }
            NDArray a = zx.matMul(wx.transpose()).add(offset);
            a.attach(m);
            return a;
        }
    }

    /** B = Z<sub>θ</sub>·W<sub>θ</sub>ᵀ, shape (M, h<sub>1</sub>), owned by {@code m}. */
    static NDArray thetaPart(ParameterizedRatioClassifier c, NDManager m, Matrix thetas) {
        try (NDManager tmp = m.newSubManager()) {
            NDArray wt = columns(c.network().firstLayerWeight(tmp), c.columns(ColumnRole.THETA));
            NDArray b = standardized(tmp, c, ColumnRole.THETA, thetas).matMul(wt.transpose());
            b.attach(m);
            return b;
        }
    }

    /**
     * The first-layer pre-activations of the pairs (i, j), i ∈ [i0, i1), j ∈ [j0, j1), in row-major
     * order (event-major), shape ((i1 − i0)·(j1 − j0), h<sub>1</sub>); it and every temporary are
     * owned by {@code m}.
     */
    static NDArray pairs(NDManager m, NDArray a, NDArray b, int i0, int i1, int j0, int j1) {
        long h = a.getShape().get(1);
        NDArray ai = a.get(new NDIndex("{}:{}", i0, i1));
        ai.attach(m);
        NDArray bj = b.get(new NDIndex("{}:{}", j0, j1));
        bj.attach(m);
        return ai.expandDims(1).add(bj.expandDims(0)).reshape((long) (i1 - i0) * (j1 - j0), h);
    }

    private static NDArray columns(NDArray w, int[] range) {
        return w.get(new NDIndex(":, {}:{}", range[0], range[1]));
    }

    private static NDArray standardized(NDManager m, ParameterizedRatioClassifier c, ColumnRole role, Matrix v) {
        Standardizer s = c.inputStandardizer();
        int[] cols = c.columns(role);
        double[] mean = s.mean();
        double[] scale = s.scale();
        int d = cols[1] - cols[0];
        int rows = v.rows();
        Shape shape = new Shape(rows, d);
        boolean f64 = c.network().dataType() == DataType.FLOAT64;
        double[] z = f64 ? new double[rows * d] : null;
        float[] f = f64 ? null : new float[rows * d];
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < d; k++) {
                double value = (v.get(r, k) - mean[cols[0] + k]) / scale[cols[0] + k];
                if (f64) {
                    z[r * d + k] = value;
                } else {
                    f[r * d + k] = (float) value;
                }
            }
        }
        return f64 ? AlignedArrays.of(m, z, shape) : AlignedArrays.of(m, f, shape);
    }
}
