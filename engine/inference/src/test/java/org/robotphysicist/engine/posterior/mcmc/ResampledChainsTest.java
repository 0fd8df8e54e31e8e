package org.robotphysicist.engine.posterior.mcmc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.robotphysicist.data.testing.StatisticalAssertions.assertWithinSigmas;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.prior.UniformBoxPrior;

/**
 * {@link ResampledChains} on 0.8 N(−2, 0.3²) + 0.2 N(2, 0.3²) over U(−5, 5), two modes a random walk
 * does not cross: the draws share the modes by their mass (0.2 on the right) within 4 binomial
 * standard errors of the 500 chains, which is what a sampler started from the prior alone misses.
 */
class ResampledChainsTest {

    @Test
    void drawsShareTheModesByTheirMassAndComeOnePerChainInTurn() {
        ResampledChains sampler = new ResampledChains(500, 200, 3, 200);
        Matrix draws = sampler.draws(new UniformBoxPrior(Box.interval(-5, 5)), ImportanceResampledStartTest.BIMODAL,
                1_000, new SplittableRandom(5));
        assertEquals(1_000, draws.rows());
        assertEquals(1, draws.cols());
        double[] v = draws.column(0);
        for (double t : v) {
            assertTrue(Math.abs(t) <= 5, "draw inside the support: " + t);
        }
        double se = Math.sqrt(ImportanceResampledStartTest.RIGHT_MASS * (1 - ImportanceResampledStartTest.RIGHT_MASS)
                / sampler.chains());
        assertWithinSigmas("share of draws in the right mode", ImportanceResampledStartTest.RIGHT_MASS,
                ImportanceResampledStartTest.shareRight(v), se, 4);
    }

    @Test
    void countsBelowOneAreRefusedNamingThem() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new ResampledChains(0, 10, 1, 10));
        assertTrue(e.getMessage().contains("chains"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> new ResampledChains(10, 10, 0, 10));
        assertThrows(InvalidInputException.class, () -> new ResampledChains(10, 10, 1, 0));
    }
}
