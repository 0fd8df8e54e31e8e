package org.robotphysicist.engine.api;

import java.util.Arrays;
import java.util.Objects;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.engine.posterior.ThetaGrid;
import org.robotphysicist.engine.posterior.sampling.McmcPosterior;
import org.robotphysicist.engine.posterior.sampling.PosteriorSampler;
import org.robotphysicist.engine.posterior.sampling.SamplerChoice;

/**
 * How {@link RobotPhysicist#posterior} realizes a posterior: a regular grid of {@code gridPoints}
 * per θ dimension over the prior's support (edges included; at most 2<sup>22</sup> points in all),
 * or many-chain MCMC ({@link org.robotphysicist.engine.posterior.sampling.McmcPosterior}), as
 * {@code sampler} says ({@link SamplerChoice#AUTO}: the grid up to 3-D θ when it fits, MCMC
 * beyond; {@code chains} chains, more for a multimodal posterior); summarized with central and
 * HPD intervals at {@code levels}; with {@code samples} posterior draws when that is positive.
 *
 * @param gridPoints points per θ dimension, ≥ 2
 * @param levels     credibility levels in (0, 1), at least one
 * @param samples    posterior draws to return, 0 (none) to {@link PosteriorSampler#MAX_SAMPLES}
 * @param sampler    grid, MCMC or automatic
 * @param chains     MCMC chains, 4 to {@link McmcPosterior#MAX_CHAINS} (default {@link McmcPosterior#CHAINS});
 *                   a count other than the default with the grid is refused by {@link RobotPhysicist#posterior}
 * @param seed       the seed of the draws and of MCMC
 */
