package org.robotphysicist.engine.posterior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.robotphysicist.data.testing.StatisticalAssertions.assertClose;
import static org.robotphysicist.data.testing.StatisticalAssertions.assertWithinSigmas;

import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.RegularGrid;
import org.robotphysicist.data.prior.UniformBoxPrior;

/** Marginals, central and HPD intervals, credibility and draws of grid posteriors with known answers. */
class MarginalIntervalTest {
    private static final List<String> T = List.of("t");

    private static GridPosterior fromDensity(RegularGrid grid, java.util.function.DoubleUnaryOperator logDensity) {
        double[] ll = new double[grid.size()];
        for (int j = 0; j < ll.length; j++) {
            ll[j] = logDensity.applyAsDouble(grid.coordinate(0, j));
        }
        return GridPosterior.fromLogLikelihood(new UniformBoxPrior(grid.bounds()), grid, T, ll);
    }

    /** The shortest interval of a Gamma(k, 1) distribution holding {@code level}, by golden-section search. */
    private static double[] gammaHpd(GammaDistribution g, double level) {
        double lo = 0;
        double hi = g.inverseCumulativeProbability(1 - level);
        double phi = (Math.sqrt(5) - 1) / 2;
        for (int i = 0; i < 200; i++) {
            double a = hi - phi * (hi - lo);
            double b = lo + phi * (hi - lo);
            double wa = g.inverseCumulativeProbability(g.cumulativeProbability(a) + level) - a;
            double wb = g.inverseCumulativeProbability(g.cumulativeProbability(b) + level) - b;
            if (wa < wb) {
                hi = b;
            } else {
                lo = a;
            }
        }
        double a = (lo + hi) / 2;
        return new double[] {a, g.inverseCumulativeProbability(g.cumulativeProbability(a) + level)};
    }

    /** The acceptance test: HPD and central intervals differ as they must on a skewed posterior. */
    @Test
    void hpdIsShorterThanCentralOnASkewedPosteriorAndBothMatchTheGammaDistribution() {
        GammaDistribution gamma = new GammaDistribution(null, 3, 1);
        RegularGrid grid = RegularGrid.of(0, 25, 5001);
        GridPosterior post = fromDensity(grid, t -> t > 0 ? 2 * Math.log(t) - t : Double.NEGATIVE_INFINITY);
        double h = grid.spacing(0);
        for (double level : new double[] {0.68, 0.9, 0.95}) {
            CredibleInterval central = post.centralInterval(0, level);
            CredibleInterval hpd = post.hpdInterval(0, level);
            assertClose("central lower at " + level, gamma.inverseCumulativeProbability((1 - level) / 2),
                    central.lower(), h);
            assertClose("central upper at " + level, gamma.inverseCumulativeProbability((1 + level) / 2),
                    central.upper(), h);
            double[] exact = gammaHpd(gamma, level);
            assertClose("HPD lower at " + level, exact[0], hpd.lower(), 2 * h);
            assertClose("HPD upper at " + level, exact[1], hpd.upper(), 2 * h);
            assertTrue(hpd.width() < central.width() - 0.05, () -> "HPD " + hpd + " not shorter than central "
                    + central);
            assertTrue(hpd.lower() < central.lower() && hpd.upper() < central.upper(), () -> "HPD " + hpd
                    + " not shifted toward the mode from " + central);
            double ratio = gamma.density(hpd.lower()) / gamma.density(hpd.upper());
            assertClose("density ratio at the HPD ends", 1, ratio, 0.01);
            List<CredibleInterval> region = post.hpdRegion(0, level);
            assertEquals(1, region.size(), () -> "unimodal HPD region " + region);
            assertClose("HPD region lower", hpd.lower(), region.get(0).lower(), 2 * h);
            assertClose("HPD region upper", hpd.upper(), region.get(0).upper(), 2 * h);
        }
        PosteriorSummary s = post.summarize(0.9);
        assertEquals(post.hpdInterval(0, 0.9), s.hpdInterval("t", 0.9));
        assertEquals(post.centralInterval(0, 0.9), s.interval("t", 0.9));
        assertClose("MAP of Gamma(3, 1)", 2, s.map()[0], h / 2);
    }

