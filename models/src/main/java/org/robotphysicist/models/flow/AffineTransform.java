package org.robotphysicist.models.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import org.robotphysicist.data.Require;
import org.robotphysicist.models.neural.AlignedArrays;

/**
 * The affine MAF transform (Papamakarios, Pavlakou, Murray 2017) with a bounded log-scale:
 * <pre>
 *   α = A · tanh(s / A),    y = (x − μ) · exp(−α),    log dy/dx = −α,
 *   x = y · exp(α) + μ      (inverse)
 * </pre>
 * from the parameters p = (μ, s). The soft clamp keeps |α| &lt; A for any conditioner output, so
 * one layer changes a scale by at most a factor e<sup>A</sup> and neither direction can overflow;
 * near s = 0 it is the identity map α = s. Defined on all of ℝ.
 */
public final class AffineTransform implements ElementwiseTransform {
    /** Parameters per element: the shift μ and the unbounded log-scale s. */
    public static final int PARAMS_PER_DIMENSION = 2;
    private final double bound;

    /** @param logScaleBound A > 0 */
    public AffineTransform(double logScaleBound) {
        this.bound = Require.positive("affine log-scale bound", logScaleBound);
    }

    @Override
    public int paramsPerDimension() {
        return PARAMS_PER_DIMENSION;
    }

    /**
     * α = A·tanh(s / A). The bound is an array operand in the parameters' manager, not a Java
     * number: on the PyTorch engine DJL frees the tensor it makes of a number operand right after
     * the operation, while autograd keeps it for the backward pass.
     */
    private NDArray logScale(NDArray params) {
        NDArray a = AlignedArrays.scalarLike(params, bound);
        return params.get(new NDIndex(":, :, 1")).div(a).tanh().mul(a);
    }

    @Override
    public NDList forward(NDArray x, NDArray params) {
        NDArray alpha = logScale(params);
        NDArray y = x.sub(params.get(new NDIndex(":, :, 0"))).mul(alpha.neg().exp());
        return new NDList(y, alpha.neg());
    }

    /** y = (x − μ)·e<sup>−α</sup> with α = A·tanh(s / A), as {@link #forward}. */
    @Override
    public ScalarMap scalarMap(double[] params, int offset) {
        double mu = params[offset];
        double alpha = bound * Math.tanh(params[offset + 1] / bound);
        double scale = Math.exp(-alpha);
        return (u, logDerivative, n) -> {
            for (int i = 0; i < n; i++) {
                u[i] = (u[i] - mu) * scale;
                logDerivative[i] -= alpha;
            }
        };
    }

    @Override
    public NDArray inverse(NDArray y, NDArray params) {
        return y.mul(logScale(params).exp()).add(params.get(new NDIndex(":, :, 0")));
    }
}
