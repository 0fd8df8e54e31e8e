package org.robotphysicist.models.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.DimensionMismatchException;
import org.robotphysicist.data.Matrix;

class SupportBijectionTest {
    private static final Box SUPPORT = new Box(new double[] {-1, 0.5, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY},
            new double[] {1, Double.POSITIVE_INFINITY, 2, Double.POSITIVE_INFINITY});
    private static final SupportBijection G = SupportBijection.of(SUPPORT);

    @Test
    void mapsTheSupportOntoTheRealsAndBack() {
        SplittableRandom rng = new SplittableRandom(1);
        int n = 200;
        double[] y = new double[n * 4];
        for (int i = 0; i < y.length; i++) {
            y[i] = 4 * rng.nextGaussian();
        }
        Matrix x = G.toSupport(Matrix.of(n, 4, y));
        double[] row = new double[4];
        for (int r = 0; r < n; r++) {
            x.copyRow(r, row);
            assertTrue(SUPPORT.contains(row), java.util.Arrays.toString(row));
        }
        double[] back = G.toReal(x).y().toArray();
        double worst = 0;
        for (int i = 0; i < y.length; i++) {
            // x = a + (b − a)σ(y) carries y only to the precision σ(y) keeps: relative 1e-16 of 1/(σ(1 − σ)).
            double tolerance = 1e-12 * Math.exp(Math.abs(y[i]));
            worst = Math.max(worst, Math.abs(back[i] - y[i]) / Math.max(tolerance, 1e-12));
        }
        assertTrue(worst <= 1, "worst round-trip error in units of its tolerance: " + worst);
    }

    @Test
    void logJacobianMatchesCentralDifferences() {
        double[][] points = {{-0.999, 0.501, 1.999, -3}, {0.3, 7, -40, 0.2}, {0.9999, 1e3, 1.5, 11}};
        for (double[] x : points) {
            double lj = G.toReal(Matrix.ofRows(x)).logJacobian()[0];
            double numerical = 0;
            for (int d = 0; d < 4; d++) {
                double distance = Math.min(x[d] - SUPPORT.lower(d), SUPPORT.upper(d) - x[d]);
                double h = 1e-6 * Math.min(Math.max(1, Math.abs(x[d])), distance);
                double[] up = x.clone();
                double[] down = x.clone();
                up[d] += h;
                down[d] -= h;
                double dy = G.toReal(Matrix.ofRows(up)).y().toArray()[d] - G.toReal(Matrix.ofRows(down)).y().toArray()[d];
                numerical += Math.log(Math.abs(dy / (2 * h)));
            }
            assertEquals(numerical, lj, 1e-6, "log|det dy/dx| at " + java.util.Arrays.toString(x));
        }
    }

    @Test
    void outsideTheSupportTheLogJacobianIsMinusInfinityAndEdgesAreClamped() {
        SupportBijection.Mapped m = G.toReal(Matrix.of(3, 4, new double[] {
            1.0000001, 1, 0, 0,
            -1, 0.5, 2, 0,
            0, 0.4, 0, 0}));
        assertEquals(Double.NEGATIVE_INFINITY, m.logJacobian()[0], "x_0 above 1");
        assertEquals(Double.NEGATIVE_INFINITY, m.logJacobian()[2], "x_1 below 0.5");
        assertEquals(Double.NEGATIVE_INFINITY, m.totalLogJacobian());
        assertTrue(Double.isFinite(m.logJacobian()[1]), "every edge itself is clamped: " + m.logJacobian()[1]);
        double clamped = Math.log(SupportBijection.EDGE_CLAMP);
        assertEquals(clamped, m.y().get(1, 0), 1e-6, "logit at the lower edge of [-1, 1]");
        assertEquals(clamped, m.y().get(1, 1), 1e-12, "log(x - a) at the edge of [0.5, inf)");
        assertEquals(-clamped, m.y().get(1, 2), 1e-12, "-log(b - x) at the edge of (-inf, 2]");
    }

    @Test
    void unboundedIsTheIdentityAndWidthsAreChecked() {
        SupportBijection identity = SupportBijection.of(Box.unbounded(2));
        Matrix x = Matrix.ofRows(new double[] {3, -4});
        assertTrue(identity.isIdentity());
        assertSame(x, identity.toReal(x).y());
        assertEquals(0, identity.toReal(x).logJacobian()[0]);
        assertThrows(DimensionMismatchException.class, () -> G.toReal(x));
    }
}
