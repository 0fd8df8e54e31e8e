package org.robotphysicist.engine.posterior.sampling;

import java.util.SplittableRandom;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.engine.posterior.GridPosterior;

/**
 * Independent draws from a grid posterior, and the sample-count limit shared by every sampler.
 *
 * <p>A grid draw picks cell j with probability P<sub>j</sub> (its posterior mass) and then a
 * point uniformly inside that cell — the box of half a grid spacing either side of the grid point,
 * clipped to the grid's bounds ({@link org.robotphysicist.engine.posterior.ThetaGrid#drawInCell}).
 * The draws are therefore exact for the piecewise-constant density the grid represents: their
 * mean is the grid mean, and their variance the grid variance plus h²/12 per component from the
 * jitter (h the spacing), negligible on a fine grid. For MCMC draws see {@link McmcPosterior}.
 */
public final class PosteriorSampler {
    /** The most samples one request may ask for. */
    public static final int MAX_SAMPLES = 1_000_000;

    private PosteriorSampler() {
    }

    /**
     * Refuses N ≤ 0 or N &gt; {@value #MAX_SAMPLES}.
     *
     * @return {@code n}
     */
    public static int requireSampleCount(String what, int n) {
        if (n <= 0 || n > MAX_SAMPLES) {
            throw new InvalidInputException(what + ": expected a number of posterior samples in [1, " + MAX_SAMPLES
                    + "] but found " + n);
        }
        return n;
    }

    /** {@code n} independent draws (n, D<sub>θ</sub>) from {@code posterior}, cell by mass, uniform within it. */
    public static PosteriorSamples fromGrid(GridPosterior posterior, int n, SplittableRandom rng) {
        requireSampleCount("posterior samples", n);
        return new PosteriorSamples(posterior.parameterNames(), posterior.sample(n, rng), SamplerChoice.GRID, null);
    }
}
