package org.robotphysicist.engine.posterior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.robotphysicist.data.testing.StatisticalAssertions.assertClose;
import static org.robotphysicist.data.testing.StatisticalAssertions.assertPValueAbove;
import static org.robotphysicist.data.testing.StatisticalAssertions.assertWithinSigmas;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.DimensionMismatchException;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.RegularGrid;
import org.robotphysicist.data.prior.NormalPrior;
import org.robotphysicist.data.prior.UniformBoxPrior;
import org.robotphysicist.data.simulator.ToyGaussianSimulator;
import org.robotphysicist.engine.posterior.diagnostics.UniformityTest;
import org.robotphysicist.models.ExactLikelihood;

class GridPriorTest {
    private static final ToyGaussianSimulator TOY = new ToyGaussianSimulator();

    private static double maxAbsDifference(double[] a, double[] b) {
        double worst = 0;
        for (int j = 0; j < a.length; j++) {
            if (Double.isFinite(a[j]) || Double.isFinite(b[j])) {
                worst = Math.max(worst, Math.abs(a[j] - b[j]));
            }
        }
        return worst;
    }

    /** The acceptance test: updating with the posterior as prior equals updating with both datasets at once. */
    @Test
    void sequentialUpdateEqualsJointUpdate() {
        Observation first = new Observation(TOY.simulate(new double[] {0.5}, new double[] {1.0}, 20,
                new SplittableRandom(51)), new double[] {1.0});
        Observation second = new Observation(TOY.simulate(new double[] {0.5}, new double[] {3.0}, 40,
                new SplittableRandom(52)), new double[] {3.0});
        RegularGrid grid = RegularGrid.of(-2, 3, 501);
        NormalPrior prior = new NormalPrior(new double[] {0}, new double[] {1}, Box.interval(-2, 3));
        ExactLikelihood exact = new ExactLikelihood(TOY);
        GridPosterior afterFirst = SurrogatePosterior.of(prior, exact, first).onGrid(grid);
        GridPosterior sequential = SurrogatePosterior.of(afterFirst.asPrior(), exact, second).onGrid(grid);
        GridPosterior joint = SurrogatePosterior.of(prior, exact, first, second).onGrid(grid);
        assertClose("max |log density, sequential - joint| (1-D)", 0,
                maxAbsDifference(sequential.logDensity(), joint.logDensity()), 1e-9);

        IsotropicGaussianSimulator sim = new IsotropicGaussianSimulator(2);
        ExactLikelihood exact2 = new ExactLikelihood(sim);
        Observation a = new Observation(sim.simulate(new double[] {0.2, -0.1}, new double[] {1.0}, 10,
                new SplittableRandom(53)), new double[] {1.0});
        Observation b = new Observation(sim.simulate(new double[] {0.2, -0.1}, new double[] {2.0}, 15,
                new SplittableRandom(54)), new double[] {2.0});
        RegularGrid grid2 = new RegularGrid(new double[] {-2, -2}, new double[] {2, 2}, new int[] {81, 61});
        UniformBoxPrior flat = new UniformBoxPrior(grid2.bounds());
        GridPosterior step1 = SurrogatePosterior.of(flat, exact2, a).onGrid(grid2);
        GridPosterior step2 = SurrogatePosterior.of(step1.asPrior(), exact2, b).onGrid(grid2);
        GridPosterior both = SurrogatePosterior.of(flat, exact2, a, b).onGrid(grid2);
        assertClose("max |log density, sequential - joint| (2-D)", 0,
                maxAbsDifference(step2.logDensity(), both.logDensity()), 1e-9);
    }

    @Test
    void theInterpolatedPriorIsNormalizedAndExactAtGridPoints() {
        RegularGrid grid = new RegularGrid(new double[] {0, -1}, new double[] {2, 1}, new int[] {21, 11});
        Matrix pts = grid.points();
        double[] ll = new double[grid.size()];
        for (int j = 0; j < ll.length; j++) {
            ll[j] = -2 * Math.pow(pts.get(j, 0) - 0.8, 2) - Math.pow(pts.get(j, 1) - 0.3, 2) * 3 + pts.get(j, 0)
                    * pts.get(j, 1);
        }
        GridPosterior post = GridPosterior.fromLogLikelihood(new UniformBoxPrior(grid.bounds()), grid,
                List.of("a", "b"), ll);
        GridPrior prior = post.asPrior();
        assertEquals(grid.bounds(), prior.support());
        // Integral by a midpoint rule on a grid 8x finer per axis: the interpolant is bilinear, so
        // this converges fast.
        int na = 160;
        int nb = 80;
        double total = 0;
        for (int i = 0; i < na; i++) {
            for (int k = 0; k < nb; k++) {
                total += Math.exp(prior.logProb(new double[] {(i + 0.5) * 2.0 / na, -1 + (k + 0.5) * 2.0 / nb}));
            }
        }
        total *= (2.0 / na) * (2.0 / nb);
        assertClose("integral of the interpolated prior", 1, total, 2e-4);
        // At grid points the prior is proportional to the posterior density.
        double[] logDensity = post.logDensity();
        double offset = prior.logProb(pts.row(0)) - logDensity[0];
        for (int j = 0; j < grid.size(); j += 7) {
            assertClose("log prior - log posterior at point " + j, offset, prior.logProb(pts.row(j)) - logDensity[j],
                    1e-12);
        }
        // Between points it interpolates linearly.
        double mid = Math.exp(prior.logProb(new double[] {0.05, -1}));
        double ends = (Math.exp(prior.logProb(new double[] {0, -1})) + Math.exp(prior.logProb(new double[] {0.1, -1})))
                / 2;
        assertClose("midpoint value", ends, mid, 1e-12 * ends);
        assertEquals(Double.NEGATIVE_INFINITY, prior.logProb(new double[] {2.01, 0}));
        assertThrows(DimensionMismatchException.class, () -> prior.logProb(new double[] {1}));
    }

