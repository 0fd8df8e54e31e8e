package org.robotphysicist.data.simulator.lineshape;

import static org.robotphysicist.data.testing.StatisticalAssertions.assertClose;
import static org.robotphysicist.data.testing.StatisticalAssertions.assertPValueAbove;
import static org.robotphysicist.data.testing.StatisticalAssertions.assertWithinSigmas;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegrator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The reference likelihood against itself at higher resolution, against its own normalization, and
 * against histograms of simulated events (fixed seeds, binned χ², p &gt; 0.001).
 */
class ZLineshapeLikelihoodTest {
    private static final double[] THETA = LineshapeParameters.LEP_COMBINATION.toTheta();
    private static final BeamAndDetector DETECTOR = BeamAndDetector.lepOneLike();
    private static final double ETA_MAX = DETECTOR.maxAbsPseudorapidity();
    private final ZLineshapeSimulator sim = new ZLineshapeSimulator();

    /** ∫ p(cos θ*, ξ) over the acceptance is 1: checked to 2·10⁻⁴ at three energies (measured: |1 − ∫p| ≤ 8·10⁻⁵). */
    @ParameterizedTest
    @ValueSource(doubles = {60, 91.1875, 130})
    void angularDensityIsNormalized(double sqrtS) {
        LineshapeLikelihood l = sim.likelihood(THETA, new double[] {sqrtS});
        double total = probability(l, sqrtS, -ETA_MAX, ETA_MAX, 0, Math.PI, (m, s) -> 1, 16, 1e-6);
        System.out.printf("sqrt(s) = %s: integral of p(cos theta*, xi) = %.6f%n", sqrtS, total);
        assertClose("integral of p(cos theta*, xi) at sqrt(s) = " + sqrtS, 1.0, total, 2e-4);
    }

    /**
     * The default quadrature against 12 beam nodes and a 10⁻¹⁰ tolerance: |Δ ln p| &lt; 10⁻⁶ on
     * simulated events (measured ≈ 10⁻⁸).
     */
    @Test
    void quadratureAgreesWithAHighResolutionOne() {
        double[] phi = {91.6};
        LineshapeLikelihood fine = new LineshapeLikelihood(LineshapeParameters.LEP_COMBINATION, DETECTOR, phi[0], 12, 1e-10);
        LineshapeLikelihood standard = sim.likelihood(THETA, phi);
        double[] x = sim.simulate(THETA, phi, 200, new SplittableRandom(11)).toArray();
        double worst = 0;
        for (int i = 0; i < 200; i++) {
            double a = Math.log(standard.density(x[3 * i], x[3 * i + 1], x[3 * i + 2]));
            double b = Math.log(fine.density(x[3 * i], x[3 * i + 1], x[3 * i + 2]));
            worst = Math.max(worst, Math.abs(a - b));
        }
        assertClose("max |ln p - ln p_fine| over 200 events", 0, worst, 1e-6);
    }