    @Test
    void theHpdRegionOfABimodalPosteriorHasOneIntervalPerMode() {
        RegularGrid grid = RegularGrid.of(-8, 8, 3201);
        NormalDistribution n = new NormalDistribution(null, 0, 0.5);
        GridPosterior post = fromDensity(grid, t -> Math.log(n.density(t - 3) + n.density(t + 3)));
        List<CredibleInterval> region = post.hpdRegion(0, 0.9);
        assertEquals(2, region.size(), () -> "region " + region);
        double z = 1.6448536 * 0.5;
        double h = grid.spacing(0);
        assertClose("left mode lower", -3 - z, region.get(0).lower(), 2 * h);
        assertClose("left mode upper", -3 + z, region.get(0).upper(), 2 * h);
        assertClose("right mode lower", 3 - z, region.get(1).lower(), 2 * h);
        assertClose("right mode upper", 3 + z, region.get(1).upper(), 2 * h);
        CredibleInterval shortest = post.hpdInterval(0, 0.9);
        assertTrue(shortest.width() > 6, () -> "the single shortest interval must bridge the modes: " + shortest);
    }

    @Test
    void credibilityIsTheMassOfDenserCells() {
        RegularGrid grid = RegularGrid.of(-6, 6, 6001);
        GridPosterior post = fromDensity(grid, t -> -0.5 * t * t);
        NormalDistribution n = new NormalDistribution(null, 0, 1);
        for (double z : new double[] {0.3, 1.0, 1.96, 2.5}) {
            double expected = 2 * n.cumulativeProbability(z) - 1;
            assertClose("credibility at z = " + z, expected, post.credibility(new double[] {z}), 2e-3);
            assertClose("credibility at z = -" + z, expected, post.credibility(new double[] {-z}), 2e-3);
        }
        assertClose("credibility of the mode", 0, post.credibility(new double[] {0}), 1e-12);
    }

    @Test
    void drawsFollowThePosterior() {
        RegularGrid grid = new RegularGrid(new double[] {-5, -5}, new double[] {5, 5}, new int[] {201, 201});
        Matrix pts = grid.points();
        double[] ll = new double[grid.size()];
        double rho = 0.7;
        for (int j = 0; j < ll.length; j++) {
            double a = pts.get(j, 0);
            double b = pts.get(j, 1) - 0.3;
            ll[j] = -0.5 * (a * a - 2 * rho * a * b + b * b) / (1 - rho * rho);
        }
        GridPosterior post = GridPosterior.fromLogLikelihood(new UniformBoxPrior(grid.bounds()), grid,
                List.of("a", "b"), ll);
        double[][] cov = post.covariance();
        assertClose("grid correlation", rho, cov[0][1] / Math.sqrt(cov[0][0] * cov[1][1]), 2e-3);
        int n = 20_000;
        Matrix draws = post.sample(n, new SplittableRandom(17));
        for (int d = 0; d < 2; d++) {
            double[] col = draws.column(d);
            double mean = java.util.Arrays.stream(col).average().orElseThrow();
            assertWithinSigmas("mean of draws, component " + d, post.mean()[d], mean,
                    Math.sqrt(cov[d][d] / n), 4);
        }
        for (int i = 0; i < n; i++) {
            assertTrue(grid.bounds().contains(draws.row(i)));
        }
    }

    @Test
    void marginalsOfTheExistingKindStillSumToOne() {
        RegularGrid grid = new RegularGrid(new double[] {0, 0}, new double[] {1, 2}, new int[] {11, 21});
        GridPosterior post = GridPosterior.fromLogLikelihood(new UniformBoxPrior(grid.bounds()), grid,
                List.of("a", "b"), new double[grid.size()]);
        Marginal m = post.marginalDistribution(1);
        assertClose("marginal mass", 1, java.util.Arrays.stream(m.masses()).sum(), 1e-12);
        assertClose("uniform marginal mean", 1, m.mean(), 1e-12);
        assertClose("uniform marginal median", 1, m.quantile(0.5), 1e-12);
        assertThrows(InvalidInputException.class, () -> post.hpdInterval(0, 0));
        assertThrows(InvalidInputException.class, () -> post.marginalDistribution(2));
    }
}
