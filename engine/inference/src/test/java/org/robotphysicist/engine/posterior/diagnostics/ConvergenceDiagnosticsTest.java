package org.robotphysicist.engine.posterior.diagnostics;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.robotphysicist.data.testing.StatisticalAssertions.assertClose;
import static org.robotphysicist.data.testing.StatisticalAssertions.assertRelativelyClose;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.simulator.StandardNormal;

class ConvergenceDiagnosticsTest {

    /** M chains of AR(1) draws x_t = ρ·x_{t−1} + √(1−ρ²)·ε_t (stationary N(0, 1)), shifted per chain. */
    private static double[][] ar1(int m, int n, double rho, double[] shift, double[] scale, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] out = new double[m][n];
        for (int c = 0; c < m; c++) {
            double x = StandardNormal.sample(rng);
            for (int i = 0; i < n; i++) {
                x = rho * x + Math.sqrt(1 - rho * rho) * StandardNormal.sample(rng);
                out[c][i] = shift[c] + scale[c] * x;
            }
        }
        return out;
    }

    private static double[] filled(int m, double v) {
        double[] a = new double[m];
        java.util.Arrays.fill(a, v);
        return a;
    }

    @Test
    void independentDrawsHaveRhatNearOneAndFullEffectiveSampleSize() {
        double[][] chains = ar1(8, 5000, 0, filled(8, 0), filled(8, 1), 1);
        double rhat = ConvergenceDiagnostics.rhat(chains);
        assertClose("R-hat of independent draws", 1, rhat, 0.005);
        assertRelativelyClose("bulk ESS of 40000 independent draws", 40_000, ConvergenceDiagnostics.essBulk(chains), 0.1);
        assertRelativelyClose("basic ESS of 40000 independent draws", 40_000, ConvergenceDiagnostics.essBasic(chains),
                0.1);
        assertRelativelyClose("tail ESS of 40000 independent draws", 40_000, ConvergenceDiagnostics.essTail(chains),
                0.2);
    }

    /** For AR(1) the integrated autocorrelation time is (1 + ρ)/(1 − ρ): ESS = S·(1 − ρ)/(1 + ρ). */
    @Test
    void autocorrelatedDrawsHaveTheTheoreticalEffectiveSampleSize() {
        double rho = 0.9;
        double[][] chains = ar1(16, 4000, rho, filled(16, 0), filled(16, 1), 2);
        double expected = 16 * 4000 * (1 - rho) / (1 + rho);
        assertRelativelyClose("basic ESS of AR(1), rho = 0.9", expected, ConvergenceDiagnostics.essBasic(chains), 0.15);
        assertRelativelyClose("bulk ESS of AR(1), rho = 0.9", expected, ConvergenceDiagnostics.essBulk(chains), 0.15);
        assertClose("R-hat of stationary AR(1) chains", 1, ConvergenceDiagnostics.rhat(chains), 0.01);
    }

    @Test
    void disagreeingChainsAreFlagged() {
        double[] shift = filled(8, 0);
        shift[3] = 1.0;
        double[][] location = ar1(8, 1000, 0.5, shift, filled(8, 1), 3);
        double r = ConvergenceDiagnostics.rhat(location);
        assertTrue(r > 1.05, () -> "R-hat with one chain shifted by 1 sd: " + r);
        double[] scale = filled(8, 1);
        scale[0] = 3;
        scale[1] = 3;
        double[][] spread = ar1(8, 1000, 0.5, filled(8, 0), scale, 4);
        double basic = ConvergenceDiagnostics.rhatBasic(spread);
        double folded = ConvergenceDiagnostics.rhat(spread);
        assertTrue(basic < 1.02 && folded > 1.05, () -> "chains differing only in scale: basic split-R-hat " + basic
                + ", rank-normalized folded R-hat " + folded);
        double[] trend = new double[1000];
        for (int i = 0; i < trend.length; i++) {
            trend[i] = i / 100.0;
        }
        double[][] drifting = {trend, trend.clone(), trend.clone(), trend.clone()};
        double split = ConvergenceDiagnostics.rhat(drifting);
        assertTrue(split > 1.5, () -> "identical drifting chains must fail split-R-hat: " + split);
    }

    @Test
    void invalidChainsAreRejectedAndConstantChainsUndefined() {
        assertThrows(InvalidInputException.class, () -> ConvergenceDiagnostics.rhat(new double[][] {{1, 2, 3}}));
        assertThrows(InvalidInputException.class, () -> ConvergenceDiagnostics.rhat(new double[][] {{1, 2, 3, 4},
            {1, 2, 3}}));
        assertThrows(InvalidInputException.class, () -> ConvergenceDiagnostics.essBulk(new double[][] {{1, 2, 3,
            Double.NaN}}));
        assertTrue(Double.isNaN(ConvergenceDiagnostics.essBasic(new double[][] {{1, 1, 1, 1}, {1, 1, 1, 1}})));
        assertClose("type-7 median", 2.5, ConvergenceDiagnostics.quantile(new double[] {4, 1, 3, 2}, 0.5), 0);
    }
}
