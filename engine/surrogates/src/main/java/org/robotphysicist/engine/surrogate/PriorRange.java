package org.robotphysicist.engine.surrogate;

import org.robotphysicist.data.Box;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.prior.NormalPrior;
import org.robotphysicist.data.prior.Prior;

/**
 * The bounded θ box a prior is worked on — where training θ are drawn and where the posterior grid
 * lies — when no proposal is named: the prior's support, clipped to the simulator's domain, where
 * it is bounded; along an unbounded side of a normal prior, μ<sub>d</sub> ∓ {@value #NORMAL_SDS}
 * σ<sub>d</sub> (clipped to the domain), which leaves out at most 2.9·10⁻⁷ of the prior mass per side
 * and dimension. Any other prior needs a bounded support (else name a proposal).
 */
public final class PriorRange {
    /** Prior standard deviations each side of a normal prior's mean that its working range spans. */
    public static final double NORMAL_SDS = 5;

    private PriorRange() {
    }

    /**
     * The box described above, inside {@code domain}.
     *
     * @throws InvalidInputException for an unbounded prior that is not normal (name a proposal), or a
     *                               range that misses the domain
     */
    public static Box of(Prior prior, Box domain) {
        Box support = prior.support();
        if (!(prior instanceof NormalPrior normal)) {
            if (support.isBounded()) {
                return support;
            }
            throw new InvalidInputException("prior " + prior + ": expected a bounded support or a normal prior (the"
                    + " training range and the posterior grid must be bounded) but found the support " + support
                    + "; name a proposal box for the training theta");
        }
        double[] mean = normal.mean();
        double[] sd = normal.sd();
        double[] lo = new double[mean.length];
        double[] hi = new double[mean.length];
        for (int d = 0; d < mean.length; d++) {
            double below = Double.isFinite(support.lower(d)) ? support.lower(d) : mean[d] - NORMAL_SDS * sd[d];
            double above = Double.isFinite(support.upper(d)) ? support.upper(d) : mean[d] + NORMAL_SDS * sd[d];
            lo[d] = Math.max(below, domain.lower(d));
            hi[d] = Math.min(above, domain.upper(d));
            if (!(lo[d] < hi[d])) {
                throw new InvalidInputException("prior " + prior + " dimension " + d + ": expected its mean +- "
                        + NORMAL_SDS + " sd to overlap the simulator's domain " + domain + " but they do not meet");
            }
        }
        return new Box(lo, hi);
    }
}
