package org.robotphysicist.engine.posterior;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.robotphysicist.data.testing.StatisticalAssertions.assertClose;
import static org.robotphysicist.data.testing.StatisticalAssertions.assertRelativelyClose;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.OutOfSupportException;
import org.robotphysicist.data.RegularGrid;
import org.robotphysicist.data.prior.NormalPrior;
import org.robotphysicist.data.prior.UniformBoxPrior;
import org.robotphysicist.data.simulator.ToyGaussianSimulator;
import org.robotphysicist.models.ExactLikelihood;
import org.robotphysicist.models.histogram.HistogramConfig;
import org.robotphysicist.models.histogram.HistogramSurrogate;

class GridPosteriorTest {
    private static final List<String> MU = List.of("mu");
    private static final ToyGaussianSimulator TOY = new ToyGaussianSimulator();

    /** Conjugate normal model: prior N(m0, s0²), x ~ N(θ, φ), posterior N(m, s²). */
    private static double[] analytic(double m0, double s0, Matrix x, double phi) {
        double sum = 0;
        for (int i = 0; i < x.rows(); i++) {
            sum += x.get(i, 0);
        }
        double precision = 1 / (s0 * s0) + x.rows() / phi;
        return new double[] {(m0 / (s0 * s0) + sum / phi) / precision, Math.sqrt(1 / precision)};
    }

    @Test
    void exactLikelihoodRecoversTheConjugatePosterior() {
        Matrix x = TOY.simulate(new double[] {1.0}, new double[] {1.0}, 200, new SplittableRandom(4));
        double[] truth = analytic(0.5, 1.0, x, 1.0);
        RegularGrid grid = RegularGrid.of(0, 2, 801);
        GridPosterior post = GridPosterior.fromLogLikelihood(NormalPrior.of(0.5, 1.0), grid, MU,
                new ExactLikelihood(TOY).summedLogLikelihood(x, grid.points(), new double[] {1.0}));
        assertRelativelyClose("posterior mean (exact likelihood)", truth[0], post.mean()[0], 1e-4);
        assertRelativelyClose("posterior sd (exact likelihood)", truth[1], post.standardDeviation()[0], 1e-3);
        // Central 68.27% interval of a normal posterior: mean ± 1 sd.
        CredibleInterval ci = post.centralInterval(0, 0.682689492);
        assertClose("68% lower edge", truth[0] - truth[1], ci.lower(), 2e-3 * truth[1] + 1e-4);
        assertClose("68% upper edge", truth[0] + truth[1], ci.upper(), 2e-3 * truth[1] + 1e-4);
    }

    /**
     * The acceptance test: with the histogram surrogate (21 x 16 cells, 4·10⁵ events per
     * cell), posterior mean and sd agree with the analytic ones within 2% (relative).
     */
    @Test
    void histogramSurrogatePosteriorMatchesTheAnalyticOneWithinTwoPercent() {
        double phi = 1.0;
        Matrix x = TOY.simulate(new double[] {1.0}, new double[] {phi}, 200, new SplittableRandom(12));
        double[] truth = analytic(0.5, 1.0, x, phi);
        HistogramSurrogate h = HistogramSurrogate.build(TOY, RegularGrid.of(0, 2, 41), RegularGrid.of(0.5, 2, 16),
                HistogramConfig.defaults().withEventsPerCell(400_000).withBins(80), new SplittableRandom(99));
        RegularGrid grid = RegularGrid.of(0.4, 1.6, 601);
        GridPosterior post = GridPosterior.fromLogLikelihood(NormalPrior.of(0.5, 1.0), grid, MU,
                h.summedLogLikelihood(x, grid.points(), new double[] {phi}));
        assertRelativelyClose("posterior mean (histogram)", truth[0], post.mean()[0], 0.02);
        assertRelativelyClose("posterior sd (histogram)", truth[1], post.standardDeviation()[0], 0.02);
    }

    @Test
    void normalizationIsStableForHugeLogLikelihoods() {
        RegularGrid grid = RegularGrid.of(0, 1, 11);
        double[] ll = new double[11];
        for (int j = 0; j < ll.length; j++) {
            ll[j] = -1e6 - 50.0 * (j - 5) * (j - 5);
        }
        GridPosterior post = GridPosterior.fromLogLikelihood(UniformBoxPrior.interval(0, 1), grid, MU, ll);
        double total = 0;
        for (double p : post.probabilities()) {
            total += p;
        }
        assertClose("total probability", 1.0, total, 1e-12);
        assertClose("MAP", 0.5, post.map()[0], 1e-15);
    }

