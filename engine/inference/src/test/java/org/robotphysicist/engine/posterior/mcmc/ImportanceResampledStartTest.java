package org.robotphysicist.engine.posterior.mcmc;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.robotphysicist.data.testing.StatisticalAssertions.assertWithinSigmas;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.prior.UniformBoxPrior;
import org.robotphysicist.engine.posterior.BatchedLogDensity;

class ImportanceResampledStartTest {
    static final double RIGHT_MASS = 0.2;

    /** 0.8 N(−2, 0.3²) + 0.2 N(2, 0.3²) on [−5, 5]: two modes a random walk rarely crosses. */
    static final BatchedLogDensity BIMODAL = new BatchedLogDensity() {
        @Override
        public int dim() {
            return 1;
        }

        @Override
        public Box support() {
            return Box.interval(-5, 5);
        }

        @Override
        public double[] logDensity(Matrix points) {
            double[] out = new double[points.rows()];
            for (int i = 0; i < out.length; i++) {
                double t = points.get(i, 0);
                if (Math.abs(t) > 5) {
                    out[i] = Double.NEGATIVE_INFINITY;
                    continue;
                }
                double l = (t + 2) / 0.3;
                double r = (t - 2) / 0.3;
                out[i] = Math.log((1 - RIGHT_MASS) * Math.exp(-0.5 * l * l) + RIGHT_MASS * Math.exp(-0.5 * r * r));
            }
            return out;
        }
    };

    static double shareRight(double[] v) {
        int right = 0;
        for (double x : v) {
            if (x > 0) {
                right++;
            }
        }
        return (double) right / v.length;
    }

    @Test
    void startsAndChainsShareTheModesByTheirPosteriorMass() {
        UniformBoxPrior prior = new UniformBoxPrior(Box.interval(-5, 5));
        int k = 400;
        Matrix starts = ImportanceResampledStart.draw(prior, BIMODAL, 50_000, k, new SplittableRandom(3));
        // Binomial s.e. of a share of K draws; systematic resampling is tighter still.
        double se = Math.sqrt(RIGHT_MASS * (1 - RIGHT_MASS) / k);
        assertWithinSigmas("share of starts in the right mode", RIGHT_MASS, shareRight(starts.column(0)), se, 4);

        McmcResult run = new AdaptiveMetropolisSampler(new McmcConfig(k, 300, 50, 1, 0)).run(BIMODAL, starts,
                new SplittableRandom(4));
        assertWithinSigmas("share of pooled draws in the right mode", RIGHT_MASS,
                shareRight(run.pooledDraws().column(0)), se, 4);
    }

    @Test
    void refusesATargetWithNoFiniteDensityOrTooFewCandidates() {
        UniformBoxPrior prior = new UniformBoxPrior(Box.interval(10, 11));
        assertThrows(InvalidInputException.class,
                () -> ImportanceResampledStart.draw(prior, BIMODAL, 100, 10, new SplittableRandom(1)));
        assertThrows(InvalidInputException.class,
                () -> ImportanceResampledStart.draw(prior, BIMODAL, 5, 10, new SplittableRandom(1)));
    }
}
