package org.robotphysicist.engine.posterior.mcmc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.robotphysicist.data.testing.StatisticalAssertions.assertClose;
import static org.robotphysicist.data.testing.StatisticalAssertions.assertWithinSigmas;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.RegularGrid;
import org.robotphysicist.data.io.Json;
import org.robotphysicist.data.prior.UniformBoxPrior;
import org.robotphysicist.data.simulator.StandardNormal;
import org.robotphysicist.data.simulator.ToyGaussianSimulator;
import org.robotphysicist.engine.posterior.BatchedLogDensity;
import org.robotphysicist.engine.posterior.GridPosterior;
import org.robotphysicist.engine.posterior.Observation;
import org.robotphysicist.engine.posterior.SurrogatePosterior;
import org.robotphysicist.models.ExactLikelihood;

class AdaptiveMetropolisSamplerTest {

    /** N(μ, Σ) in D dimensions; counts batched calls and the rows they carried. */
    private static final class Gaussian implements BatchedLogDensity {
        final double[] mean;
        final double[][] cov;
        final double[][] precision;
        final AtomicInteger calls = new AtomicInteger();

        Gaussian(double[] mean, double[][] cov) {
            this.mean = mean;
            this.cov = cov;
            // Cholesky, so a covariance that is not positive definite fails here rather than in the sampler.
            this.precision = new org.apache.commons.math3.linear.CholeskyDecomposition(
                    new org.apache.commons.math3.linear.Array2DRowRealMatrix(cov)).getSolver().getInverse().getData();
        }

        @Override
        public int dim() {
            return mean.length;
        }

        @Override
        public Box support() {
            return Box.unbounded(mean.length);
        }

        @Override
        public double[] logDensity(Matrix points) {
            calls.incrementAndGet();
            double[] out = new double[points.rows()];
            for (int k = 0; k < out.length; k++) {
                double q = 0;
                for (int a = 0; a < dim(); a++) {
                    for (int b = 0; b < dim(); b++) {
                        q += (points.get(k, a) - mean[a]) * precision[a][b] * (points.get(k, b) - mean[b]);
                    }
                }
                out[k] = -0.5 * q;
            }
            return out;
        }
    }

    /** A 5-D Gaussian with scales from 0.1 to 10 and correlations up to 0.9 (condition number of the correlation ≈ 53). */
    private static Gaussian correlatedGaussian() {
        double[] sd = {0.1, 1, 10, 2, 0.5};
        double[][] corr = {
            {1, 0.9, 0.3, 0, -0.2},
            {0.9, 1, 0.4, 0.1, -0.3},
            {0.3, 0.4, 1, -0.3, 0},
            {0, 0.1, -0.3, 1, 0.5},
            {-0.2, -0.3, 0, 0.5, 1}};
        double[][] cov = new double[5][5];
        for (int a = 0; a < 5; a++) {
            for (int b = 0; b < 5; b++) {
                cov[a][b] = corr[a][b] * sd[a] * sd[b];
            }
        }
        return new Gaussian(new double[] {1, -2, 30, 0, 5}, cov);
    }

    /**
     * The acceptance test: 32 chains on a 5-D correlated Gaussian (scales 0.1–10,
     * correlations to 0.9) recover the mean within 0.05 sd per component, every covariance entry
     * within 0.08·σ<sub>a</sub>σ<sub>b</sub>, with rank-normalized split-R̂ below 1.01.
     */
    @Test
    void manyChainsRecoverACorrelatedFiveDimensionalGaussian() {
        Gaussian target = correlatedGaussian();
        McmcConfig config = new McmcConfig(32, 1500, 3000, 1, 0);
        SplittableRandom rng = new SplittableRandom(71);
        double[] init = new double[32 * 5];
        for (int k = 0; k < 32; k++) {
            for (int d = 0; d < 5; d++) {
                init[k * 5 + d] = target.mean[d] + 3 * Math.sqrt(target.cov[d][d]) * StandardNormal.sample(rng);
            }
        }
        McmcResult r = new AdaptiveMetropolisSampler(config).run(target, Matrix.of(32, 5, init), rng);
        assertEquals(1 + 1500 + 3000, r.logDensityCalls(), "one batched call per iteration for all 32 chains");
        assertEquals(1 + 1500 + 3000, target.calls.get());
        double[] mean = r.mean();
        double[][] cov = r.covariance();
        for (int a = 0; a < 5; a++) {
            double sa = Math.sqrt(target.cov[a][a]);
            assertClose("mean of component " + a + " (in sd)", 0, (mean[a] - target.mean[a]) / sa, 0.05);
            for (int b = 0; b <= a; b++) {
                double sb = Math.sqrt(target.cov[b][b]);
                assertClose("covariance [" + a + "][" + b + "] / (sd_a sd_b)", target.cov[a][b] / (sa * sb),
                        cov[a][b] / (sa * sb), 0.08);
            }
        }
        assertTrue(r.maxRhat() < 1.01, () -> "max R-hat " + r.maxRhat() + "\n" + r.table());
        assertTrue(r.minEssBulk() > 2000, () -> "min bulk ESS " + r.minEssBulk() + "\n" + r.table());
        assertTrue(r.acceptanceRate() > 0.15 && r.acceptanceRate() < 0.35, () -> "acceptance " + r.acceptanceRate()
                + " for a target of 0.234");
        assertTrue(r.table().contains("R-hat") && r.table().contains("theta4"), r::table);
    }