    /**
     * 30 000 simulated events against the likelihood: histograms in ξ and cos θ* (binned χ²) and the
     * mean and variance of ln m (4 standard errors).
     */
    @ParameterizedTest
    @ValueSource(doubles = {91.1875, 130})
    void simulatedEventsFollowTheLikelihood(double sqrtS) {
        double[] phi = {sqrtS};
        int n = 30_000;
        double[] x = sim.simulate(THETA, phi, n, new SplittableRandom(2026)).toArray();
        LineshapeLikelihood l = sim.likelihood(THETA, phi);

        double[] xiEdges = {0, 0.002, 0.005, 0.01, 0.03, 0.1, 0.3, 1, Math.PI};
        double[] xiExpected = new double[xiEdges.length - 1];
        for (int b = 0; b < xiExpected.length; b++) {
            xiExpected[b] = n * probability(l, sqrtS, -ETA_MAX, ETA_MAX, xiEdges[b], xiEdges[b + 1], (m, s) -> 1, 8,
                    1e-4);
        }
        chiSquare("acollinearity at " + sqrtS, xiExpected, histogram(x, 1, xiEdges));

        double[] cEdges = {-0.95, -0.7, -0.4, 0, 0.4, 0.7, 0.95};
        double[] cExpected = new double[cEdges.length - 1];
        for (int b = 0; b < cExpected.length; b++) {
            cExpected[b] = n * probability(l, sqrtS, atanh(cEdges[b]), atanh(cEdges[b + 1]), 0, Math.PI, (m, s) -> 1,
                    8, 1e-4);
        }
        chiSquare("cos theta* at " + sqrtS, cExpected, histogram(x, 0, cEdges));

        // m/√s through the first two moments of ln m: the mass term returns E[ln m | latents] and
        // E[(ln m)² | latents], so the quadrature gives E[ln m] and Var[ln m] over events.
        double norm = probability(l, sqrtS, -ETA_MAX, ETA_MAX, 0, Math.PI, (m, s) -> 1, 10, 1e-5);
        double mean = probability(l, sqrtS, -ETA_MAX, ETA_MAX, 0, Math.PI, (m, s) -> m, 10, 1e-5) / norm;
        double second = probability(l, sqrtS, -ETA_MAX, ETA_MAX, 0, Math.PI, (m, s) -> m * m + s * s, 10, 1e-5)
                / norm;
        System.out.printf("sqrt(s) = %s: normalization %.6f, E[ln m] %.6f, Var[ln m] %.6g%n", sqrtS, norm, mean,
                second - mean * mean);
        double variance = second - mean * mean;
        double sum = 0;
        double sumSq = 0;
        for (int i = 2; i < x.length; i += 3) {
            double v = Math.log(x[i] * sqrtS);
            sum += v;
            sumSq += v * v;
        }
        double simMean = sum / n;
        double simVariance = sumSq / n - simMean * simMean;
        assertWithinSigmas("E[ln m] at " + sqrtS, mean, simMean, Math.sqrt(variance / n), 4);
        // Var of a sample variance ≈ (μ4 − σ⁴)/n; a heavy radiative tail makes μ4 ≫ 3σ⁴, so use the sample's own μ4.
        double fourth = 0;
        for (int i = 2; i < x.length; i += 3) {
            double d = Math.log(x[i] * sqrtS) - simMean;
            fourth += d * d * d * d;
        }
        fourth /= n;
        assertWithinSigmas("Var[ln m] at " + sqrtS, variance, simVariance,
                Math.sqrt((fourth - simVariance * simVariance) / n), 4);
    }

    private static void chiSquare(String what, double[] expected, long[] observed) {
        ChiSquareTest test = new ChiSquareTest();
        double p = test.chiSquareTest(expected, observed);
        assertPValueAbove(what, p, 0.001, "chi2 = " + test.chiSquare(expected, observed) + " on "
                + (expected.length - 1) + " dof; expected " + Arrays.toString(expected) + ", observed "
                + Arrays.toString(observed));
    }

    private static long[] histogram(double[] x, int column, double[] edges) {
        long[] counts = new long[edges.length - 1];
        for (int i = column; i < x.length; i += 3) {
            for (int b = 0; b < counts.length; b++) {
                if (x[i] >= edges[b] && x[i] < edges[b + 1]) {
                    counts[b]++;
                    break;
                }
            }
        }
        return counts;
    }

