package org.robotphysicist.data.simulator;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.robotphysicist.data.testing.StatisticalAssertions.assertClose;
import static org.robotphysicist.data.testing.StatisticalAssertions.assertPValueAbove;
import static org.robotphysicist.data.testing.StatisticalAssertions.assertWithinSigmas;

import java.util.SplittableRandom;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.robotphysicist.data.InvalidInputException;

class WeinbergLoSimulatorTest {
    private static final double SIN2W = 0.2312;
    private final WeinbergLoSimulator sim = new WeinbergLoSimulator();

    @Test
    void forwardBackwardAsymmetryMatchesReferenceValues() {
        assertClose("A_FB(58 GeV)", -0.338, WeinbergLoPhysics.forwardBackwardAsymmetry(SIN2W, 58), 0.001);
        assertClose("A_FB(M_Z)", 0.0167, WeinbergLoPhysics.forwardBackwardAsymmetry(SIN2W, WeinbergLoPhysics.Z_MASS_GEV),
                0.0005);
    }

    @Test
    void crossSectionIsQedBelowTheZAndPeaksAtThePole() {
        // Far below the Z the photon dominates: sigma -> 4 pi alpha^2 / (3 s) = 86.8 nb GeV^2 / s.
        double qed = 4 * Math.PI * WeinbergLoPhysics.ALPHA_EM * WeinbergLoPhysics.ALPHA_EM / (3 * 100.0)
                * WeinbergLoPhysics.HBARC2_PB_GEV2;
        assertClose("sigma(10 GeV)/sigma_QED", 1.0, WeinbergLoPhysics.crossSectionPb(SIN2W, 10) / qed, 0.005);
        double pole = WeinbergLoPhysics.crossSectionPb(SIN2W, WeinbergLoPhysics.Z_MASS_GEV);
        assertClose("sigma(M_Z) in nb", 1.75, pole / 1000, 0.1);
    }

    /** Binned chi-square goodness of fit of 10^5 sampled events against the exact density. */
    @ParameterizedTest
    @ValueSource(doubles = {40.0, 91.0, 130.0})
    void sampledEventsFollowTheAnalyticDensity(double sqrtS) {
        int n = 100_000;
        int bins = 50;
        double[] c = sim.simulate(new double[] {SIN2W}, new double[] {sqrtS}, n, new SplittableRandom(2024)).column(0);
        long[] observed = new long[bins];
        for (double v : c) {
            observed[Math.min(bins - 1, (int) ((v + 1) / 2 * bins))]++;
        }
        ForwardBackwardDistribution dist = WeinbergLoPhysics.angularDistribution(SIN2W, sqrtS);
        double[] expected = new double[bins];
        for (int b = 0; b < bins; b++) {
            expected[b] = n * (dist.cdf(-1 + 2.0 * (b + 1) / bins) - dist.cdf(-1 + 2.0 * b / bins));
        }
        double p = new ChiSquareTest().chiSquareTest(expected, observed);
        assertPValueAbove("chi-square at sqrt(s) = " + sqrtS, p, 0.001,
                "chi2 = " + new ChiSquareTest().chiSquare(expected, observed) + " on " + (bins - 1) + " dof");
    }

