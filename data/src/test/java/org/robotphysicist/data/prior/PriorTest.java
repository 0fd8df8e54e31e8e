package org.robotphysicist.data.prior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.robotphysicist.data.testing.StatisticalAssertions.assertClose;
import static org.robotphysicist.data.testing.StatisticalAssertions.assertWithinSigmas;

import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.DimensionMismatchException;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.NonFiniteValueException;

class PriorTest {

    @Test
    void uniformBoxDensityAndSupport() {
        UniformBoxPrior p = new UniformBoxPrior(new Box(new double[] {0, -1}, new double[] {2, 3}));
        assertClose("log uniform density", -Math.log(8), p.logProb(new double[] {1, 0}), 1e-15);
        assertEquals(Double.NEGATIVE_INFINITY, p.logProb(new double[] {2.5, 0}));
        Matrix s = p.sample(50_000, new SplittableRandom(3));
        double mean0 = 0;
        for (int i = 0; i < s.rows(); i++) {
            assertTrue(p.support().contains(s.row(i)), "draw outside the box: " + java.util.Arrays.toString(s.row(i)));
            mean0 += s.get(i, 0) / s.rows();
        }
        // Uniform on [0, 2]: variance 1/3.
        assertWithinSigmas("mean of U(0, 2) draws", 1.0, mean0, Math.sqrt(1.0 / 3 / s.rows()), 4);
        assertThrows(InvalidInputException.class, () -> new UniformBoxPrior(Box.unbounded(1)));
    }

    @Test
    void normalDensityMatchesCommonsMath() {
        NormalPrior p = NormalPrior.of(0.5, 2);
        NormalDistribution ref = new NormalDistribution(0.5, 2);
        for (double t : new double[] {-3, 0, 0.5, 4}) {
            assertClose("log N(" + t + ")", ref.logDensity(t), p.logProb(new double[] {t}), 1e-12);
        }
    }

    @Test
    void truncatedNormalIsRenormalizedAndSamplesStayInside() {
        NormalPrior p = new NormalPrior(new double[] {0.2}, new double[] {0.1}, Box.interval(0, 1));
        double integral = 0;
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            integral += Math.exp(p.logProb(new double[] {(i + 0.5) / n})) / n;
        }
        assertClose("integral of the truncated normal", 1.0, integral, 1e-6);
        Matrix s = p.sample(100_000, new SplittableRandom(8));
        double mean = 0;
        for (int i = 0; i < s.rows(); i++) {
            assertTrue(s.get(i, 0) >= 0 && s.get(i, 0) <= 1);
            mean += s.get(i, 0) / s.rows();
        }
        // Truncated at a = -2 sd: mean = mu + sd * pdf(a)/(1 - cdf(a)) (upper bound at +8 sd is negligible).
        NormalDistribution z = new NormalDistribution(0, 1);
        double expected = 0.2 + 0.1 * z.density(-2) / (1 - z.cumulativeProbability(-2));
        assertWithinSigmas("truncated-normal mean", expected, mean, 0.1 / Math.sqrt(s.rows()), 4);
    }

    @Test
    void badArgumentsAreNamed() {
        NormalPrior p = NormalPrior.of(0, 1);
        var e = assertThrows(NonFiniteValueException.class, () -> p.logProb(new double[] {Double.NaN}));
        assertTrue(e.getMessage().contains("theta[0]"), e.getMessage());
        assertThrows(DimensionMismatchException.class, () -> p.logProb(new double[] {0, 1}));
        assertThrows(InvalidInputException.class, () -> NormalPrior.of(0, -1));
        assertThrows(InvalidInputException.class,
                () -> new NormalPrior(new double[] {0}, new double[] {1}, Box.interval(50, 60)));
    }
}
