package org.robotphysicist.engine.design.acquisition;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.robotphysicist.data.testing.StatisticalAssertions.assertClose;
import static org.robotphysicist.data.testing.StatisticalAssertions.assertRelativelyClose;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.robotphysicist.engine.design.testing.FiniteDifferences;

class GaussianTailsTest {
    /** Reference values from mpmath at 50 significant digits: erfc(x)·exp(x²). */
    private static final double[][] ERFCX = {{0.0, 1.0}, {0.5, 0.61569034419292587487}, {1.0, 0.42758357615580700441},
        {1.4999, 0.32160177950763413922}, {1.5, 0.32158541645431750235}, {2.0, 0.25539567631050574387},
        {3.0, 0.17900115118138995042}, {5.0, 0.11070463773306862637}, {10.0, 0.056140992743822585858},
        {30.0, 0.018795888861416751497}, {1e3, 0.0005641893014533876542}, {1e6, 5.6418958354747419216e-7}};

    /** Reference values from mpmath: log(φ(z) + zΦ(z)). */
    private static final double[][] LOG_H = {{5.0, 1.6094379231264313851}, {1.0, 0.080026218849306940029},
        {0.0, -0.91893853320467274178}, {-0.5, -1.6205162643873199193}, {-1.0, -2.4851210257126413368},
        {-2.0, -4.7687835239171141569}, {-5.0, -16.744301162660990143}, {-10.0, -55.553122036122355927},
        {-30.0, -457.72465376059800405}, {-40.0, -808.29856835661996024}, {-100.0, -5010.1295788002497923},
        {-1e4, -50000019.339619307157}, {-1e9, -500000000000000042.37}};

    /** Reference values from mpmath: log Φ(z). */
    private static final double[][] LOG_CDF = {{3.0, -0.0013508099647481937988}, {0.0, -0.69314718055994530942},
        {-1.0, -1.8410216450092635058}, {-3.0, -6.6077262215103495433}, {-10.0, -53.231285150512470578},
        {-40.0, -804.60844201375378817}, {-1e4, -50000010.129278915181}};

    @Test
    void erfcxMatchesHighPrecisionReference() {
        for (double[] r : ERFCX) {
            assertRelativelyClose("erfcx(" + r[0] + ")", r[1], GaussianTails.erfcx(r[0]), 1e-14);
        }
        assertRelativelyClose("erfcx(-1) = 2e - erfcx(1)", 2 * Math.E - 0.42758357615580700441,
                GaussianTails.erfcx(-1), 1e-14);
    }

    @Test
    void logHMatchesHighPrecisionReferenceAcrossAllBranches() {
        for (double[] r : LOG_H) {
            assertRelativelyClose("log h(" + r[0] + ")", r[1], GaussianTails.logH(r[0]), 1e-12);
        }
        for (double[] r : LOG_CDF) {
            assertRelativelyClose("log Phi(" + r[0] + ")", r[1], GaussianTails.logCdf(r[0]), 1e-12);
        }
    }

    @Test
    void logEiEqualsLogOfEiWhereEiIsRepresentable() {
        NormalDistribution n = new NormalDistribution(null, 0, 1);
        double worst = 0;
        for (double z = -25; z <= 8; z += 0.01) {
            double ei = n.density(z) + z * n.cumulativeProbability(z);
            if (ei > 1e-300) {
                double diff = Math.abs(GaussianTails.logH(z) - Math.log(ei));
                // the naive φ + zΦ loses relative accuracy to cancellation as z → −∞ (φ/h ≈ z²):
                // compare within that formula's own error (the mpmath test above checks log h itself)
                double naiveError = 5e-13 * (1 + z * z);
                assertTrue(diff <= Math.max(1e-12, naiveError), String.format("z = %.2f: log h %.17g vs log(EI) %.17g",
                        z, GaussianTails.logH(z), Math.log(ei)));
                if (z > -5) {
                    worst = Math.max(worst, diff);
                }
            }
        }
        double w = worst;
        assertTrue(worst < 1e-13, () -> "largest |log h - log(EI)| for z > -5: " + w);
    }

    @Test
    void logHStaysFiniteAndIncreasingWhereEiUnderflows() {
        double previous = Double.NEGATIVE_INFINITY;
        int underflowed = 0;
        for (double z = -1e12; z <= 10; z = z < -100 ? z / 1.5 : z + 0.05) {
            double v = GaussianTails.logH(z);
            double naive = Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI) + z * 0.5 * org.apache.commons.math3.special
                    .Erf.erfc(-z / Math.sqrt(2));
            if (!(naive > 0)) {
                underflowed++;
            }
            double p = previous;
            double zz = z;
            assertTrue(Double.isFinite(v), () -> "log h(" + zz + ") = " + v);
            assertTrue(v > p, () -> "log h not increasing at z = " + zz + ": " + v + " after " + p);
            double slope = GaussianTails.dLogH(z);
            assertTrue(Double.isFinite(slope) && slope > 0, () -> "d log h/dz at " + zz + " = " + slope);
            previous = v;
        }
        int u = underflowed;
        assertTrue(underflowed > 50, () -> "the scan should reach the region where naive EI is 0; points there: " + u);
    }

    @Test
    void derivativeOfLogHMatchesFiniteDifferences() {
        for (double z : new double[] {4, 1, 0, -0.999, -1.001, -3, -12, -35, -300}) {
            double fd = FiniteDifferences.partial(v -> GaussianTails.logH(v[0]), new double[] {z}, 0,
                    1e-6 * Math.max(1, Math.abs(z)));
            assertClose("d log h/dz at " + z, fd, GaussianTails.dLogH(z), 1e-6 * Math.max(1, Math.abs(fd)));
        }
    }
}
