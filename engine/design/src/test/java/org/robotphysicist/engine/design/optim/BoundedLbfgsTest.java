package org.robotphysicist.engine.design.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.robotphysicist.data.testing.StatisticalAssertions.assertClose;

import org.junit.jupiter.api.Test;
import org.robotphysicist.data.DimensionMismatchException;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.NonFiniteValueException;

class BoundedLbfgsTest {
    private static final BoundedLbfgs.Objective ROSENBROCK = (x, g) -> {
        double a = 1 - x[0];
        double b = x[1] - x[0] * x[0];
        if (g != null) {
            g[0] = -2 * a - 400 * x[0] * b;
            g[1] = 200 * b;
        }
        return a * a + 100 * b * b;
    };

    @Test
    void findsTheRosenbrockMinimumInsideTheBox() {
        BoundedLbfgs.Result r = BoundedLbfgs.minimize(ROSENBROCK, new double[] {-1.2, 1}, new double[] {-2, -2},
                new double[] {2, 2}, new BoundedLbfgs.Settings(10, 500, 1e-8, 0));
        assertClose("x0 at the Rosenbrock minimum", 1, r.x()[0], 1e-5);
        assertClose("x1 at the Rosenbrock minimum", 1, r.x()[1], 1e-5);
        assertTrue(r.iterations() < 100, () -> "iterations " + r.iterations() + " (expected < 100 for L-BFGS)");
    }

    @Test
    void stopsOnTheActiveBoundWithTheConstrainedMinimum() {
        // Rosenbrock restricted to x0 <= 0.5: the minimum lies on the bound, at (0.5, 0.25).
        BoundedLbfgs.Result r = BoundedLbfgs.minimize(ROSENBROCK, new double[] {-1.2, 1}, new double[] {-2, -2},
                new double[] {0.5, 2}, new BoundedLbfgs.Settings(10, 500, 1e-9, 0));
        assertClose("x0 on the active bound", 0.5, r.x()[0], 0);
        assertClose("x1 at the constrained minimum", 0.25, r.x()[1], 1e-6);
        assertEquals(BoundedLbfgs.Termination.GRADIENT, r.termination());
    }

    @Test
    void quadraticWithSeveralActiveBounds() {
        // f = Σ (i+1)(x_i − c_i)² with c outside the box in some coordinates: x* = clamp(c).
        double[] c = {3, -2, 0.3, 0.7, -5, 0.1};
        BoundedLbfgs.Objective f = (x, g) -> {
            double s = 0;
            for (int i = 0; i < x.length; i++) {
                s += (i + 1) * (x[i] - c[i]) * (x[i] - c[i]);
                if (g != null) {
                    g[i] = 2 * (i + 1) * (x[i] - c[i]);
                }
            }
            return s;
        };
        double[] lo = new double[6];
        double[] hi = new double[6];
        java.util.Arrays.fill(hi, 1);
        BoundedLbfgs.Result r = BoundedLbfgs.minimize(f, new double[] {0.5, 0.5, 0.5, 0.5, 0.5, 0.5}, lo, hi,
                new BoundedLbfgs.Settings(10, 100, 1e-10, 0));
        for (int i = 0; i < 6; i++) {
            assertClose("x[" + i + "] = clamp(c)", Math.min(1, Math.max(0, c[i])), r.x()[i], 1e-6);
        }
    }

    @Test
    void backsOffWhereTheObjectiveIsUndefined() {
        // f = (x − 2)² but undefined (NaN) for x > 1.5: the minimum over [0, 3] reachable is near 1.5.
        BoundedLbfgs.Objective f = (x, g) -> {
            if (x[0] > 1.5) {
                return Double.NaN;
            }
            if (g != null) {
                g[0] = 2 * (x[0] - 2);
            }
            return (x[0] - 2) * (x[0] - 2);
        };
        BoundedLbfgs.Result r = BoundedLbfgs.minimize(f, new double[] {0}, new double[] {0}, new double[] {3},
                BoundedLbfgs.Settings.of(100));
        assertTrue(r.x()[0] <= 1.5 && r.x()[0] > 1.4, () -> "x = " + r.x()[0] + ", expected in (1.4, 1.5]");
        assertTrue(Double.isFinite(r.value()), () -> "value " + r.value());
    }

    @Test
    void reportsANonFiniteStart() {
        BoundedLbfgs.Result r = BoundedLbfgs.minimize((x, g) -> Double.NaN, new double[] {0}, new double[] {-1},
                new double[] {1}, BoundedLbfgs.Settings.of(10));
        assertEquals(BoundedLbfgs.Termination.NON_FINITE_START, r.termination());
        assertEquals(Double.POSITIVE_INFINITY, r.value());
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(DimensionMismatchException.class, () -> BoundedLbfgs.minimize(ROSENBROCK, new double[] {0, 0},
                new double[] {0}, new double[] {1, 1}, BoundedLbfgs.Settings.of(10)));
        assertThrows(InvalidInputException.class, () -> BoundedLbfgs.minimize(ROSENBROCK, new double[] {0, 0},
                new double[] {0, 2}, new double[] {1, 1}, BoundedLbfgs.Settings.of(10)));
        assertThrows(NonFiniteValueException.class, () -> BoundedLbfgs.minimize(ROSENBROCK,
                new double[] {Double.NaN, 0}, new double[] {0, 0}, new double[] {1, 1}, BoundedLbfgs.Settings.of(10)));
        assertThrows(InvalidInputException.class, () -> new BoundedLbfgs.Settings(0, 10, 1e-5, 0));
    }
}