    /** Sampling the surrogate posterior agrees with the grid posterior (mean within 4 MCSE, sd within 5%). */
    @Test
    void samplingASurrogatePosteriorAgreesWithItsGrid() {
        ToyGaussianSimulator toy = new ToyGaussianSimulator();
        Observation obs = new Observation(toy.simulate(new double[] {0.4}, new double[] {1.0}, 30,
                new SplittableRandom(72)), new double[] {1.0});
        UniformBoxPrior prior = UniformBoxPrior.interval(-2, 3);
        SurrogatePosterior posterior = SurrogatePosterior.of(prior, new ExactLikelihood(toy), obs);
        GridPosterior grid = posterior.onGrid(RegularGrid.of(-2, 3, 2001));
        SplittableRandom rng = new SplittableRandom(73);
        AdaptiveMetropolisSampler sampler = new AdaptiveMetropolisSampler(new McmcConfig(16, 500, 1000, 1, 0));
        McmcResult r = sampler.run(posterior, AdaptiveMetropolisSampler.initialFromPrior(prior, posterior, 16, rng),
                rng);
        McmcResult.ParameterDiagnostics mu = r.diagnostics().get(0);
        assertEquals("mu", mu.parameter());
        assertWithinSigmas("MCMC mean vs grid mean", grid.mean()[0], mu.mean(), mu.mcse(), 4);
        assertClose("MCMC sd / grid sd", 1, mu.sd() / grid.standardDeviation()[0], 0.05);
        assertTrue(mu.rhat() < 1.01, () -> r.table());
    }

    @Test
    void configurationAndStartingPointsAreValidated() {
        McmcConfig d = McmcConfig.defaults();
        assertEquals(d, Json.read(Json.write(d), McmcConfig.class, "test"));
        assertThrows(InvalidInputException.class, () -> new McmcConfig(2, 100, 100, 1, 0));
        assertThrows(InvalidInputException.class, () -> new McmcConfig(8, -1, 100, 1, 0));
        assertThrows(InvalidInputException.class, () -> new McmcConfig(8, 100, 100, 0, 0));
        assertThrows(InvalidInputException.class, () -> new McmcConfig(8, 100, 100, 1, 1.5));
        assertClose("1-D acceptance target", 0.44, d.targetAcceptance(1), 1e-12);
        assertClose("10-D acceptance target", 0.234, d.targetAcceptance(10), 1e-12);

        Gaussian g = new Gaussian(new double[] {0, 0}, new double[][] {{1, 0}, {0, 1}});
        AdaptiveMetropolisSampler sampler = new AdaptiveMetropolisSampler(new McmcConfig(4, 10, 10, 1, 0));
        assertThrows(org.robotphysicist.data.DimensionMismatchException.class, () -> sampler.run(g,
                Matrix.of(3, 2, new double[6]), new SplittableRandom(1)));
        BatchedLogDensity halfPlane = new BatchedLogDensity() {
            @Override
            public int dim() {
                return 1;
            }

            @Override
            public Box support() {
                return Box.interval(0, Double.POSITIVE_INFINITY);
            }

            @Override
            public double[] logDensity(Matrix points) {
                double[] out = new double[points.rows()];
                for (int k = 0; k < out.length; k++) {
                    out[k] = points.get(k, 0) >= 0 ? -points.get(k, 0) : Double.NEGATIVE_INFINITY;
                }
                return out;
            }
        };
        var e = assertThrows(InvalidInputException.class, () -> sampler.run(halfPlane, Matrix.ofColumn(1, 2, -1, 3),
                new SplittableRandom(1)));
        assertTrue(e.getMessage().contains("initial point 2"), e.getMessage());
        McmcResult r = sampler.run(halfPlane, Matrix.ofColumn(1, 2, 0.5, 3), new SplittableRandom(2));
        for (int k = 0; k < r.chains(); k++) {
            for (double v : r.chain(k).column(0)) {
                assertTrue(v >= 0, "draws stay in the support");
            }
        }
    }
}