public record PosteriorOptions(int gridPoints, double[] levels, int samples, SamplerChoice sampler, int chains,
        long seed) {
    /**
     * Validates the grid size, the levels, the number of draws, the sampler and the chains; the
     * levels are copied.
     *
     * @param gridPoints points per θ dimension, ≥ 2
     * @param levels     credibility levels in (0, 1), at least one
     * @param samples    posterior draws to return, 0 (none) to {@link PosteriorSampler#MAX_SAMPLES}
     * @param sampler    grid, MCMC or automatic
     * @param chains     MCMC chains, 4 to {@link McmcPosterior#MAX_CHAINS}
     * @param seed       the seed of the draws and of MCMC
     */
    public PosteriorOptions {
        if (gridPoints < 2) {
            throw new InvalidInputException("grid points: expected at least 2 per theta dimension but found "
                    + gridPoints);
        }
        if (levels == null || levels.length == 0) {
            throw new InvalidInputException("credibility levels: expected at least one level in (0, 1) but found none");
        }
        levels = levels.clone();
        for (double l : levels) {
            if (!(l > 0 && l < 1)) {
                throw new InvalidInputException("credibility level: expected a value in (0, 1) but found " + l);
            }
        }
        if (samples != 0) {
            PosteriorSampler.requireSampleCount("samples", samples);
        }
        Objects.requireNonNull(sampler, "sampler");
        McmcPosterior.requireChainCount("chains", chains);
    }

    /**
     * Options with the default number of MCMC chains ({@link McmcPosterior#CHAINS}).
     *
     * @param gridPoints points per θ dimension, ≥ 2
     * @param levels     credibility levels in (0, 1), at least one
     * @param samples    posterior draws to return, 0 (none) to {@link PosteriorSampler#MAX_SAMPLES}
     * @param sampler    grid, MCMC or automatic
     * @param seed       the seed of the draws and of MCMC
     */
    public PosteriorOptions(int gridPoints, double[] levels, int samples, SamplerChoice sampler, long seed) {
        this(gridPoints, levels, samples, sampler, McmcPosterior.CHAINS, seed);
    }

    /**
     * Options without posterior draws, with the automatic sampler and seed 1.
     *
     * @param gridPoints points per θ dimension, ≥ 2
     * @param levels     credibility levels in (0, 1), at least one
     */
    public PosteriorOptions(int gridPoints, double[] levels) {
        this(gridPoints, levels, 0, SamplerChoice.AUTO, 1L);
    }

    /**
     * The defaults: 401 points per dimension, 68% and 95% intervals, no samples, automatic sampler, seed 1.
     *
     * @return the default options
     */
    public static PosteriorOptions defaults() {
        return new PosteriorOptions(401, new double[] {0.68, 0.95});
    }

    /**
     * The same options on another grid.
     *
     * @param points points per θ dimension, ≥ 2; fine enough to resolve the posterior's width
     * @return the changed options
     */
    public PosteriorOptions withGridPoints(int points) {
        return new PosteriorOptions(points, levels, samples, sampler, chains, seed);
    }

    /**
     * The same options, returning {@code n} posterior draws.
     *
     * @param n posterior draws, 0 (none) to {@link PosteriorSampler#MAX_SAMPLES}
     * @return the changed options
     */
    public PosteriorOptions withSamples(int n) {
        return new PosteriorOptions(gridPoints, levels, n, sampler, chains, seed);
    }

    /**
     * The same options with another way of realizing the posterior.
     *
     * @param choice the grid, MCMC, or automatic (the grid up to 3-D θ when it fits)
     * @return the changed options
     */
    public PosteriorOptions withSampler(SamplerChoice choice) {
        return new PosteriorOptions(gridPoints, levels, samples, choice, chains, seed);
    }

    /**
     * The same options with another number of MCMC chains: more chains share a multimodal
     * posterior's draws between its modes more exactly, at proportional cost ({@link McmcPosterior}).
     *
     * @param k MCMC chains, 4 to {@link McmcPosterior#MAX_CHAINS}
     * @return the changed options
     */
    public PosteriorOptions withChains(int k) {
        return new PosteriorOptions(gridPoints, levels, samples, sampler, k, seed);
    }

    /**
     * The same options with another seed.
     *
     * @param newSeed the seed of the posterior draws and of MCMC
     * @return the changed options
     */
    public PosteriorOptions withSeed(long newSeed) {
        return new PosteriorOptions(gridPoints, levels, samples, sampler, chains, newSeed);
    }

    /**
     * Refuses a chain count other than the default where the posterior is realized on the grid,
     * which has no chains.
     *
     * @param resolved the sampler the posterior is realized by (not {@link SamplerChoice#AUTO})
     * @throws InvalidInputException naming the count and the sampler that would use it
     */
    public void requireChainsFor(SamplerChoice resolved) {
        if (resolved == SamplerChoice.GRID && chains != McmcPosterior.CHAINS) {
            throw new InvalidInputException("chains: expected the default " + McmcPosterior.CHAINS + " with the grid"
                    + " (chains are MCMC's) but found " + chains + "; ask for the mcmc sampler to use them");
        }
    }

    /**
     * Whether a grid of {@link #gridPoints} per dimension fits {@link ThetaGrid#MAX_POINTS}.
     *
     * @param thetaDim the number of θ dimensions
     * @return true when gridPoints<sup>thetaDim</sup> ≤ {@link ThetaGrid#MAX_POINTS}
     */
    public boolean gridFits(int thetaDim) {
        return ThetaGrid.fits(gridPoints, thetaDim);
    }

    /**
     * The credibility levels.
     *
     * @return a copy of the levels, each in (0, 1)
     */
    @Override
    public double[] levels() {
        return levels.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PosteriorOptions p && p.gridPoints == gridPoints && Arrays.equals(p.levels, levels)
                && p.samples == samples && p.sampler == sampler && p.chains == chains && p.seed == seed;
    }

    @Override
    public int hashCode() {
        return Objects.hash(gridPoints, Arrays.hashCode(levels), samples, sampler, chains, seed);
    }

    @Override
    public String toString() {
        return "PosteriorOptions[gridPoints=" + gridPoints + ", levels=" + Arrays.toString(levels) + ", samples="
                + samples + ", sampler=" + sampler.label() + ", chains=" + chains + ", seed=" + seed + "]";
    }
}
