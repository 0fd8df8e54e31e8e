package org.robotphysicist.engine.posterior.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.robotphysicist.data.testing.StatisticalAssertions.assertClose;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.prior.UniformBoxPrior;
import org.robotphysicist.engine.posterior.BatchedLogDensity;
import org.robotphysicist.engine.posterior.EnsembleSpread;
import org.robotphysicist.engine.posterior.PosteriorSummary;

/**
 * The mixture of member posteriors by MCMC, on analytic members: isotropic Gaussians in 2-D with sd
 * σ = 0.3 around their own means, each with its own arbitrary additive constant (the unknown
 * normalizations the mixture must not depend on), under a uniform prior on [−4, 4]² (over 9 σ from
 * every mean, so the truncation is negligible).
 *
 * <p>Tolerances: every member keeps 16 chains × 1000 draws; with random-walk Metropolis in 2-D
 * the effective size is in the thousands, so a mean's Monte Carlo error is about σ/√2000 ≈ 0.007
 * and an sd's relative error about 2%; the bounds are four to five times those.
 */
class EnsembleMcmcPosteriorTest {
    private static final double SIGMA = 0.3;
    private static final UniformBoxPrior PRIOR = new UniformBoxPrior(new Box(new double[] {-4, -4},
            new double[] {4, 4}));

    /** log N(θ; mean, σ²I) up to its normalization, plus {@code constant}. */
    private static BatchedLogDensity gaussian(double[] mean, double constant) {
        return new BatchedLogDensity() {
            @Override
            public int dim() {
                return 2;
            }

            @Override
            public Box support() {
                return PRIOR.support();
            }

            @Override
            public double[] logDensity(Matrix points) {
                double[] out = new double[points.rows()];
                for (int i = 0; i < out.length; i++) {
                    double ss = 0;
                    for (int d = 0; d < 2; d++) {
                        double z = (points.get(i, d) - mean[d]) / SIGMA;
                        ss += z * z;
                    }
                    out[i] = constant - ss / 2;
                }
                return out;
            }
        };
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElseThrow();
    }

    @Test
    void twoMembersApartGiveTheMixtureWhateverTheirConstants() {
        EnsembleMcmcPosterior e = EnsembleMcmcPosterior.run(List.of(gaussian(new double[] {-1, 0.5}, 0),
                gaussian(new double[] {1, 0.5}, 50)), PRIOR, 2000, 16, new SplittableRandom(3));
        assertEquals(2, e.members());
        PosteriorSummary s = e.summarize(0.68);
        // The equal mixture of N(-1, σ²) and N(1, σ²): mean 0, variance σ² + 1; component 1 is N(0.5, σ²).
        assertClose("mixture mean, component 0", 0, s.mean()[0], 0.03);
        assertClose("mixture sd, component 0", Math.sqrt(SIGMA * SIGMA + 1), s.standardDeviation()[0], 0.03);
        assertClose("mixture mean, component 1", 0.5, s.mean()[1], 0.03);
        assertClose("mixture sd / sigma, component 1", 1, s.standardDeviation()[1] / SIGMA, 0.1);
        EnsembleSpread spread = e.spread();
        assertClose("member 0's mean", -1, spread.memberMeans()[0][0], 0.03);
        assertClose("member 1's mean", 1, spread.memberMeans()[1][0], 0.03);
        assertClose("member 1's sd / sigma", 1, spread.memberSds()[1][0] / SIGMA, 0.1);
        assertClose("spread of the member means, sqrt(2)", Math.sqrt(2), spread.meanSpread()[0], 0.05);

        PosteriorSamples draws = e.samples(1001);
        assertEquals(1001, draws.size());
        assertEquals(SamplerChoice.MCMC, draws.sampler());
        assertClose("the first 501 draws are member 0's", -1, mean(draws.draws().rowRange(0, 501).column(0)), 0.05);
        assertClose("the last 500 are member 1's", 1, mean(draws.draws().rowRange(501, 1001).column(0)), 0.05);
    }

