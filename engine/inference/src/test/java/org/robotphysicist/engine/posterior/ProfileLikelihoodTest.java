package org.robotphysicist.engine.posterior;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.robotphysicist.data.testing.StatisticalAssertions.assertClose;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.RegularGrid;
import org.robotphysicist.data.prior.UniformBoxPrior;
import org.robotphysicist.data.simulator.ToyGaussianSimulator;
import org.robotphysicist.models.ExactLikelihood;

class ProfileLikelihoodTest {
    private static final ToyGaussianSimulator TOY = new ToyGaussianSimulator();

    @Test
    void wilksThresholdsAreChiSquaredQuantiles() {
        assertClose("68.27% threshold", 1.0, ProfileLikelihood.wilksThreshold(0.682689492137), 1e-9);
        assertClose("95% threshold", 3.841458820694, ProfileLikelihood.wilksThreshold(0.95), 1e-9);
        assertThrows(InvalidInputException.class, () -> ProfileLikelihood.wilksThreshold(1.0));
    }

    /** For a Gaussian likelihood the Wilks interval is x̄ ± z·σ/√N exactly, and the MLE is x̄. */
    @Test
    void theGaussianWilksIntervalIsTheTextbookOne() {
        Matrix x = TOY.simulate(new double[] {0.4}, new double[] {1.0}, 25, new SplittableRandom(41));
        double mean = java.util.Arrays.stream(x.column(0)).average().orElseThrow();
        RegularGrid grid = RegularGrid.of(-1, 2, 151);
        GridPosterior post = SurrogatePosterior.of(UniformBoxPrior.interval(-1, 2), new ExactLikelihood(TOY),
                new Observation(x, new double[] {1.0})).onGrid(grid);
        ProfileLikelihood profile = post.profileLikelihood();
        assertClose("MLE refined between grid points", mean, profile.mle()[0], 1e-9);
        for (double level : new double[] {0.68, 0.95}) {
            ProfileInterval pi = profile.wilksInterval(0, level);
            double half = Math.sqrt(ProfileLikelihood.wilksThreshold(level)) / 5;
            assertClose("Wilks lower at " + level, mean - half, pi.lower(), 1e-6);
            assertClose("Wilks upper at " + level, mean + half, pi.upper(), 1e-6);
            assertFalse(pi.lowerLimitedByGrid() || pi.upperLimitedByGrid());
        }
        LikelihoodSummary s = profile.summarize(0.68, 0.95);
        assertClose("summary MLE", mean, s.mle()[0], 1e-9);
        assertTrue(s.interval("mu", 0.95).width() > s.interval("mu", 0.68).width());
    }

    /**
     * The acceptance test: over 2000 seeded repetitions (N = 10 events, exact likelihood,
     * 226-point grid) the Wilks 68% interval covers the true θ in 68% ± 3% of them (the binomial
     * standard error is 1.04%); the 95% interval in 95% ± 1.5%.
     */
    @Test
    void wilksIntervalsCoverAtTheirNominalRate() {
        double truth = 0.3;
        RegularGrid grid = RegularGrid.of(-2, 2.5, 226);
        PosteriorEvaluator evaluator = PosteriorEvaluator.forSurrogate(new ExactLikelihood(TOY));
        Matrix points = grid.points();
        SplittableRandom rng = new SplittableRandom(2024);
        int repetitions = 2000;
        int covered68 = 0;
        int covered95 = 0;
        for (int r = 0; r < repetitions; r++) {
            Matrix x = TOY.simulate(new double[] {truth}, new double[] {1.0}, 10, rng);
            double[] ll = evaluator.logLikelihoodSums(x, points, new double[] {1.0});
            ProfileLikelihood profile = GridPosterior.fromLogLikelihood(UniformBoxPrior.interval(-2, 2.5), grid,
                    List.of("mu"), ll).profileLikelihood();
            covered68 += profile.wilksInterval(0, 0.68).contains(truth) ? 1 : 0;
            covered95 += profile.wilksInterval(0, 0.95).contains(truth) ? 1 : 0;
        }
        assertClose("Wilks 68% coverage over " + repetitions + " repetitions", 0.68, (double) covered68 / repetitions,
                0.03);
        assertClose("Wilks 95% coverage over " + repetitions + " repetitions", 0.95, (double) covered95 / repetitions,
                0.015);
    }

