package org.robotphysicist.engine.posterior.mcmc;

import java.util.SplittableRandom;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.Require;
import org.robotphysicist.data.SystematicResampling;
import org.robotphysicist.data.prior.Prior;
import org.robotphysicist.engine.posterior.BatchedLogDensity;

/**
 * Starting points for many chains by sampling-importance-resampling from the prior (Rubin 1988;
 * the initialization sbibm uses for its MCMC, Lueckmann et al. 2021): draw M candidates
 * θ<sub>m</sub> ~ p(θ), weight each by w<sub>m</sub> ∝ π(θ<sub>m</sub>) / p(θ<sub>m</sub>) (the
 * likelihood, for a posterior target π), and draw K starts from the candidates with probabilities
 * w<sub>m</sub> / Σ w (systematic resampling).
 *
 * <p>For a multimodal target whose modes a random-walk chain rarely leaves, the share of chains
 * per mode is then close to the mode's posterior mass (exactly so as M → ∞), rather than the
 * share of the prior in its basin — which is what lets the pooled chains of
 * {@link AdaptiveMetropolisSampler} represent such a posterior.
 */
public final class ImportanceResampledStart {
    private ImportanceResampledStart() {
    }

    /**
     * K starts from M prior candidates.
     *
     * @param prior      the proposal p(θ) (the target's prior)
     * @param target     log π(θ) + const
     * @param candidates M ≥ K
     * @param starts     K ≥ 1
     * @return (K, D)
     * @throws InvalidInputException when no candidate has a finite target density
     */
    public static Matrix draw(Prior prior, BatchedLogDensity target, int candidates, int starts,
            SplittableRandom rng) {
        Require.positive("starting points", starts);
        if (candidates < starts) {
            throw new InvalidInputException("resampling candidates: expected at least the " + starts
                    + " starting points but found " + candidates);
        }
        Matrix theta = prior.sample(candidates, rng);
        double[] logTarget = target.logDensity(theta);
        double[] logPrior = prior.logProb(theta);
        double[] logW = new double[candidates];
        double max = Double.NEGATIVE_INFINITY;
        for (int m = 0; m < candidates; m++) {
            logW[m] = logTarget[m] > Double.NEGATIVE_INFINITY ? logTarget[m] - logPrior[m] : Double.NEGATIVE_INFINITY;
            max = Math.max(max, logW[m]);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            throw new InvalidInputException("resampling: expected some of " + candidates + " prior draws to have a"
                    + " finite target density but found none");
        }
        double[] weights = new double[candidates];
        for (int m = 0; m < candidates; m++) {
            weights[m] = Math.exp(logW[m] - max);
        }
        int dim = theta.cols();
        double[] out = new double[starts * dim];
        int[] chosen = SystematicResampling.indices(weights, starts, rng);
        for (int k = 0; k < starts; k++) {
            System.arraycopy(theta.row(chosen[k]), 0, out, k * dim, dim);
        }
        return Matrix.of(starts, dim, out);
    }
}
