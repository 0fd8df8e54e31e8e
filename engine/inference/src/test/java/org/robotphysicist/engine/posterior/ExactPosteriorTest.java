package org.robotphysicist.engine.posterior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.robotphysicist.data.testing.StatisticalAssertions.assertClose;
import static org.robotphysicist.data.testing.StatisticalAssertions.assertRelativelyClose;
import static org.robotphysicist.data.testing.StatisticalAssertions.maxAbsDifference;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.RegularGrid;
import org.robotphysicist.data.prior.NormalPrior;
import org.robotphysicist.data.prior.UniformBoxPrior;
import org.robotphysicist.data.simulator.ToyGaussianSimulator;
import org.robotphysicist.models.ExactLikelihood;

/** With the exact likelihood the engine must reproduce the analytic conjugate-normal posterior. */
class ExactPosteriorTest {
    private static final ToyGaussianSimulator TOY = new ToyGaussianSimulator();
    private static final ExactLikelihood EXACT = new ExactLikelihood(TOY);

    /** Posterior N(mean, sd²) of θ for prior N(m0, s0²) and experiments (events, variance). */
    private static double[] conjugate(double m0, double s0, List<Observation> experiments, int component) {
        double precision = 1 / (s0 * s0);
        double weighted = m0 / (s0 * s0);
        for (Observation o : experiments) {
            for (int i = 0; i < o.size(); i++) {
                weighted += o.events().get(i, component) / o.phi()[0];
            }
            precision += o.size() / o.phi()[0];
        }
        return new double[] {weighted / precision, Math.sqrt(1 / precision)};
    }

    @Test
    void theExactToyGaussianPosteriorIsRecoveredPointByPoint() {
        Observation obs = new Observation(TOY.simulate(new double[] {0.8}, new double[] {2.0}, 50,
                new SplittableRandom(21)), new double[] {2.0});
        double[] truth = conjugate(0.0, 1.5, List.of(obs), 0);
        RegularGrid grid = RegularGrid.of(-1, 2.5, 1401);
        GridPosterior post = SurrogatePosterior.of(NormalPrior.of(0.0, 1.5), EXACT, obs).onGrid(grid);
        assertRelativelyClose("posterior mean", truth[0], post.mean()[0], 1e-6);
        assertRelativelyClose("posterior sd", truth[1], post.standardDeviation()[0], 1e-4);
        double[] logDensity = post.logDensity();
        double worst = 0;
        for (int j = 0; j < grid.size(); j++) {
            double z = (grid.coordinate(0, j) - truth[0]) / truth[1];
            if (Math.abs(z) < 4) {
                double exact = -0.5 * z * z - Math.log(truth[1] * Math.sqrt(2 * Math.PI));
                worst = Math.max(worst, Math.abs(logDensity[j] - exact));
            }
        }
        assertClose("max |log density - analytic| within 4 sd", 0, worst, 1e-4);
        assertClose("MAP", truth[0], post.map()[0], grid.spacing(0) / 2);
    }

    @Test
    void aTwoDimensionalPosteriorMatchesPerComponentConjugateUpdates() {
        IsotropicGaussianSimulator sim = new IsotropicGaussianSimulator(2);
        Observation obs = new Observation(sim.simulate(new double[] {0.3, -0.4}, new double[] {1.0}, 40,
                new SplittableRandom(22)), new double[] {1.0});
        NormalPrior prior = new NormalPrior(new double[] {0, 0}, new double[] {1, 1});
        RegularGrid grid = new RegularGrid(new double[] {-1.5, -2}, new double[] {1.5, 1.5}, new int[] {151, 176});
        GridPosterior post = SurrogatePosterior.of(prior, new ExactLikelihood(sim), obs).onGrid(grid);
        double[][] cov = post.covariance();
        for (int d = 0; d < 2; d++) {
            double[] truth = conjugate(0, 1, List.of(obs), d);
            assertClose("mean of component " + d, truth[0], post.mean()[d], 1e-5);
            assertRelativelyClose("sd of component " + d, truth[1], post.standardDeviation()[d], 2e-3);
        }
        assertClose("posterior covariance of independent components", 0, cov[0][1], 1e-8);
    }

    /** The acceptance test: combining two experiments equals the posterior of the pooled data. */
    @Test
    void combiningExperimentsAtDifferentSettingsEqualsThePooledPosterior() {
        Observation narrow = new Observation(TOY.simulate(new double[] {1.1}, new double[] {0.5}, 30,
                new SplittableRandom(31)), new double[] {0.5});
        Observation wide = new Observation(TOY.simulate(new double[] {1.1}, new double[] {4.0}, 80,
                new SplittableRandom(32)), new double[] {4.0});
        NormalPrior prior = NormalPrior.of(0, 2);
        RegularGrid grid = RegularGrid.of(0, 2.2, 1101);
        GridPosterior first = SurrogatePosterior.of(prior, EXACT, narrow).onGrid(grid);
        GridPosterior second = SurrogatePosterior.of(prior, EXACT, wide).onGrid(grid);
        GridPosterior combined = first.combine(second);
        GridPosterior joint = SurrogatePosterior.of(prior, EXACT, narrow, wide).onGrid(grid);
        double[] truth = conjugate(0, 2, List.of(narrow, wide), 0);
        assertRelativelyClose("combined mean vs analytic", truth[0], combined.mean()[0], 1e-6);
        assertRelativelyClose("combined sd vs analytic", truth[1], combined.standardDeviation()[0], 1e-4);
        double[] a = combined.logDensity();
        double[] b = joint.logDensity();
        double worst = maxAbsDifference(a, b);
        assertClose("combined vs jointly evaluated log density", 0, worst, 1e-9);

        // Same setting: two experiments are one experiment with the events pooled.
        Observation more = new Observation(TOY.simulate(new double[] {1.1}, new double[] {0.5}, 25,
                new SplittableRandom(33)), new double[] {0.5});
        List<double[]> rows = new ArrayList<>();
        for (Observation o : List.of(narrow, more)) {
            for (int i = 0; i < o.size(); i++) {
                rows.add(o.events().row(i));
            }
        }
        Observation pooled = new Observation(Matrix.ofRows(rows.toArray(double[][]::new)), new double[] {0.5});
        GridPosterior twoExperiments = SurrogatePosterior.of(prior, EXACT, narrow).with(more).onGrid(grid);
        GridPosterior onePooled = SurrogatePosterior.of(prior, EXACT, pooled).onGrid(grid);
        assertRelativelyClose("pooled-event mean", onePooled.mean()[0], twoExperiments.mean()[0], 1e-12);
        assertRelativelyClose("pooled-event sd", onePooled.standardDeviation()[0],
                twoExperiments.standardDeviation()[0], 1e-9);
    }

