package org.robotphysicist.engine.design.bo;

import java.util.function.ToDoubleFunction;
import org.robotphysicist.data.Box;

/**
 * Standard global-optimization test functions (Dixon &amp; Szegő 1978; Surjanovic &amp; Bingham's
 * virtual library), all to be minimized, with their known minima.
 *
 * @param name    the function's name
 * @param domain  the search box
 * @param minimum the global minimum value
 * @param f       the function
 */
record BenchmarkFunctions(String name, Box domain, double minimum, ToDoubleFunction<double[]> f) {

    /** Branin–Hoo on [−5, 10] × [0, 15]; three global minima of 0.397887. */
    static BenchmarkFunctions branin() {
        double b = 5.1 / (4 * Math.PI * Math.PI);
        double c = 5 / Math.PI;
        double t = 1 / (8 * Math.PI);
        return new BenchmarkFunctions("Branin", new Box(new double[] {-5, 0}, new double[] {10, 15}), 0.397887357729739,
                x -> {
                    double u = x[1] - b * x[0] * x[0] + c * x[0] - 6;
                    return u * u + 10 * (1 - t) * Math.cos(x[0]) + 10;
                });
    }

    private static final double[] ALPHA = {1.0, 1.2, 3.0, 3.2};

    /** Hartmann-3 on [0, 1]³; minimum −3.86278 at (0.114614, 0.555649, 0.852547). */
    static BenchmarkFunctions hartmann3() {
        double[][] a = {{3, 10, 30}, {0.1, 10, 35}, {3, 10, 30}, {0.1, 10, 35}};
        double[][] p = {{0.3689, 0.1170, 0.2673}, {0.4699, 0.4387, 0.7470}, {0.1091, 0.8732, 0.5547},
            {0.0381, 0.5743, 0.8828}};
        return new BenchmarkFunctions("Hartmann-3", unitBox(3), -3.86278214782076, x -> hartmann(x, a, p));
    }

    /** Hartmann-6 on [0, 1]⁶; minimum −3.32237. */
    static BenchmarkFunctions hartmann6() {
        double[][] a = {{10, 3, 17, 3.5, 1.7, 8}, {0.05, 10, 17, 0.1, 8, 14}, {3, 3.5, 1.7, 10, 17, 8},
            {17, 8, 0.05, 10, 0.1, 14}};
        double[][] p = {{0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886}, {0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991},
            {0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650}, {0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381}};
        return new BenchmarkFunctions("Hartmann-6", unitBox(6), -3.32236801141551, x -> hartmann(x, a, p));
    }

    private static double hartmann(double[] x, double[][] a, double[][] p) {
        double s = 0;
        for (int i = 0; i < 4; i++) {
            double e = 0;
            for (int j = 0; j < x.length; j++) {
                e += a[i][j] * (x[j] - p[i][j]) * (x[j] - p[i][j]);
            }
            s += ALPHA[i] * Math.exp(-e);
        }
        return -s;
    }

    private static Box unitBox(int d) {
        double[] hi = new double[d];
        java.util.Arrays.fill(hi, 1);
        return new Box(new double[d], hi);
    }

    double value(double[] x) {
        return f.applyAsDouble(x);
    }
}
