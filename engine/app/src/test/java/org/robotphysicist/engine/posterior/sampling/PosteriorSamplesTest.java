package org.robotphysicist.engine.posterior.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.robotphysicist.data.testing.StatisticalAssertions.assertClose;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.engine.api.PosteriorOptions;
import org.robotphysicist.engine.api.PosteriorResult;
import org.robotphysicist.engine.api.RobotPhysicist;
import org.robotphysicist.engine.posterior.GridPosterior;
import org.robotphysicist.engine.posterior.IsotropicGaussianSimulator;
import org.robotphysicist.engine.posterior.Observation;
import org.robotphysicist.models.ExactLikelihood;

/**
 * Posterior samples from a grid and from many-chain MCMC, checked against the grid's moments and
 * against the analytic posterior of the isotropic Gaussian toy: with a uniform prior on [−10, 10]<sup>D</sup>
 * and N events x ~ N(θ, v·I) the posterior of each component is N(x̄<sub>d</sub>, v/N) (the box
 * truncation is ≥ 30 sd away and negligible).
 */
class PosteriorSamplesTest {

    private static Observation observed(IsotropicGaussianSimulator sim, double[] theta, double variance, int n,
            long seed) {
        return new Observation(sim.simulate(theta, new double[] {variance}, n, new SplittableRandom(seed)),
                new double[] {variance});
    }

    private static double[] columnMeans(Matrix x) {
        double[] m = new double[x.cols()];
        for (int d = 0; d < m.length; d++) {
            for (double v : x.column(d)) {
                m[d] += v / x.rows();
            }
        }
        return m;
    }

    private static double sd(double[] v) {
        double m = java.util.Arrays.stream(v).average().orElseThrow();
        double ss = 0;
        for (double x : v) {
            ss += (x - m) * (x - m);
        }
        return Math.sqrt(ss / (v.length - 1));
    }

    @Test
    void gridSamplesReproduceTheGridMeanAndSdWithinMonteCarloError() {
        IsotropicGaussianSimulator sim = new IsotropicGaussianSimulator(2);
        RobotPhysicist rp = RobotPhysicist.forSimulator(sim).prior(new org.robotphysicist.data.Box(
                new double[] {-2, -2}, new double[] {2, 2})).settings(1.0);
        Observation obs = observed(sim, new double[] {0.3, -0.4}, 1.0, 40, 5);
        int n = 20_000;
        PosteriorResult r = rp.posterior(new ExactLikelihood(sim), obs, PosteriorOptions.defaults().withGridPoints(201)
                .withSamples(n).withSeed(7));
        assertEquals(SamplerChoice.GRID, r.sampler());
        GridPosterior grid = r.posterior();
        PosteriorSamples s = r.samples();
        assertEquals(n, s.size());
        assertEquals(List.of("mu0", "mu1"), s.parameters());
        double[] mean = columnMeans(s.draws());
        for (int d = 0; d < 2; d++) {
            double gridSd = grid.standardDeviation()[d];
            // Monte Carlo: the sample mean's error is sd/sqrt(n); 4 of those. The sample sd's relative
            // error is 1/sqrt(2n) ~ 0.005; the in-cell jitter adds h^2/12 (h = 0.02) to the variance.
            assertClose("grid-sample mean of " + d + " vs grid mean", grid.mean()[d], mean[d],
                    4 * gridSd / Math.sqrt(n));
            assertClose("grid-sample sd / grid sd of " + d, 1, sd(s.draws().column(d)) / gridSd, 0.025);
            for (double v : s.draws().column(d)) {
                assertTrue(v >= -2 && v <= 2, "draw " + v + " outside the prior's support [-2, 2]");
            }
        }
        PosteriorResult again = rp.posterior(new ExactLikelihood(sim), obs, PosteriorOptions.defaults()
                .withGridPoints(201).withSamples(n).withSeed(7));
        assertEquals(s.draws(), again.samples().draws(), "same seed, same draws");
    }

