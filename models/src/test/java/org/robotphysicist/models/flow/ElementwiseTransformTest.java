package org.robotphysicist.models.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.robotphysicist.data.testing.StatisticalAssertions.assertClose;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.robotphysicist.data.InvalidInputException;

/** The spline and affine elementwise maps, checked against their defining formulas (float64). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ElementwiseTransformTest {
    private static final int K = 5;
    private static final double B = 2.0;
    private static final double MIN = 1e-3;
    private final RationalQuadraticSpline spline = new RationalQuadraticSpline(K, B, MIN, MIN, MIN);
    private NDManager m;

    @BeforeAll
    void open() {
        m = NDManager.newBaseManager();
    }

    @AfterAll
    void close() {
        m.close();
    }

    /** The same spline parameters (3K − 1) for every one of n scalar inputs: arrays (n, 1), (n, 1, P). */
    private NDList forward(ElementwiseTransform t, double[] params, double[] x) {
        return t.forward(m.create(x, new Shape(x.length, 1)), repeat(params, x.length));
    }

    private NDArray repeat(double[] params, int n) {
        double[] all = new double[n * params.length];
        for (int i = 0; i < n; i++) {
            System.arraycopy(params, 0, all, i * params.length, params.length);
        }
        return m.create(all, new Shape(n, 1, params.length));
    }

    private static double[] randomSplineParams(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] p = new double[3 * K - 1];
        for (int i = 0; i < p.length; i++) {
            p[i] = 1.5 * rng.nextGaussian();
        }
        return p;
    }

    /** Knot coordinates from the documented parameterization: −B + 2B·cumsum(m + (1 − Km)·softmax). */
    private static double[] knots(double[] p, int offset) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < K; k++) {
            max = Math.max(max, p[offset + k]);
        }
        double z = 0;
        for (int k = 0; k < K; k++) {
            z += Math.exp(p[offset + k] - max);
        }
        double[] out = new double[K + 1];
        out[0] = -B;
        for (int k = 0; k < K; k++) {
            double fraction = MIN + (1 - K * MIN) * Math.exp(p[offset + k] - max) / z;
            out[k + 1] = out[k] + 2 * B * fraction;
        }
        out[K] = B;
        return out;
    }

    @Test
    void uniformBinsWithUnitSlopesAreTheIdentity() {
        double[] p = new double[3 * K - 1];
        double unitSlope = Math.log(Math.exp(1 - MIN) - 1);
        for (int k = 2 * K; k < p.length; k++) {
            p[k] = unitSlope;
        }
        double[] x = {-5, -B, -1.3, -0.2, 0, 0.77, 1.99, B, 9};
        NDList out = forward(spline, p, x);
        double[] y = out.get(0).toDoubleArray();
        double[] logDerivative = out.get(1).toDoubleArray();
        for (int i = 0; i < x.length; i++) {
            assertClose("identity spline at " + x[i], x[i], y[i], 1e-12);
            assertClose("identity spline log-derivative at " + x[i], 0, logDerivative[i], 1e-12);
        }
    }

    @Test
    void splinePassesThroughItsKnotsWithItsKnotSlopesOnBothSides() {
        double[] p = randomSplineParams(1);
        double[] xk = knots(p, 0);
        double[] yk = knots(p, K);
        double[] slopes = new double[K + 1];
        slopes[0] = 1;
        slopes[K] = 1;
        for (int k = 1; k < K; k++) {
            double raw = p[2 * K + k - 1];
            slopes[k] = MIN + Math.log1p(Math.exp(raw));
        }
        double eps = 1e-10;
        double[] x = new double[3 * (K + 1)];
        for (int k = 0; k <= K; k++) {
            x[3 * k] = xk[k] - eps;
            x[3 * k + 1] = xk[k];
            x[3 * k + 2] = xk[k] + eps;
        }
        NDList out = forward(spline, p, x);
        double[] y = out.get(0).toDoubleArray();
        double[] ld = out.get(1).toDoubleArray();
        for (int k = 0; k <= K; k++) {
            assertClose("spline value at knot " + k, yk[k], y[3 * k + 1], 1e-12);
            for (int s = 0; s < 3; s++) {
                assertClose("log-slope at knot " + k + " (side " + (s - 1) + ")", Math.log(slopes[k]), ld[3 * k + s],
                        1e-6);
            }
        }
    }

    @Test
    void splineIsIncreasingWithTheLogDerivativeOfAFiniteDifference() {
        double[] p = randomSplineParams(2);
        int n = 2001;
        double h = 1e-6;
        double[] x = new double[3 * n];
        for (int i = 0; i < n; i++) {
            double xi = -1.3 * B + 2.6 * B * i / (n - 1);
            x[3 * i] = xi - h;
            x[3 * i + 1] = xi;
            x[3 * i + 2] = xi + h;
        }
        NDList out = forward(spline, p, x);
        double[] y = out.get(0).toDoubleArray();
        double[] ld = out.get(1).toDoubleArray();
        double worst = 0;
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                assertTrue(y[3 * i + 1] > y[3 * (i - 1) + 1], "increasing at x = " + x[3 * i + 1]);
            }
            if (Math.abs(Math.abs(x[3 * i + 1]) - B) > 2 * h) {
                double fd = Math.log((y[3 * i + 2] - y[3 * i]) / (2 * h));
                worst = Math.max(worst, Math.abs(fd - ld[3 * i + 1]));
            }
        }
        double measured = worst;
        assertTrue(worst < 1e-6, () -> "max |log dy/dx - finite difference| = " + measured);
    }

    @Test
    void tailsAreTheIdentityAndTheInverseIsExact() {
        double[] p = randomSplineParams(3);
        double[] x = {-1e6, -10, -B - 1e-9, -B, -1.999, -0.5, 0, 0.123, 1.5, B, B + 1e-9, 3, 1e6};
        NDList out = forward(spline, p, x);
        double[] y = out.get(0).toDoubleArray();
        double[] ld = out.get(1).toDoubleArray();
        double[] back = spline.inverse(out.get(0), repeat(p, x.length)).toDoubleArray();
        for (int i = 0; i < x.length; i++) {
            if (Math.abs(x[i]) > B) {
                assertEquals(x[i], y[i], "identity tail at " + x[i]);
                assertEquals(0.0, ld[i], "zero log-derivative in the tail at " + x[i]);
            } else {
                assertTrue(Math.abs(y[i]) <= B, "the interval maps onto itself: " + x[i] + " -> " + y[i]);
            }
            assertClose("inverse at " + x[i], x[i], back[i], 1e-12 * (1 + Math.abs(x[i])));
        }
    }

    @Test
    void invalidSplinesAreRejected() {
        assertThrows(InvalidInputException.class, () -> new RationalQuadraticSpline(1, 3, MIN, MIN, MIN));
        assertThrows(InvalidInputException.class, () -> new RationalQuadraticSpline(8, 0, MIN, MIN, MIN));
        var e = assertThrows(InvalidInputException.class, () -> new RationalQuadraticSpline(8, 3, 0.2, MIN, MIN));
        assertTrue(e.getMessage().contains("bins × minimum < 1"), e.getMessage());
    }

    @Test
    void affineLogScaleIsSoftlyClampedAndInverts() {
        double bound = 3;
        AffineTransform affine = new AffineTransform(bound);
        double[] x = {-2, 0.5, 4, 1, 1};
        double[] params = {0.5, 0.1, -1, 1e6, 2, -1e6, 0.3, 0.0, -0.3, 2.0};
        NDArray pa = m.create(params, new Shape(5, 1, 2));
        NDList out = affine.forward(m.create(x, new Shape(5, 1)), pa);
        double[] y = out.get(0).toDoubleArray();
        double[] ld = out.get(1).toDoubleArray();
        for (int i = 0; i < x.length; i++) {
            double alpha = bound * Math.tanh(params[2 * i + 1] / bound);
            assertClose("affine output " + i, (x[i] - params[2 * i]) * Math.exp(-alpha), y[i], 1e-12);
            assertClose("affine log-derivative " + i, -alpha, ld[i], 1e-12);
            assertTrue(Math.abs(ld[i]) <= bound, "|alpha| <= A");
        }
        assertClose("saturated log-scale", -bound, ld[1], 1e-12);
        double[] back = affine.inverse(out.get(0), pa).toDoubleArray();
        for (int i = 0; i < x.length; i++) {
            assertClose("affine inverse " + i, x[i], back[i], 1e-12);
        }
        assertThrows(InvalidInputException.class, () -> new AffineTransform(0));
    }
}