    @Test
    void marginalsOfATwoDimensionalPosteriorSumToOne() {
        RegularGrid grid = new RegularGrid(new double[] {0, 0}, new double[] {1, 2}, new int[] {11, 21});
        Matrix pts = grid.points();
        double[] ll = new double[grid.size()];
        for (int j = 0; j < ll.length; j++) {
            ll[j] = -20 * Math.pow(pts.get(j, 0) - 0.3, 2) - 5 * Math.pow(pts.get(j, 1) - 1.2, 2);
        }
        GridPosterior post = GridPosterior.fromLogLikelihood(new UniformBoxPrior(grid.bounds()), grid,
                List.of("a", "b"), ll);
        double m0 = 0;
        for (double v : post.marginal(1)) {
            m0 += v;
        }
        assertClose("marginal mass", 1.0, m0, 1e-12);
        assertTrue(post.summarize(0.9).interval("b", 0.9).contains(1.2));
    }

    /**
     * Differential entropy with the grid's own quadrature: a uniform density over M cells of width h
     * has entropy log(M·h) (the cells span the box plus half a cell at each end), to 1e-12; the
     * conjugate normal posterior has ½ log(2πe s²), to 1e-4 nats on a grid of spacing s/150.
     */
    @Test
    void entropyIsTheDifferentialEntropyOfTheGridDensity() {
        RegularGrid grid = RegularGrid.of(0, 2, 201);
        GridPosterior flat = GridPosterior.fromLogLikelihood(UniformBoxPrior.interval(0, 2), grid, MU, new double[201]);
        assertClose("entropy of the uniform grid density", Math.log(201 * grid.spacing(0)), flat.entropy(), 1e-12);

        Matrix x = TOY.simulate(new double[] {1.0}, new double[] {1.0}, 50, new SplittableRandom(8));
        double[] truth = analytic(0.5, 1.0, x, 1.0);
        RegularGrid fine = RegularGrid.of(-0.5, 2.5, 3001);
        GridPosterior post = GridPosterior.fromLogLikelihood(NormalPrior.of(0.5, 1.0), fine, MU,
                new ExactLikelihood(TOY).summedLogLikelihood(x, fine.points(), new double[] {1.0}));
        assertClose("entropy of the conjugate normal posterior", 0.5 * Math.log(2 * Math.PI * Math.E * truth[1] * truth[1]),
                post.entropy(), 1e-4);
    }

    /** Adding a log-likelihood to a posterior equals building it from the summed log-likelihoods. */
    @Test
    void withLogLikelihoodEqualsTheJointUpdate() {
        RegularGrid grid = RegularGrid.of(0, 2, 101);
        ExactLikelihood exact = new ExactLikelihood(TOY);
        double[] phi = {1.0};
        double[] a = exact.summedLogLikelihood(TOY.simulate(new double[] {1}, phi, 20, new SplittableRandom(1)),
                grid.points(), phi);
        double[] b = exact.summedLogLikelihood(TOY.simulate(new double[] {1}, phi, 30, new SplittableRandom(2)),
                grid.points(), phi);
        double[] ab = new double[a.length];
        for (int j = 0; j < ab.length; j++) {
            ab[j] = a[j] + b[j];
        }
        NormalPrior prior = NormalPrior.of(0.5, 1.0);
        GridPosterior joint = GridPosterior.fromLogLikelihood(prior, grid, MU, ab);
        GridPosterior stepwise = GridPosterior.fromLogLikelihood(prior, grid, MU, a).withLogLikelihood(b);
        assertClose("mean, joint vs stepwise", joint.mean()[0], stepwise.mean()[0], 1e-12);
        assertClose("entropy, joint vs stepwise", joint.entropy(), stepwise.entropy(), 1e-12);
        assertThrows(InvalidInputException.class, () -> joint.withLogLikelihood(new double[3]));
        double[] bad = new double[101];
        bad[4] = Double.NaN;
        var e = assertThrows(InvalidInputException.class, () -> joint.withLogLikelihood(bad));
        assertTrue(e.getMessage().contains("grid point 4"), e.getMessage());
    }

    @Test
    void invalidPosteriorInputsAreRejected() {
        RegularGrid grid = RegularGrid.of(0, 1, 5);
        UniformBoxPrior prior = UniformBoxPrior.interval(0.2, 1);
        var e = assertThrows(OutOfSupportException.class,
                () -> GridPosterior.fromLogLikelihood(prior, grid, MU, new double[5]));
        assertTrue(e.getMessage().contains("prior's support"), e.getMessage());
        UniformBoxPrior wide = UniformBoxPrior.interval(0, 1);
        assertThrows(InvalidInputException.class, () -> GridPosterior.fromLogLikelihood(wide, grid, MU,
                new double[] {0, Double.NaN, 0, 0, 0}));
        assertThrows(InvalidInputException.class, () -> GridPosterior.fromLogLikelihood(wide, grid, MU, new double[4]));
        double[] impossible = new double[5];
        java.util.Arrays.fill(impossible, Double.NEGATIVE_INFINITY);
        var zero = assertThrows(InvalidInputException.class,
                () -> GridPosterior.fromLogLikelihood(wide, grid, MU, impossible));
        assertTrue(zero.getMessage().contains("zero probability"), zero.getMessage());
        GridPosterior ok = GridPosterior.fromLogLikelihood(wide, grid, MU, new double[5]);
        assertThrows(InvalidInputException.class, () -> ok.centralInterval(0, 1.5));
    }
}
