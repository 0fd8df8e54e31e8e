package org.robotphysicist.models.histogram;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.robotphysicist.data.testing.StatisticalAssertions.assertClose;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.InvalidInputException;

class LocalQuadraticSmootherTest {

    @Test
    void quadraticsPassUnchangedAlsoAtTheEnds() {
        LocalQuadraticSmoother s = new LocalQuadraticSmoother(41, 8);
        double[] y = new double[41];
        for (int i = 0; i < y.length; i++) {
            y[i] = 0.3 - 0.02 * i + 0.0007 * i * i;
        }
        double[] out = s.smooth(y);
        for (int i = 0; i < y.length; i++) {
            assertClose("smoothed quadratic at point " + i, y[i], out[i], 1e-12);
        }
    }

    /** The classic Savitzky–Golay 5-point quadratic weights (−3, 12, 17, 12, −3)/35 in the middle of the axis. */
    @Test
    void fivePointWindowInTheMiddleIsTheClassicFilter() {
        LocalQuadraticSmoother s = new LocalQuadraticSmoother(9, 2);
        double[] w = {-3 / 35.0, 12 / 35.0, 17 / 35.0, 12 / 35.0, -3 / 35.0};
        for (int j = 0; j < 5; j++) {
            double[] unit = new double[9];
            unit[2 + j] = 1;
            assertClose("weight " + j + " of the middle point", w[j], s.smooth(unit)[4], 1e-12);
        }
    }

    /** Independent noise of unit variance leaves 3(3W² − 7)/(4W(W² − 4)) = 0.1331 of its variance at W = 17. */
    @Test
    void whiteNoiseVarianceShrinksAsTheFormulaSays() {
        LocalQuadraticSmoother s = new LocalQuadraticSmoother(41, 8);
        SplittableRandom rng = new SplittableRandom(11);
        int trials = 20_000;
        double sum2 = 0;
        for (int t = 0; t < trials; t++) {
            double[] y = new double[41];
            for (int i = 0; i < y.length; i++) {
                y[i] = gaussian(rng);
            }
            double v = s.smooth(y)[20];
            sum2 += v * v;
        }
        double variance = sum2 / trials;
        double expected = 3.0 * (3 * 17 * 17 - 7) / (4.0 * 17 * (17 * 17 - 4));
        // the variance estimate of a Gaussian has relative s.e. sqrt(2/trials) = 1%; allow 4 s.e.
        assertClose("variance left at the middle of the axis (expected " + expected + ")", expected, variance,
                4 * Math.sqrt(2.0 / trials) * expected);
    }

    @Test
    void theSmallestAxisIsOneWindowFittedWhole() {
        LocalQuadraticSmoother five = new LocalQuadraticSmoother(5, 2);
        double[] out = five.smooth(new double[] {1, 2, 6, 2, 1});
        // the least-squares quadratic through (t = −2..2, y) is 144/35 − (6/7) t²
        double[] expected = {144 / 35.0 - 24 / 7.0, 144 / 35.0 - 6 / 7.0, 144 / 35.0, 144 / 35.0 - 6 / 7.0,
            144 / 35.0 - 24 / 7.0};
        for (int i = 0; i < 5; i++) {
            assertClose("whole-window quadratic fit at " + i, expected[i], out[i], 1e-12);
        }
        assertTrue(LocalQuadraticSmoother.fits(5, 2) && !LocalQuadraticSmoother.fits(4, 2)
                && !LocalQuadraticSmoother.fits(41, 0), "fits: 2h + 1 points and h >= 1");
    }

    @Test
    void badArgumentsAreRefusedNamingExpectedAndFound() {
        var e = assertThrows(InvalidInputException.class, () -> new LocalQuadraticSmoother(5, 0));
        assertTrue(e.getMessage().contains("but found h = 0 and 5 points"), e.getMessage());
        var short_ = assertThrows(InvalidInputException.class, () -> new LocalQuadraticSmoother(16, 8));
        assertTrue(short_.getMessage().contains("at least 2h + 1 points but found h = 8 and 16 points"),
                short_.getMessage());
        var wrong = assertThrows(InvalidInputException.class, () -> new LocalQuadraticSmoother(5, 2).smooth(new double[4]));
        assertTrue(wrong.getMessage().contains("expected 5 values but found 4"), wrong.getMessage());
    }

    private static double gaussian(SplittableRandom rng) {
        return Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
    }
}
