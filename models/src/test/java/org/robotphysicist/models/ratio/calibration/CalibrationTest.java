package org.robotphysicist.models.ratio.calibration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.robotphysicist.data.testing.StatisticalAssertions.assertClose;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.io.Json;
import org.robotphysicist.data.simulator.StandardNormal;

class CalibrationTest {

    /**
     * Pool-adjacent-violators on a hand-checkable sequence: labels 0,1,0,0,1,1 at scores 1..6
     * give blocks {1}: 0, {2,3,4}: 1/3, {5,6}: 1, so ĉ(2.5) = 1/3 and ĉ(4.5) is halfway between 1/3 and 1.
     */
    @Test
    void isotonicFitPoolsAdjacentViolators() {
        IsotonicCalibration c = IsotonicCalibration.fit(new double[] {1, 2, 3, 4, 5, 6},
                new boolean[] {false, true, false, false, true, true});
        assertArrayEquals(new double[] {1, 2, 4, 5, 6}, c.knots());
        assertArrayEquals(new double[] {0, 1.0 / 3, 1.0 / 3, 1, 1}, c.probabilities(), 1e-15);
        double eps = 0.5 / 6;
        double prior = Math.log(3.0 / 3.0);
        assertClose("log r at 2.5", Math.log((1.0 / 3) / (2.0 / 3)) - prior, c.logRatio(2.5), 1e-12);
        double mid = (1.0 / 3 + 1) / 2;
        assertClose("log r at 4.5", Math.log(mid / (1 - mid)), c.logRatio(4.5), 1e-12);
        assertClose("log r clipped at the bottom", Math.log(eps / (1 - eps)), c.logRatio(-10), 1e-12);
        assertClose("log r clipped at the top", Math.log((1 - eps) / eps), c.logRatio(10), 1e-12);
    }

    /**
     * Scores s ~ N(+0.5, 1) for class 1 and N(−0.5, 1) for class 0 (200 000 each): the exact
     * log-ratio of the score densities is s itself, so both calibrations must recover the identity
     * on [−1.5, 1.5] (the bulk), mean absolute error below 0.05 (histogram) and 0.08 (isotonic,
     * which is a step function with ≈ N^(1/3) steps).
     */
    @Test
    void bothMethodsRecoverAKnownLogRatio() {
        SplittableRandom rng = new SplittableRandom(11);
        int n = 200_000;
        double[] s = new double[2 * n];
        boolean[] y = new boolean[2 * n];
        for (int i = 0; i < 2 * n; i++) {
            y[i] = i < n;
            s[i] = (y[i] ? 0.5 : -0.5) + StandardNormal.sample(rng);
        }
        for (CalibrationMethod method : new CalibrationMethod[] {CalibrationMethod.HISTOGRAM, CalibrationMethod.ISOTONIC}) {
            ScoreCalibration c = ScoreCalibration.fit(method, s, y, 0);
            double err = 0;
            int k = 0;
            for (double v = -1.5; v <= 1.5; v += 0.01) {
                err += Math.abs(c.logRatio(v) - v);
                k++;
            }
            double tol = method == CalibrationMethod.HISTOGRAM ? 0.05 : 0.08;
            assertClose(method + " mean |log r - s| on [-1.5, 1.5]", 0, err / k, tol);
            ScoreCalibration back = Json.read(Json.write(c), ScoreCalibration.class, "calibration");
            assertEquals(c, back);
            assertEquals(c.logRatio(0.123), back.logRatio(0.123));
        }
        ScoreCalibration none = Json.read(Json.write(ScoreCalibration.none()), ScoreCalibration.class, "none");
        assertEquals(0.7, none.logRatio(0.7));
        assertTrue(Json.write(ScoreCalibration.none()).contains("\"method\" : \"none\""));
    }

    @Test
    void badCalibrationDataIsRejected() {
        var e = assertThrows(InvalidInputException.class, () -> ScoreCalibration.fit(CalibrationMethod.ISOTONIC,
                new double[] {1, 2}, new boolean[] {true, true}, 0));
        assertTrue(e.getMessage().contains("both classes"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> ScoreCalibration.fit(CalibrationMethod.HISTOGRAM,
                new double[] {1, Double.NaN}, new boolean[] {true, false}, 0));
        assertThrows(InvalidInputException.class, () -> ScoreCalibration.fit(CalibrationMethod.HISTOGRAM,
                new double[] {1, 2, 3}, new boolean[] {true, false}, 0));
        assertThrows(InvalidInputException.class, () -> ScoreCalibration.fit(CalibrationMethod.HISTOGRAM,
                new double[] {1, 2, 3, 4}, new boolean[] {true, false, true, false}, 5));
        assertThrows(InvalidInputException.class, () -> new PiecewiseLinear(new double[] {0, 0}, new double[] {1, 2}));
        assertThrows(InvalidInputException.class, () -> new IsotonicCalibration(new double[] {0, 1},
                new double[] {0.6, 0.4}, 1, 1));
    }
}
