package org.robotphysicist.models.histogram;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.robotphysicist.data.testing.StatisticalAssertions.assertClose;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.OutOfSupportException;
import org.robotphysicist.data.RegularGrid;
import org.robotphysicist.data.simulator.ToyGaussianSimulator;
import org.robotphysicist.data.simulator.WeinbergLoSimulator;
import org.robotphysicist.models.SurrogateLikelihood;
import org.robotphysicist.models.testing.SurrogateContractTest;

class HistogramSurrogateTest extends SurrogateContractTest {
    private static final ToyGaussianSimulator TOY = new ToyGaussianSimulator();

    @Override
    protected SurrogateLikelihood surrogate() {
        return HistogramSurrogate.build(TOY, RegularGrid.of(PROBLEM.thetaLower, PROBLEM.thetaUpper, 21),
                RegularGrid.of(PROBLEM.phiLower, PROBLEM.phiUpper, 16),
                HistogramConfig.defaults().withEventsPerCell(200_000).withBins(120), new SplittableRandom(7));
    }

    /**
     * At a grid point and at bin centres in the bulk (|x| ≤ 2 sd), the histogram log-density
     * matches the exact one: every bin within 4 Monte Carlo standard errors (1/sqrt(n·p·h) in
     * log terms for a bin of expected count n·p·h) plus 0.005 nats of binning bias (≈ h²/24 per
     * unit curvature with h ≈ 0.09), and the mean absolute error over the bulk below 0.015 nats.
     */
    @Test
    void logDensityMatchesTheExactOneInTheBulk() {
        int n = 500_000;
        HistogramSurrogate h = HistogramSurrogate.build(TOY, RegularGrid.of(0, 1, 2), RegularGrid.of(1, 1, 1),
                HistogramConfig.defaults().withEventsPerCell(n).withBins(100), new SplittableRandom(3));
        double lo = h.xRange().lower(0);
        double width = (h.xRange().upper(0) - lo) / 100;
        double worstPull = 0;
        double sumAbs = 0;
        int bins = 0;
        for (int b = 0; b < 100; b++) {
            double x = lo + (b + 0.5) * width;
            if (Math.abs(x) > 2) {
                continue;
            }
            double got = h.logLikelihood(Matrix.ofColumn(x), Matrix.ofColumn(0), Matrix.ofColumn(1))[0];
            double exact = TOY.logDensity(new double[] {x}, new double[] {0}, new double[] {1});
            double mcError = 1 / Math.sqrt(n * Math.exp(exact) * width);
            worstPull = Math.max(worstPull, Math.abs(got - exact) / (4 * mcError + 0.005));
            sumAbs += Math.abs(got - exact);
            bins++;
        }
        double pull = worstPull;
        double meanAbs = sumAbs / bins;
        assertTrue(pull <= 1, () -> "a bin is off by " + pull + " times its tolerance (4 s.e. + 0.005 nats)");
        assertTrue(meanAbs < 0.015, () -> "mean |log p_hist - log p| over the bulk: " + meanAbs + " nats");
    }

    @Test
    void interpolatedDensityStaysNormalized() {
        HistogramSurrogate h = HistogramSurrogate.build(new WeinbergLoSimulator(), RegularGrid.of(0.2, 0.26, 4),
                RegularGrid.of(58, 91, 3), HistogramConfig.defaults().withEventsPerCell(20_000), new SplittableRandom(5));
        int n = 4000;
        double[] xs = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = -1 + (i + 0.5) * 2.0 / n;
        }
        double[] ll = h.logLikelihood(Matrix.ofColumn(xs), Matrix.repeatRow(new double[] {0.2317}, n),
                Matrix.repeatRow(new double[] {70.3}, n));
        double integral = 0;
        for (double v : ll) {
            integral += Math.exp(v) * 2.0 / n;
        }
        assertClose("integral of the interpolated histogram density", 1.0, integral, 1e-9);
    }

    @Test
    void doesNotExtrapolateBeyondItsGrid() {
        HistogramSurrogate h = HistogramSurrogate.build(new WeinbergLoSimulator(), RegularGrid.of(0.2, 0.26, 4),
                RegularGrid.point(58), HistogramConfig.defaults().withEventsPerCell(1000), new SplittableRandom(5));
        var e = assertThrows(OutOfSupportException.class,
                () -> h.summedLogLikelihood(Matrix.ofColumn(0.1), Matrix.ofColumn(0.3), new double[] {58}));
        assertTrue(e.getMessage().contains("0.3"), e.getMessage());
        assertThrows(OutOfSupportException.class,
                () -> h.summedLogLikelihood(Matrix.ofColumn(0.1), Matrix.ofColumn(0.22), new double[] {60}));
        assertThrows(OutOfSupportException.class, () -> HistogramSurrogate.build(new WeinbergLoSimulator(),
                RegularGrid.of(0.0, 0.3, 4), RegularGrid.point(58), HistogramConfig.defaults(), new SplittableRandom(1)));
    }
}