    @Test
    void theMapDoesNotDependOnTheMembersConstants() {
        double[] agreed = {0.7, -1.2};
        double[] apart = {2.0, -1.2};
        for (double[] constants : new double[][] {{0, 0, 0}, {0, 0, 80}, {80, 0, 0}}) {
            EnsembleMcmcPosterior e = EnsembleMcmcPosterior.run(List.of(gaussian(agreed, constants[0]),
                    gaussian(agreed, constants[1]), gaussian(apart, constants[2])), PRIOR, 1000, 16,
                    new SplittableRandom(5));
            double[] map = e.summarize(0.68).map();
            // The candidates are each member's best draw, within about 0.01 of its mode. The mean of the
            // three log-densities is -(1.3/0.3)^2/6 = -3.1 at the two members' common mode and twice that
            // at the third's, whatever constant any member carries; a rule that read the unnormalized
            // densities as they are would pick the third's mode once its constant is 80.
            assertClose("MAP, component 0, constants " + Arrays.toString(constants), 0.7, map[0], 0.03);
            assertClose("MAP, component 1, constants " + Arrays.toString(constants), -1.2, map[1], 0.03);
        }
    }

    @Test
    void oneMemberIsThatMembersRunAndTheDiagnosticsAreTheWorstMembers() {
        BatchedLogDensity a = gaussian(new double[] {0.2, 0.1}, 0);
        EnsembleMcmcPosterior one = EnsembleMcmcPosterior.run(List.of(a), PRIOR, 500, 8, new SplittableRandom(9));
        McmcPosterior alone = McmcPosterior.run(a, PRIOR, 500, 8, new SplittableRandom(9));
        assertArrayEquals(alone.samples(500).draws().toArray(), one.samples(500).draws().toArray(), 0);
        PosteriorSummary s1 = one.summarize(0.9);
        PosteriorSummary s0 = alone.summarize(0.9);
        assertArrayEquals(s0.mean(), s1.mean(), 0);
        assertArrayEquals(s0.map(), s1.map(), 0);
        assertEquals(0.0, one.spread().meanSpread()[0]);

        EnsembleMcmcPosterior two = EnsembleMcmcPosterior.run(List.of(a, gaussian(new double[] {-2, 2}, 3)), PRIOR,
                500, 8, new SplittableRandom(9));
        McmcDiagnostics d0 = two.member(0).diagnostics();
        McmcDiagnostics d1 = two.member(1).diagnostics();
        McmcDiagnostics worst = two.diagnostics();
        assertEquals(Math.max(d0.maxRhat(), d1.maxRhat()), worst.maxRhat());
        assertEquals(Math.min(d0.minEssBulk(), d1.minEssBulk()), worst.minEssBulk());
        assertEquals(Math.min(d0.minEssTail(), d1.minEssTail()), worst.minEssTail());
        assertEquals(Math.min(d0.acceptance(), d1.acceptance()), worst.acceptance());
        assertEquals(8, worst.chains(), "chains per member");
    }

    @Test
    void sharesSplitDrawsEvenlyAndBadCountsAreRefused() {
        assertArrayEquals(new int[] {4, 3, 3}, EnsembleMcmcPosterior.shares(10, 3));
        assertArrayEquals(new int[] {1, 1, 0, 0}, EnsembleMcmcPosterior.shares(2, 4));
        assertArrayEquals(new int[] {5}, EnsembleMcmcPosterior.shares(5, 1));
        var k = assertThrows(InvalidInputException.class, () -> EnsembleMcmcPosterior.shares(5, 0));
        assertEquals("mixture draws: expected n >= 0 draws over k >= 1 members but found n = 5, k = 0", k.getMessage());
        var none = assertThrows(InvalidInputException.class, () -> EnsembleMcmcPosterior.run(List.of(), PRIOR, 10, 8,
                new SplittableRandom(1)));
        assertEquals("ensemble posterior: expected at least one member posterior but found none", none.getMessage());
    }
}
