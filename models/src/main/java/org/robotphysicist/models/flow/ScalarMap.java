package org.robotphysicist.models.flow;

/**
 * One element's bijection τ(·; p) with its parameters p fixed, evaluated in double precision on
 * the CPU. With one-dimensional x every conditioner reads the context only, so a flow's layers
 * are fixed maps once the context is: they are computed once per context
 * ({@link ElementwiseTransform#scalarMap}) and then applied to any number of events
 * ({@link UnivariateFlowChain}).
 */
public interface ScalarMap {

    /**
     * u<sub>i</sub> ← τ(u<sub>i</sub>) and logDerivative<sub>i</sub> += log τ′(u<sub>i</sub>) (at the
     * old u<sub>i</sub>) for i &lt; n.
     */
    void applyInPlace(double[] u, double[] logDerivative, int n);
}