    @Test
    void drawsComeFromTheInterpolatedDensity() {
        RegularGrid grid = RegularGrid.of(0, 1, 6);
        double[] ll = {-3, -1, 0, -0.5, -2, -4};
        GridPrior prior = GridPosterior.fromLogLikelihood(UniformBoxPrior.interval(0, 1), grid, List.of("t"), ll)
                .asPrior();
        int n = 40_000;
        int bins = 20;
        Matrix draws = prior.sample(n, new SplittableRandom(61));
        // Rank each draw by the prior's own CDF (numerical integral); uniform ranks mean exact draws.
        int fine = 20_000;
        double[] cdf = new double[fine + 1];
        for (int i = 0; i < fine; i++) {
            cdf[i + 1] = cdf[i] + Math.exp(prior.logProb(new double[] {(i + 0.5) / fine})) / fine;
        }
        int[] ranks = new int[n];
        for (int i = 0; i < n; i++) {
            double v = draws.get(i, 0);
            assertTrue(v >= 0 && v <= 1);
            int cell = Math.min(fine - 1, (int) (v * fine));
            double u = cdf[cell] + (v * fine - cell) * (cdf[cell + 1] - cdf[cell]);
            ranks[i] = Math.min(bins - 1, (int) (u / cdf[fine] * bins));
        }
        UniformityTest t = UniformityTest.of(ranks, bins - 1, bins);
        assertPValueAbove("probability-integral transform of prior draws", t.pValue(), 0.001,
                java.util.Arrays.toString(t.histogram()));

        RegularGrid g2 = new RegularGrid(new double[] {0, 0}, new double[] {1, 2}, new int[] {3, 5});
        double[] ll2 = new double[g2.size()];
        Matrix pts = g2.points();
        for (int j = 0; j < ll2.length; j++) {
            ll2[j] = pts.get(j, 0) + 0.5 * pts.get(j, 1);
        }
        GridPrior p2 = GridPosterior.fromLogLikelihood(new UniformBoxPrior(g2.bounds()), g2, List.of("a", "b"), ll2)
                .asPrior();
        Matrix d2 = p2.sample(n, new SplittableRandom(62));
        double exactMean = 0;
        double exactSecond = 0;
        double weight = 0;
        for (int i = 0; i < 400; i++) {
            for (int k = 0; k < 400; k++) {
                double a = (i + 0.5) / 400;
                double b = (k + 0.5) * 2 / 400;
                double w = Math.exp(p2.logProb(new double[] {a, b}));
                weight += w;
                exactMean += w * b;
                exactSecond += w * b * b;
            }
        }
        exactMean /= weight;
        double sd = Math.sqrt(exactSecond / weight - exactMean * exactMean);
        double sampleMean = java.util.Arrays.stream(d2.column(1)).average().orElseThrow();
        assertWithinSigmas("mean of the second coordinate of 2-D draws", exactMean, sampleMean, sd / Math.sqrt(n), 4);
    }

    @Test
    void linearDrawsHaveTheRightMean() {
        SplittableRandom rng = new SplittableRandom(7);
        int n = 200_000;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += GridPrior.linearDraw(1, 3, rng.nextDouble());
        }
        // density (1 + 2t)/2 on [0, 1]: mean = (1/2 + 2/3)/2 = 7/12, variance 0.0764
        assertWithinSigmas("mean of the linear density", 7.0 / 12, sum / n, Math.sqrt(0.0764 / n), 4);
        assertClose("flat density", 0.37, GridPrior.linearDraw(2, 2, 0.37), 1e-15);
        assertClose("density vanishing at 0", Math.sqrt(0.25), GridPrior.linearDraw(0, 1, 0.25), 1e-15);
    }

    @Test
    void onlyRegularGridsWithTwoPointsPerAxisCanBecomePriors() {
        GridPosterior points = GridPosterior.fromLogLikelihood(UniformBoxPrior.interval(0, 1), ThetaGrid.ofPoints(
                Matrix.ofColumn(0.2, 0.7), new double[] {0.5, 0.5}, Box.interval(0, 1)), List.of("t"),
                new double[] {0, 0});
        var e = assertThrows(InvalidInputException.class, points::asPrior);
        assertTrue(e.getMessage().contains("regular grid"), e.getMessage());
        RegularGrid flat = new RegularGrid(new double[] {0, 0.5}, new double[] {1, 0.5}, new int[] {5, 1});
        GridPosterior degenerate = GridPosterior.fromLogLikelihood(new NormalPrior(new double[] {0, 0},
                new double[] {1, 1}), flat, List.of("a", "b"), new double[5]);
        var single = assertThrows(InvalidInputException.class, degenerate::asPrior);
        assertTrue(single.getMessage().contains("at least 2 grid points"), single.getMessage());
    }
}
