package org.robotphysicist.data.simulator;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.robotphysicist.data.testing.StatisticalAssertions.assertClose;
import static org.robotphysicist.data.testing.StatisticalAssertions.assertWithinSigmas;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.robotphysicist.data.Matrix;

/**
 * The four benchmark tasks: their exact log-densities are normalized and agree with their
 * samplers, checked through the importance identity
 * <pre>
 *   E<sub>x ~ p(·|θ)</sub>[ p(x | θ') / p(x | θ) ] = ∫ p(x | θ') dx = 1,
 * </pre>
 * which fails if the density is not normalized at θ' or if the sampler at θ does not draw from
 * the density at θ; and through the moments of the draws.
 */
class BenchmarkTaskSimulatorsTest {
    private static final int N = 100_000;
    private static final double[] NO_PHI = {};

    static Stream<Arguments> tasks() {
        return Stream.of(
                Arguments.of(new SlcpSimulator(), new double[] {0.7, -2.9, -1.0, -0.9, 0.6},
                        new double[] {0.75, -2.85, -1.05, -0.85, 0.5}),
                Arguments.of(new CrescentSimulator(), new double[] {0.5, -1.0}, new double[] {0.8, -0.9}),
                Arguments.of(new StudentTSimulator(), new double[] {1.0, -2.0}, new double[] {1.3, -1.8}),
                Arguments.of(new NonlinearSixDimSimulator(), new double[] {0.1, -0.5, 1.2, 0.3, -1.5, 0.8},
                        new double[] {0.15, -0.45, 1.25, 0.25, -1.45, 0.85}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tasks")
    void densityIsNormalizedAndMatchesTheSampler(TractableSimulator sim, double[] theta, double[] shifted) {
        double[] phi = NO_PHI;
        Matrix x = sim.simulate(theta, phi, N, new SplittableRandom(5));
        double sum = 0;
        double sumSq = 0;
        double[] row = new double[x.cols()];
        for (int i = 0; i < N; i++) {
            x.copyRow(i, row);
            double w = Math.exp(sim.logDensity(row, shifted, phi) - sim.logDensity(row, theta, phi));
            sum += w;
            sumSq += w * w;
        }
        double mean = sum / N;
        double se = Math.sqrt((sumSq / N - mean * mean) / N);
        assertTrue(se < 0.03, sim.name() + ": importance weights too spread for a sharp test, s.e. " + se);
        assertWithinSigmas(sim.name() + " E[p(x|theta')/p(x|theta)]", 1.0, mean, se, 4);
        assertWithinSigmas(sim.name() + " E[p(x|theta)/p(x|theta)]", 1.0, 1.0, 1e-12, 1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tasks")
    void declaresNoSettingAndReproducibleDraws(TractableSimulator sim, double[] theta, double[] shifted) {
        assertEquals(0, sim.dimensions().phiDim());
        assertEquals(0, sim.phiDomain().dim());
        assertFalse(sim.dimensions().hasPhi());
        Matrix a = sim.simulate(theta, NO_PHI, 10, new SplittableRandom(9));
        Matrix b = sim.simulate(theta, NO_PHI, 10, new SplittableRandom(9));
        assertEquals(a, b);
        assertEquals(sim.dimensions().xDim(), a.cols());
    }

    @Test
    void slcpDrawsHaveTheStatedMeanAndCovariance() {
        double[] theta = {0.7, -2.9, -1.0, -0.9, 0.6};
        Matrix x = new SlcpSimulator().simulate(theta, NO_PHI, N, new SplittableRandom(3));
        double s1 = 1.0;
        double s2 = 0.81;
        double rho = Math.tanh(0.6);
        for (int j = 0; j < SlcpSimulator.DRAWS; j++) {
            double[] u = x.column(2 * j);
            double[] v = x.column(2 * j + 1);
            assertWithinSigmas("SLCP draw " + j + " mean x1", 0.7, mean(u), s1 / Math.sqrt(N), 4);
            assertWithinSigmas("SLCP draw " + j + " mean x2", -2.9, mean(v), s2 / Math.sqrt(N), 4);
            double cov = covariance(u, v);
            // s.e. of a sample covariance of a bivariate normal: sqrt((σ₁²σ₂² + σ₁₂²) / n).
            double c = rho * s1 * s2;
            assertWithinSigmas("SLCP draw " + j + " cov(x1, x2)", c, cov,
                    Math.sqrt((s1 * s1 * s2 * s2 + c * c) / N), 4);
        }
    }

    @Test
    void crescentDensityIntegratesToOneOnAGrid() {
        CrescentSimulator sim = new CrescentSimulator();
        double[] theta = {1.5, 0.5};
        double h = 0.02;
        double total = 0;
        for (double x1 = -6; x1 <= 9; x1 += h) {
            for (double x2 = -3; x2 <= 6; x2 += h) {
                total += Math.exp(sim.logDensity(new double[] {x1, x2}, theta, NO_PHI)) * h * h;
            }
        }
        assertClose("crescent: grid integral of p(x | theta)", 1.0, total, 1e-3);
    }

    @Test
    void studentTDensityIntegratesToOneAndHasHeavyTails() {
        double h = 0.005;
        double total = 0;
        for (double t = -2000; t <= 2000; t += h) {
            total += Math.exp(StudentTSimulator.logT3(t)) * h;
        }
        // Tail beyond |t| = 2000 of t₃: about 2 · 2√3 / (π · 2000²) < 10⁻⁶.
        assertClose("t3: integral over [-2000, 2000]", 1.0, total, 1e-5);
        SplittableRandom rng = new SplittableRandom(4);
        int beyondFour = 0;
        for (int i = 0; i < N; i++) {
            if (Math.abs(StudentTSimulator.sampleT3(rng)) > 4) {
                beyondFour++;
            }
        }
        // P(|t₃| > 4) = 0.02801 (a normal: 6.3·10⁻⁵).
        double p = 0.02801;
        assertWithinSigmas("P(|t3| > 4)", p, (double) beyondFour / N, Math.sqrt(p * (1 - p) / N), 4);
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double d : v) {
            s += d;
        }
        return s / v.length;
    }

    private static double covariance(double[] u, double[] v) {
        double mu = mean(u);
        double mv = mean(v);
        double s = 0;
        for (int i = 0; i < u.length; i++) {
            s += (u[i] - mu) * (v[i] - mv);
        }
        return s / (u.length - 1);
    }
}