    /** Profiling over a correlated nuisance parameter gives the marginal width √Σ<sub>aa</sub>, not the conditional one. */
    @Test
    void profilingOverANuisanceParameterUsesTheMarginalWidth() {
        double sa = 0.3;
        double sb = 0.5;
        double rho = 0.8;
        RegularGrid grid = new RegularGrid(new double[] {-1.5, -2.5}, new double[] {1.5, 2.5}, new int[] {301, 251});
        Matrix pts = grid.points();
        double[] ll = new double[grid.size()];
        for (int j = 0; j < ll.length; j++) {
            double a = (pts.get(j, 0) - 0.123) / sa;
            double b = (pts.get(j, 1) + 0.2) / sb;
            ll[j] = -0.5 * (a * a - 2 * rho * a * b + b * b) / (1 - rho * rho);
        }
        ProfileLikelihood profile = GridPosterior.fromLogLikelihood(new UniformBoxPrior(grid.bounds()), grid,
                List.of("a", "b"), ll).profileLikelihood();
        ProfileInterval a = profile.wilksInterval(0, 0.682689492137);
        ProfileInterval b = profile.wilksInterval(1, 0.682689492137);
        assertClose("profile interval of a: lower", 0.123 - sa, a.lower(), 2e-4);
        assertClose("profile interval of a: upper", 0.123 + sa, a.upper(), 2e-4);
        assertClose("profile interval of b: lower", -0.2 - sb, b.lower(), 2e-4);
        assertClose("profile interval of b: upper", -0.2 + sb, b.upper(), 2e-4);
        assertClose("MLE of a", 0.123, profile.mle()[0], 2e-4);
        assertClose("MLE of b", -0.2, profile.mle()[1], 2e-4);
    }

    @Test
    void intervalsThatReachTheGridEdgeSaySo() {
        RegularGrid grid = RegularGrid.of(0, 1, 101);
        double[] ll = new double[101];
        for (int j = 0; j < ll.length; j++) {
            double t = grid.coordinate(0, j);
            ll[j] = -0.5 * (t - 0.1) * (t - 0.1) / 0.04;
        }
        ProfileInterval pi = GridPosterior.fromLogLikelihood(UniformBoxPrior.interval(0, 1), grid, List.of("t"), ll)
                .profileLikelihood().wilksInterval(0, 0.95);
        assertTrue(pi.lowerLimitedByGrid() && !pi.upperLimitedByGrid(), () -> pi.toString());
        assertClose("lower end at the grid edge", 0, pi.lower(), 0);
        assertClose("upper end", 0.1 + 1.959964 * 0.2, pi.upper(), 2e-3);
    }

    @Test
    void scatteredPointsCannotBeProfiled() {
        Matrix pts = Matrix.ofRows(new double[] {0.1, 0.2}, new double[] {0.3, 0.7}, new double[] {0.8, 0.4});
        GridPosterior post = GridPosterior.fromLogLikelihood(new UniformBoxPrior(new Box(new double[] {0, 0},
                new double[] {1, 1})), ThetaGrid.ofPoints(pts, new double[] {1, 1, 1}, new Box(new double[] {0, 0},
                        new double[] {1, 1})), List.of("a", "b"), new double[] {0, -1, -2});
        var e = assertThrows(InvalidInputException.class, () -> post.profileLikelihood().wilksInterval(0, 0.68));
        assertTrue(e.getMessage().contains("tensor-product"), e.getMessage());
    }
}