    /**
     * P(η* ∈ [etaLo, etaHi], ξ ∈ [xiLo, xiHi]) with the mass factor, integrating the density in
     * (η*, y) coordinates: dc dξ = (1 − c²)(dξ/dy) dη* dy. η*: Gauss–Legendre on smooth pieces;
     * y: adaptive in w = y^0.1, which resolves both the σ_y-wide core and the radiative tail.
     */
    private static double probability(LineshapeLikelihood l, double sqrtS, double etaLo, double etaHi, double xiLo,
            double xiHi, LineshapeLikelihood.MassTerm mass, int legendreNodes, double innerTolerance) {
        // Above the pole the radiative return to the Z is a narrow peak in y: split there too.
        double mass2 = LineshapeParameters.LEP_COMBINATION.massGeV() * LineshapeParameters.LEP_COMBINATION.massGeV();
        double yReturn = sqrtS * sqrtS > mass2 ? 0.5 * Math.log(sqrtS * sqrtS / mass2) : Double.NaN;
        double total = 0;
        // Split η* where the y limits change form (at 0, where a ξ edge meets the acceptance edge
        // y = η_max − |η*|, and where that edge passes the radiative return), so that
        // Gauss–Legendre sees smooth pieces.
        java.util.TreeSet<Double> cuts = new java.util.TreeSet<>(java.util.List.of(etaLo, etaHi));
        double returnEdge = Double.isNaN(yReturn) ? 0 : ETA_MAX - yReturn;
        for (double edge : new double[] {0, kink(xiLo), -kink(xiLo), kink(xiHi), -kink(xiHi), returnEdge, -returnEdge}) {
            if (edge > etaLo && edge < etaHi) {
                cuts.add(edge);
            }
        }
        Double[] points = cuts.toArray(new Double[0]);
        double[][] pieces = new double[points.length - 1][];
        for (int i = 0; i + 1 < points.length; i++) {
            pieces[i] = new double[] {points[i], points[i + 1]};
        }
        GaussIntegrator legendre = new GaussIntegratorFactory().legendre(legendreNodes, 0, 1);
        AdaptiveGaussKronrod inner = new AdaptiveGaussKronrod(innerTolerance, 1e-12, 200);
        for (double[] piece : pieces) {
            if (!(piece[0] < piece[1])) {
                continue;
            }
            for (int i = 0; i < legendre.getNumberOfPoints(); i++) {
                double eta = piece[0] + (piece[1] - piece[0]) * legendre.getPoint(i);
                double weight = (piece[1] - piece[0]) * legendre.getWeight(i);
                double coshEta = Math.cosh(eta);
                double c = Math.tanh(eta);
                double yLo = asinh(coshEta * Math.tan(xiLo / 2));
                double yHi = Math.min(ETA_MAX - Math.abs(eta), xiHi >= Math.PI ? Double.POSITIVE_INFINITY
                        : asinh(coshEta * Math.tan(xiHi / 2)));
                if (!(yLo < yHi)) {
                    continue;
                }
                double power = 0.1;
                java.util.function.DoubleUnaryOperator integrand = w -> {
                    double y = Math.pow(w, 1 / power);
                    double sinhY = Math.sinh(y);
                    double xi = 2 * Math.atan(sinhY / coshEta);
                    double dXiDy = 2 * Math.cosh(y) * coshEta / (coshEta * coshEta + sinhY * sinhY);
                    double jacobian = (1 - c * c) * dXiDy * (y / (power * w));
                    return l.angularPart(c, xi, mass) * jacobian;
                };
                if (yReturn > yLo && yReturn < yHi) {
                    total += weight * (inner.integrate(integrand, Math.pow(yLo, power), Math.pow(yReturn, power))
                            + inner.integrate(integrand, Math.pow(yReturn, power), Math.pow(yHi, power)));
                } else {
                    total += weight * inner.integrate(integrand, Math.pow(yLo, power), Math.pow(yHi, power));
                }
            }
        }
        return total;
    }

    /** The |η*| at which the curve ξ = const meets the acceptance edge y = η_max − |η*| (0 when none). */
    private static double kink(double xi) {
        if (!(xi > 0 && xi < Math.PI)) {
            return 0;
        }
        double lo = 0;
        double hi = ETA_MAX;
        for (int i = 0; i < 80; i++) {
            double mid = 0.5 * (lo + hi);
            if (asinh(Math.cosh(mid) * Math.tan(xi / 2)) < ETA_MAX - mid) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    private static double atanh(double c) {
        return 0.5 * Math.log((1 + c) / (1 - c));
    }

    private static double asinh(double v) {
        return Math.log(v + Math.sqrt(v * v + 1));
    }
}
