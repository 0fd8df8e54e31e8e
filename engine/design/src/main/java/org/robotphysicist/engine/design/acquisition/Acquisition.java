package org.robotphysicist.engine.design.acquisition;

/**
 * An acquisition function α(u) over the unit box [0, 1]<sup>D</sup> of a GP's domain: larger is a
 * more promising next evaluation. Implementations are immutable and thread-safe.
 */
public interface Acquisition {

    /** Input dimension D. */
    int dim();

    /** α at M unit-box points given row-major (M·D values); batched through one GP prediction. */
    double[] values(double[] unitPoints, int m);

    /** α(u) at one point, with ∂α/∂u<sub>d</sub> written into {@code gradient} (length D). */
    double valueAndGradient(double[] u, double[] gradient);
}
