package org.robotphysicist.benchmarks.accuracy;

import java.util.SplittableRandom;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.prior.Prior;
import org.robotphysicist.engine.posterior.BatchedLogDensity;
import org.robotphysicist.engine.posterior.mcmc.AdaptiveMetropolisSampler;
import org.robotphysicist.engine.posterior.mcmc.ImportanceResampledStart;
import org.robotphysicist.engine.posterior.mcmc.McmcConfig;
import org.robotphysicist.engine.posterior.mcmc.McmcResult;

/**
 * Posterior draws by the engine's many-chain adaptive Metropolis sampler, the chains started by
 * sampling-importance-resampling from the prior ({@link ImportanceResampledStart}, 20 prior
 * candidates per chain), so that a multimodal posterior's modes get their share of chains. The same
 * procedure samples the exact posterior (the reference) and each surrogate's.
 *
 * @param chains K
 * @param warmup adaptation iterations per chain
 * @param thin   iterations per kept draw
 */
public record PosteriorDraws(int chains, int warmup, int thin) {
    private static final int CANDIDATES_PER_CHAIN = 20;

    /** Runs K chains for enough kept draws that the pool holds at least {@code samples}. */
    public McmcResult sample(Prior prior, BatchedLogDensity posterior, int samples, SplittableRandom rng) {
        int perChain = Math.max(4, (samples + chains - 1) / chains);
        Matrix starts = ImportanceResampledStart.draw(prior, posterior, CANDIDATES_PER_CHAIN * chains, chains,
                rng.split());
        return new AdaptiveMetropolisSampler(new McmcConfig(chains, warmup, perChain, thin, 0)).run(posterior, starts,
                rng.split());
    }

    /** The first {@code n} rows of the pooled draws, taken round-robin over chains. */
    public static Matrix first(McmcResult run, int n) {
        int k = run.chains();
        int d = run.dim();
        double[] out = new double[n * d];
        for (int i = 0; i < n; i++) {
            Matrix chain = run.chain(i % k);
            System.arraycopy(chain.row(i / k), 0, out, i * d, d);
        }
        return Matrix.of(n, d, out);
    }
}
