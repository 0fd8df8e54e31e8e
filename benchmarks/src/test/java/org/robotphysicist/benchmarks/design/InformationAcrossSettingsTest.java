package org.robotphysicist.benchmarks.design;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.simulator.WeinbergLoSimulator;
import org.robotphysicist.models.ExactLikelihood;

/**
 * The information benchmark's per-event divergence D = (S(θ₀) − S(θ₁)) / M, checked against
 * KL(p(· | θ₀) ‖ p(· | θ₁)) = ∫ p₀ log(p₀ / p₁) dx by the midpoint rule over 20 000 cells of Weinberg LO's
 * x range, at θ₀ = 0.2312 against its mirror 0.2688 and against 0.2100, at 82 and 100 GeV: the Monte
 * Carlo estimate on 50 000 events (seed 20261205) must lie within 4 of its standard errors of the
 * integral, and D(θ₀ ‖ θ₀) is 0.
 */
class InformationAcrossSettingsTest {
    private static final WeinbergLoSimulator WEINBERG = new WeinbergLoSimulator();
    private static final double THETA0 = 0.2312;

    @Test
    void theDivergenceAgreesWithTheIntegralOfTheExactDensity() {
        ExactLikelihood exact = new ExactLikelihood(WEINBERG);
        for (double phi : new double[] {82, 100}) {
            Matrix events = InformationAcrossSettingsBenchmark.simulate(WEINBERG, phi, 50_000,
                    new SplittableRandom(20261205L));
            assertEquals(0, InformationAcrossSettingsBenchmark.divergence(exact, events, phi, THETA0), 0);
            for (double theta1 : new double[] {0.5 - THETA0, 0.21}) {
                double estimate = InformationAcrossSettingsBenchmark.divergence(exact, events, phi, theta1);
                double[] l0 = perEvent(exact, events, phi, THETA0);
                double[] l1 = perEvent(exact, events, phi, theta1);
                double mean = 0;
                double square = 0;
                for (int i = 0; i < l0.length; i++) {
                    mean += (l0[i] - l1[i]) / l0.length;
                    square += (l0[i] - l1[i]) * (l0[i] - l1[i]) / l0.length;
                }
                double standardError = Math.sqrt((square - mean * mean) / l0.length);
                double integral = integral(exact, phi, theta1);
                assertTrue(Math.abs(estimate - integral) < 4 * standardError, String.format(java.util.Locale.ROOT,
                        "at %.0f GeV against %.4f: expected %.3e (quadrature) within 4 x %.1e but found %.3e", phi,
                        theta1, integral, standardError, estimate));
            }
        }
    }

    private static double[] perEvent(ExactLikelihood exact, Matrix events, double phi, double theta) {
        int n = events.rows();
        return exact.logLikelihood(events, Matrix.ofColumn(filled(n, theta)), Matrix.ofColumn(filled(n, phi)));
    }

    /** ∫ p(x | θ₀) (log p(x | θ₀) − log p(x | θ₁)) dx by the midpoint rule. */
    private static double integral(ExactLikelihood exact, double phi, double theta1) {
        double lower = WEINBERG.xSupport().lower(0);
        double upper = WEINBERG.xSupport().upper(0);
        int cells = 20_000;
        double width = (upper - lower) / cells;
        double[] x = new double[cells];
        for (int i = 0; i < cells; i++) {
            x[i] = lower + (i + 0.5) * width;
        }
        Matrix grid = Matrix.ofColumn(x);
        double[] l0 = perEvent(exact, grid, phi, THETA0);
        double[] l1 = perEvent(exact, grid, phi, theta1);
        double sum = 0;
        for (int i = 0; i < cells; i++) {
            sum += Math.exp(l0[i]) * (l0[i] - l1[i]) * width;
        }
        return sum;
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, v);
        return a;
    }
}
