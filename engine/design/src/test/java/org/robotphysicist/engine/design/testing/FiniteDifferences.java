package org.robotphysicist.engine.design.testing;

import java.util.function.ToDoubleFunction;

/** Central finite differences for checking analytic gradients in tests. */
public final class FiniteDifferences {
    private FiniteDifferences() {
    }

    /** (f(x + h e<sub>c</sub>) − f(x − h e<sub>c</sub>)) / 2h, error O(h²). */
    public static double partial(ToDoubleFunction<double[]> f, double[] x, int c, double h) {
        double[] up = x.clone();
        double[] down = x.clone();
        up[c] += h;
        down[c] -= h;
        return (f.applyAsDouble(up) - f.applyAsDouble(down)) / (2 * h);
    }
}