    @Test
    void mcmcOnATenDimensionalThetaRecoversTheAnalyticPosterior() {
        int dim = 10;
        IsotropicGaussianSimulator sim = new IsotropicGaussianSimulator(dim);
        double[] truth = new double[dim];
        for (int d = 0; d < dim; d++) {
            truth[d] = -1 + 0.2 * d;
        }
        int events = 25;
        Observation obs = observed(sim, truth, 1.0, events, 11);
        double[] xbar = columnMeans(obs.events());
        double exactSd = Math.sqrt(1.0 / events);
        RobotPhysicist rp = RobotPhysicist.forSimulator(sim).settings(1.0);
        PosteriorResult r = rp.posterior(new ExactLikelihood(sim), List.of(obs), PosteriorOptions.defaults()
                .withSamples(4000).withSeed(3), org.robotphysicist.data.compute.Cancellation.none());
        assertEquals(SamplerChoice.MCMC, r.sampler(), "a 10-D theta is sampled by MCMC, not refused");
        assertNull(r.posterior());
        McmcDiagnostics diag = r.mcmc();
        assertTrue(diag.maxRhat() <= McmcDiagnostics.MAX_RHAT, "max R-hat in " + diag);
        assertTrue(diag.minEssBulk() >= McmcDiagnostics.MIN_ESS, "min bulk ESS in " + diag);
        assertTrue(r.warnings().isEmpty(), "warnings: " + r.warnings());
        assertEquals(4000, r.samples().size());
        double[] mean = r.summary().mean();
        double[] sd = r.summary().standardDeviation();
        for (int d = 0; d < dim; d++) {
            // ESS >= 400: the mean's Monte Carlo error is <= sd/20; 0.2 sd is 4 such errors.
            assertClose("MCMC mean of component " + d + " in posterior sd", 0, (mean[d] - xbar[d]) / exactSd, 0.2);
            assertClose("MCMC sd / analytic sd of component " + d, 1, sd[d] / exactSd, 0.12);
            var central = r.summary().interval("mu" + d, 0.68);
            assertClose("68% interval width / 2 analytic sd, component " + d, 1,
                    central.width() / (2 * 0.9945 * exactSd), 0.15);
        }
        double[] sampleMean = columnMeans(r.samples().draws());
        for (int d = 0; d < dim; d++) {
            assertClose("mean of the returned samples, component " + d + " in sd", 0,
                    (sampleMean[d] - xbar[d]) / exactSd, 0.25);
        }
    }

    @Test
    void experimentsAtDifferentSettingsCombineIntoTheConjugatePosterior() {
        IsotropicGaussianSimulator sim = new IsotropicGaussianSimulator(1);
        Observation narrow = observed(sim, new double[] {1.1}, 0.5, 30, 31);
        Observation wide = observed(sim, new double[] {1.1}, 4.0, 80, 32);
        double precision = 30 / 0.5 + 80 / 4.0;
        double mean = (sum(narrow) / 0.5 + sum(wide) / 4.0) / precision;
        RobotPhysicist rp = RobotPhysicist.forSimulator(sim).settings(org.robotphysicist.data.Box.interval(0.1, 10));
        PosteriorResult r = rp.posterior(new ExactLikelihood(sim), List.of(narrow, wide),
                PosteriorOptions.defaults().withGridPoints(4001), org.robotphysicist.data.compute.Cancellation.none());
        assertEquals(110, r.events());
        assertEquals(2, r.experiments().size());
        assertClose("combined mean vs conjugate", mean, r.summary().mean()[0], 1e-3);
        assertClose("combined sd / conjugate sd", 1, r.summary().standardDeviation()[0] * Math.sqrt(precision), 0.01);
    }

    private static double sum(Observation o) {
        return java.util.Arrays.stream(o.events().column(0)).sum();
    }

    @Test
    void badSampleRequestsAreRefusedWithWhatWasExpected() {
        InvalidInputException zero = assertThrows(InvalidInputException.class,
                () -> PosteriorOptions.defaults().withSamples(-1));
        assertTrue(zero.getMessage().contains("expected a number of posterior samples in [1, 1000000] but found -1"),
                zero.getMessage());
        InvalidInputException big = assertThrows(InvalidInputException.class,
                () -> PosteriorOptions.defaults().withSamples(PosteriorSampler.MAX_SAMPLES + 1));
        assertTrue(big.getMessage().contains("but found 1000001"), big.getMessage());
        InvalidInputException kind = assertThrows(InvalidInputException.class, () -> SamplerChoice.parse("hmc"));
        assertEquals("sampler: expected one of auto, grid, mcmc but found 'hmc'", kind.getMessage());
        IsotropicGaussianSimulator sim = new IsotropicGaussianSimulator(10);
        RobotPhysicist rp = RobotPhysicist.forSimulator(sim).settings(1.0);
        Observation obs = observed(sim, new double[10], 1.0, 5, 1);
        InvalidInputException grid = assertThrows(InvalidInputException.class, () -> rp.posterior(
                new ExactLikelihood(sim), obs, PosteriorOptions.defaults().withSampler(SamplerChoice.GRID)));
        assertTrue(grid.getMessage().contains("mcmc sampler"), grid.getMessage());
    }

