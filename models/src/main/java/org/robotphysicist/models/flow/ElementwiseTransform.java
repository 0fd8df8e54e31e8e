package org.robotphysicist.models.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * A monotone increasing scalar bijection y = τ(x; p) applied to every element of x, with its own
 * parameters p per element (from an autoregressive conditioner). Implementations hold no
 * parameters of their own; their outputs live in the manager of the array they start from.
 */
public interface ElementwiseTransform {

    /** P, the parameters per element. */
    int paramsPerDimension();

    /**
     * The data-to-noise direction.
     *
     * @param x      (B, D)
     * @param params (B, D, P)
     * @return y (B, D) and log dτ/dx (B, D)
     */
    NDList forward(NDArray x, NDArray params);

    /**
     * The noise-to-data direction, τ<sup>−1</sup>(y; p).
     *
     * @param y      (B, D)
     * @param params (B, D, P)
     * @return x (B, D)
     */
    NDArray inverse(NDArray y, NDArray params);

    /**
     * The same map for one element's parameters, in double precision on the CPU.
     *
     * @param params P values starting at {@code offset}, as one element's slice of {@link #forward}'s
     *               (B, D, P) parameters
     */
    ScalarMap scalarMap(double[] params, int offset);
}