    @Test
    void combiningRequiresTheSameGridAndPrior() {
        Observation obs = new Observation(Matrix.ofColumn(0.1, 0.3), new double[] {1});
        GridPosterior a = SurrogatePosterior.of(NormalPrior.of(0, 1), EXACT, obs).onGrid(RegularGrid.of(-1, 1, 11));
        GridPosterior b = SurrogatePosterior.of(NormalPrior.of(0, 1), EXACT, obs).onGrid(RegularGrid.of(-1, 1, 12));
        GridPosterior c = SurrogatePosterior.of(NormalPrior.of(0.5, 1), EXACT, obs).onGrid(RegularGrid.of(-1, 1, 11));
        var grid = assertThrows(InvalidInputException.class, () -> a.combine(b));
        assertTrue(grid.getMessage().contains("same grid"), grid.getMessage());
        var prior = assertThrows(InvalidInputException.class, () -> a.combine(c));
        assertTrue(prior.getMessage().contains("same prior"), prior.getMessage());
    }

    @Test
    void givenPointsInAnyOrderGiveTheSamePosteriorAsTheRegularGrid() {
        IsotropicGaussianSimulator sim = new IsotropicGaussianSimulator(2);
        Observation obs = new Observation(sim.simulate(new double[] {0.2, 0.5}, new double[] {1.0}, 20,
                new SplittableRandom(23)), new double[] {1.0});
        RegularGrid rg = new RegularGrid(new double[] {-1, -1}, new double[] {1.5, 2}, new int[] {51, 61});
        Matrix pts = rg.points();
        int m = rg.size();
        int[] order = new SplittableRandom(3).ints(0, Integer.MAX_VALUE).limit(m).toArray();
        Integer[] perm = new Integer[m];
        for (int j = 0; j < m; j++) {
            perm[j] = j;
        }
        java.util.Arrays.sort(perm, (p, q) -> Integer.compare(order[p], order[q]));
        double[] shuffled = new double[m * 2];
        double[] volumes = new double[m];
        for (int j = 0; j < m; j++) {
            System.arraycopy(pts.row(perm[j]), 0, shuffled, 2 * j, 2);
            volumes[j] = rg.cellVolume();
        }
        UniformBoxPrior prior = new UniformBoxPrior(rg.bounds());
        SurrogatePosterior sp = SurrogatePosterior.of(prior, new ExactLikelihood(sim), obs);
        GridPosterior regular = sp.onGrid(rg);
        GridPosterior points = sp.onGrid(ThetaGrid.ofPoints(Matrix.of(m, 2, shuffled), volumes, rg.bounds()));
        for (int d = 0; d < 2; d++) {
            assertClose("mean " + d, regular.mean()[d], points.mean()[d], 1e-12);
            assertClose("sd " + d, regular.standardDeviation()[d], points.standardDeviation()[d], 1e-12);
            CredibleInterval r = regular.centralInterval(d, 0.9);
            CredibleInterval p = points.centralInterval(d, 0.9);
            assertClose("90% lower " + d, r.lower(), p.lower(), 1e-12);
            assertClose("90% upper " + d, r.upper(), p.upper(), 1e-12);
            assertClose("profile MLE " + d, regular.profileLikelihood().mle()[d], points.profileLikelihood().mle()[d],
                    1e-12);
        }
        assertClose("log evidence", regular.logEvidence(), points.logEvidence(), 1e-10);
        double[] theta = {0.4, 0.9};
        assertClose("credibility", regular.credibility(theta), points.credibility(theta), 1e-12);
        assertEquals(61, points.marginalDistribution(1).values().length);
    }

    @Test
    void cellVolumesWeightGivenPoints() {
        // Two points: the second stands for a cell three times larger, so at equal density it holds 3/4.
        ThetaGrid g = ThetaGrid.ofPoints(Matrix.ofColumn(0.25, 0.75), new double[] {0.25, 0.75}, Box.interval(0, 1));
        GridPosterior p = GridPosterior.fromLogLikelihood(UniformBoxPrior.interval(0, 1), g, List.of("t"),
                new double[] {0, 0});
        assertClose("mass of the larger cell", 0.75, p.probabilities()[1], 1e-15);
        assertClose("densities are equal", p.logDensity()[0], p.logDensity()[1], 1e-12);
        assertClose("log evidence of a flat likelihood under a normalized prior", 0, p.logEvidence(), 1e-12);
    }
}
