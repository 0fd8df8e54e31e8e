package org.robotphysicist.models.histogram;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.robotphysicist.data.testing.StatisticalAssertions.assertClose;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.OutOfSupportException;
import org.robotphysicist.data.RegularGrid;
import org.robotphysicist.data.simulator.ToyGaussianSimulator;
import org.robotphysicist.data.simulator.WeinbergLoPhysics;
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

    /**
     * Smoothing along θ removes most of the Monte Carlo noise in how a bin's density changes from
     * one θ cell to the next — what a posterior over θ depends on — and keeps the densities
     * themselves unbiased. Weinberg LO at √s = 58 GeV, 41 cells over sin²θ_W ∈ [0.15, 0.35], 20 000
     * events per cell in 20 bins of cos θ, against exact bin probabilities
     * ∫(3/8)(1 + c²) + A<sub>FB</sub>·c dc: the root-mean-square error of the cell-to-cell
     * differences falls below half the unsmoothed one, while the densities themselves stay as close
     * to exact as unsmoothed (their error, 3–4% per bin, is mostly Monte Carlo noise shared by every
     * cell through the common random numbers, which a posterior over θ does not see).
     */
    @Test
    void smoothingAlongThetaRemovesCellToCellNoise() {
        WeinbergLoSimulator w = new WeinbergLoSimulator();
        RegularGrid thetas = RegularGrid.of(0.15, 0.35, 41);
        HistogramConfig raw = HistogramConfig.defaults().withEventsPerCell(20_000).withBins(20);
        HistogramSurrogate plain = HistogramSurrogate.build(w, thetas, RegularGrid.point(58), raw,
                new SplittableRandom(9));
        HistogramSurrogate smoothed = HistogramSurrogate.build(w, thetas, RegularGrid.point(58),
                raw.withThetaSmoothing(8), new SplittableRandom(9));
        double[][] exact = new double[41][20];
        double[][] p = new double[41][];
        double[][] q = new double[41][];
        double[] centres = new double[20];
        for (int b = 0; b < 20; b++) {
            centres[b] = -1 + (b + 0.5) * 0.1;
        }
        for (int i = 0; i < 41; i++) {
            double theta = thetas.coordinate(0, i);
            double afb = WeinbergLoPhysics.forwardBackwardAsymmetry(theta, 58);
            for (int b = 0; b < 20; b++) {
                double lo = -1 + b * 0.1;
                double hi = lo + 0.1;
                exact[i][b] = (3.0 / 8 * ((hi - lo) + (hi * hi * hi - lo * lo * lo) / 3) + afb * (hi * hi - lo * lo) / 2)
                        / 0.1;
            }
            p[i] = densities(plain, centres, theta);
            q[i] = densities(smoothed, centres, theta);
        }
        double plainError = stepError(p, exact);
        double smoothedError = stepError(q, exact);
        double plainLevel = relativeError(p, exact);
        double smoothedLevel = relativeError(q, exact);
        assertTrue(smoothedError < 0.5 * plainError, () -> "rms error of cell-to-cell density steps: smoothed "
                + smoothedError + ", unsmoothed " + plainError + "; expected below half");
        assertTrue(smoothedLevel <= 1.02 * plainLevel, () -> "rms relative error of the densities: smoothed "
                + smoothedLevel + ", unsmoothed " + plainLevel + "; expected no more than 2% above");
        double[] ll = smoothed.logLikelihood(Matrix.ofColumn(centres), Matrix.repeatRow(new double[] {0.2317}, 20),
                Matrix.repeatRow(new double[] {58}, 20));
        double integral = 0;
        for (double v : ll) {
            integral += Math.exp(v) * 0.1;
        }
        assertClose("integral of the smoothed density between cells", 1.0, integral, 1e-9);
    }

    private static double[] densities(HistogramSurrogate h, double[] x, double theta) {
        double[] ll = h.logLikelihood(Matrix.ofColumn(x), Matrix.repeatRow(new double[] {theta}, x.length),
                Matrix.repeatRow(new double[] {58}, x.length));
        double[] d = new double[ll.length];
        for (int b = 0; b < d.length; b++) {
            d[b] = Math.exp(ll[b]);
        }
        return d;
    }

    /** RMS over cells and bins of d / e − 1. */
    private static double relativeError(double[][] d, double[][] e) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < d.length; i++) {
            for (int b = 0; b < d[i].length; b++) {
                double r = d[i][b] / e[i][b] - 1;
                sum += r * r;
                n++;
            }
        }
        return Math.sqrt(sum / n);
    }

    /** RMS over cells i and bins b of (d[i+1][b] − d[i][b]) − (e[i+1][b] − e[i][b]). */
    private static double stepError(double[][] d, double[][] e) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i + 1 < d.length; i++) {
            for (int b = 0; b < d[i].length; b++) {
                double r = (d[i + 1][b] - d[i][b]) - (e[i + 1][b] - e[i][b]);
                sum += r * r;
                n++;
            }
        }
        return Math.sqrt(sum / n);
    }

    @Test
    void aNegativeSmoothingIsRefused() {
        var e = assertThrows(InvalidInputException.class,
                () -> HistogramConfig.defaults().withThetaSmoothing(-1));
        assertTrue(e.getMessage().contains("expected a half-width of 0 (none) or more theta cells but found -1"),
                e.getMessage());
    }
}