    @Test
    void logDensityIsNormalized() {
        for (double sqrtS : new double[] {40, 80, 91.1876, 200}) {
            double sum = 0;
            int n = 20_000;
            for (int i = 0; i < n; i++) {
                double c = -1 + (i + 0.5) * 2.0 / n;
                sum += Math.exp(sim.logDensity(new double[] {c}, new double[] {SIN2W}, new double[] {sqrtS})) * 2.0 / n;
            }
            assertClose("integral of p(c) at sqrt(s) = " + sqrtS, 1.0, sum, 1e-7);
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {58.0, 91.1876})
    void fixedLuminosityEventCountFollowsTheCrossSection(double sqrtS) {
        Experiment.FixedLuminosity lumi = new Experiment.FixedLuminosity(2.0);
        double expectedMean = 2.0 * WeinbergLoPhysics.crossSectionPb(SIN2W, sqrtS);
        SplittableRandom rng = new SplittableRandom(77);
        int reps = 4000;
        double sum = 0;
        for (int r = 0; r < reps; r++) {
            sum += lumi.drawEventCount(sim, new double[] {SIN2W}, new double[] {sqrtS}, rng);
        }
        // Poisson: the mean of reps counts has s.e. sqrt(mean / reps).
        assertWithinSigmas("mean event count at sqrt(s) = " + sqrtS, expectedMean, sum / reps,
                Math.sqrt(expectedMean / reps), 4);
    }

    @Test
    void fixedLuminosityNeedsACrossSection() {
        Experiment.FixedLuminosity lumi = new Experiment.FixedLuminosity(1.0);
        assertThrows(InvalidInputException.class, () -> lumi.run(new ToyGaussianSimulator(), new double[] {0},
                new double[] {1}, new SplittableRandom(1)));
        assertThrows(InvalidInputException.class, () -> new Experiment.FixedLuminosity(-1));
        assertThrows(InvalidInputException.class, () -> new Experiment.FixedEventCount(0));
    }

    @Test
    void parametersOutsideTheDomainAreRejected() {
        SplittableRandom rng = new SplittableRandom(1);
        assertThrows(InvalidInputException.class, () -> sim.simulate(new double[] {1.5}, new double[] {91}, 5, rng));
        assertThrows(InvalidInputException.class, () -> sim.simulate(new double[] {0.23}, new double[] {5}, 5, rng));
        assertThrows(InvalidInputException.class, () -> WeinbergLoPhysics.coefficients(0, 91));
    }

    /** The analytic score against central differences of the exact log-density, across θ and √s. */
    @ParameterizedTest
    @ValueSource(doubles = {40.0, 58.0, 79.0, 86.0, 91.1876, 130.0})
    void scoreIsTheThetaDerivativeOfTheLogDensity(double sqrtS) {
        double[] c = {-1, -0.7, -0.2, 0, 0.35, 0.9, 1};
        double h = 1e-6;
        for (double theta : new double[] {0.05, 0.2312, 0.5, 0.8}) {
            double[] score = new double[c.length];
            WeinbergLoPhysics.angularScore(theta, sqrtS, c, c.length, score);
            for (int i = 0; i < c.length; i++) {
                double up = sim.logDensity(new double[] {c[i]}, new double[] {theta + h}, new double[] {sqrtS});
                double down = sim.logDensity(new double[] {c[i]}, new double[] {theta - h}, new double[] {sqrtS});
                double numeric = (up - down) / (2 * h);
                assertClose("score at theta " + theta + ", sqrt(s) " + sqrtS + ", c " + c[i], numeric, score[i],
                        1e-6 * Math.max(1, Math.abs(numeric)));
            }
        }
    }

    /**
     * drawWithScore draws draw's events for the same stream, and the batched form simulateBatch's;
     * the scores average to zero (E[∂θ log p] = 0) and their mean square is the Fisher information
     * ∫ (∂θ p)² / p dc, computed here by quadrature.
     */
    @Test
    void scoredDrawsAreTheSameEventsAndTheScoreHasMeanZeroAndFisherVariance() {
        int n = 200_000;
        double[] theta = {SIN2W};
        double[] phi = {84};
        double[] plain = new double[n];
        sim.draw(theta, phi, n, new SplittableRandom(5), plain);
        double[] x = new double[n];
        double[] t = new double[n];
        sim.drawWithScore(theta, phi, n, new SplittableRandom(5), x, t);
        org.junit.jupiter.api.Assertions.assertArrayEquals(plain, x, "drawWithScore's events");
        double mean = 0;
        double meanSquare = 0;
        for (double v : t) {
            mean += v / n;
            meanSquare += v * v / n;
        }
        double fisher = 0;
        int grid = 20_000;
        for (int i = 0; i < grid; i++) {
            double[] c = {-1 + (i + 0.5) * 2.0 / grid};
            double[] s = new double[1];
            WeinbergLoPhysics.angularScore(SIN2W, 84, c, 1, s);
            fisher += s[0] * s[0] * Math.exp(sim.logDensity(c, theta, phi)) * 2.0 / grid;
        }
        assertWithinSigmas("mean score at 84 GeV", 0, mean, Math.sqrt(fisher / n), 4);
        assertClose("mean square score / Fisher information at 84 GeV (" + fisher + ")", 1, meanSquare / fisher, 0.02);

        var thetas = org.robotphysicist.data.Matrix.of(3, 1, new double[] {0.2, 0.25, 0.3});
        var phis = org.robotphysicist.data.Matrix.of(3, 1, new double[] {58, 81, 91});
        var batch = sim.simulateBatchWithScores(thetas, phis, 7, new SplittableRandom(9));
        var reference = sim.simulateBatch(thetas, phis, 7, new SplittableRandom(9));
        org.junit.jupiter.api.Assertions.assertArrayEquals(reference.table().toArray(), batch.events().table().toArray(),
                "batched scored events");
        double[] expected = new double[7];
        WeinbergLoPhysics.angularScore(0.25, 81, reference.x().rowRange(7, 14).toArray(), 7, expected);
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, batch.scores().rowRange(7, 14).toArray(), 1e-15,
                "scores of the second pair");
        assertThrows(org.robotphysicist.data.DimensionMismatchException.class,
                () -> new JointScoreSimulator.ScoredEvents(reference, org.robotphysicist.data.Matrix.of(20, 1,
                        new double[20])));
    }
}