    @Test
    void mcmcRespectsThePriorsSupportAndMatchesTheTruncatedGridPosterior() {
        IsotropicGaussianSimulator sim = new IsotropicGaussianSimulator(1);
        Observation obs = observed(sim, new double[] {0.0}, 1.0, 25, 41);
        RobotPhysicist rp = RobotPhysicist.forSimulator(sim).prior(org.robotphysicist.data.Box.interval(0, 2))
                .settings(1.0);
        ExactLikelihood exact = new ExactLikelihood(sim);
        PosteriorResult grid = rp.posterior(exact, obs, PosteriorOptions.defaults().withGridPoints(2001));
        PosteriorResult mcmc = rp.posterior(exact, obs, PosteriorOptions.defaults().withSampler(SamplerChoice.MCMC)
                .withSamples(5000).withSeed(2));
        for (double v : mcmc.samples().draws().column(0)) {
            assertTrue(v >= 0 && v <= 2, "MCMC draw " + v + " outside the prior's support [0, 2]");
        }
        double sd = grid.summary().standardDeviation()[0];
        // The posterior is a normal cut at 0 (the prior's edge); ESS >= 400 makes 0.2 sd four Monte Carlo errors.
        assertClose("MCMC vs grid mean of the truncated posterior, in sd", 0,
                (mcmc.summary().mean()[0] - grid.summary().mean()[0]) / sd, 0.2);
        assertClose("MCMC / grid sd of the truncated posterior", 1, mcmc.summary().standardDeviation()[0] / sd, 0.1);
        assertTrue(mcmc.warnings().isEmpty(), "warnings: " + mcmc.warnings());
    }

    @Test
    void theStatedMcmcCostCountsEveryThetaPointEvaluated() {
        long[] points = new long[1];
        org.robotphysicist.data.Box box = new org.robotphysicist.data.Box(new double[] {-5, -5}, new double[] {5, 5});
        org.robotphysicist.engine.posterior.BatchedLogDensity normal = new org.robotphysicist.engine.posterior
                .BatchedLogDensity() {
            @Override
            public int dim() {
                return 2;
            }

            @Override
            public org.robotphysicist.data.Box support() {
                return box;
            }

            @Override
            public double[] logDensity(Matrix p) {
                points[0] += p.rows();
                double[] out = new double[p.rows()];
                for (int k = 0; k < out.length; k++) {
                    double[] row = p.row(k);
                    out[k] = box.contains(row) ? -0.5 * (row[0] * row[0] + row[1] * row[1]) : Double.NEGATIVE_INFINITY;
                }
                return out;
            }
        };
        McmcPosterior run = McmcPosterior.run(normal, new org.robotphysicist.data.prior.UniformBoxPrior(box), 100,
                McmcPosterior.CHAINS, new SplittableRandom(5));
        double mean = run.summarize(0.68).mean()[0];
        // K prior draws screened for a finite density, then the chains and the MAP search.
        assertEquals(McmcPosterior.CHAINS + McmcPosterior.evaluations(100, McmcPosterior.CHAINS), points[0],
                "theta points evaluated by the start, the chains and the MAP search");
        assertEquals(100, run.samples(100).size());
        // 16 chains x 1000 draws of a 2-D normal: ESS in the thousands, 0.05 is > 3 Monte Carlo errors.
        assertClose("standard normal mean from MCMC", 0, mean, 0.05);
    }

    @Test
    void poorMixingIsReportedAsWarnings() {
        McmcDiagnostics good = new McmcDiagnostics(16, 2000, 1000, 8, 0.3, 1.004, 3000, 2500);
        assertTrue(good.warnings().isEmpty(), good.warnings().toString());
        McmcDiagnostics bad = new McmcDiagnostics(16, 2000, 1000, 8, 0.3, 1.05, 120, 90);
        assertEquals(2, bad.warnings().size(), bad.warnings().toString());
        assertTrue(bad.warnings().get(0).contains("R-hat 1.0500 exceeds 1.01"), bad.warnings().get(0));
        // A multimodal posterior's chains disagree however long they run: the warning names that reading too.
        assertTrue(bad.warnings().get(0).contains("separate modes") && bad.warnings().get(0).contains("16 chains"),
                bad.warnings().get(0));
        assertTrue(bad.warnings().get(1).contains("effective sample size 90 is below 400"), bad.warnings().get(1));
    }

    @Test
    void automaticChoiceIsTheGridUpToThreeDimensionsAndMcmcBeyond() {
        assertEquals(SamplerChoice.GRID, SamplerChoice.AUTO.resolve(3, true));
        assertEquals(SamplerChoice.MCMC, SamplerChoice.AUTO.resolve(4, true));
        assertEquals(SamplerChoice.MCMC, SamplerChoice.AUTO.resolve(2, false));
        assertEquals(SamplerChoice.GRID, SamplerChoice.GRID.resolve(5, false));
        assertEquals(SamplerChoice.MCMC, SamplerChoice.parse("MCMC"));
    }
}
