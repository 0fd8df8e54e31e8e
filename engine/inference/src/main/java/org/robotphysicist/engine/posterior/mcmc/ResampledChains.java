package org.robotphysicist.engine.posterior.mcmc;

import java.util.SplittableRandom;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.prior.Prior;
import org.robotphysicist.engine.posterior.BatchedLogDensity;

/**
 * Posterior draws by the engine's many-chain adaptive Metropolis sampler, the chains started by
 * sampling-importance-resampling from the prior ({@link ImportanceResampledStart}), so that a
 * multimodal posterior's modes get their share of chains. Random-walk chains rarely cross between
 * SLCP's modes, so the shares are fixed by the resampling: with 20 candidates per chain two
 * independent exact-posterior runs of 400 chains scored C2ST 0.55–0.65 against each other, with
 * 1 000 per chain 0.51–0.52 at SLCP's first observation but 0.52–0.74 (mean 0.588) over its ten;
 * with 2 000 chains of 1 000 candidates each, 0.49–0.53 (mean 0.508) over the ten, since the mode
 * shares then rest on five times the chains. The same procedure samples the exact posterior (the
 * reference) and each surrogate's in the accuracy benchmark, and the proposals of sequential
 * training beyond three θ dimensions ({@code RobotPhysicist.trainSequential}).
 *
 * <p>Cost: K·M density evaluations for the starts and K·(warm-up + thin·S) for the chains, S the
 * draws per chain.
 *
 * @param chains             K
 * @param warmup             adaptation iterations per chain
 * @param thin               iterations per kept draw
 * @param candidatesPerChain prior candidates per chain for the resampled starts
 */
public record ResampledChains(int chains, int warmup, int thin, int candidatesPerChain) {

    /**
     * Requires positive counts.
     *
     * @throws org.robotphysicist.data.InvalidInputException for a count below 1
     */
    public ResampledChains {
        org.robotphysicist.data.Require.positive("chains", chains);
        org.robotphysicist.data.Require.positive("warm-up iterations", warmup);
        org.robotphysicist.data.Require.positive("thinning", thin);
        org.robotphysicist.data.Require.positive("candidates per chain", candidatesPerChain);
    }

    /** Runs K chains for enough kept draws that the pool holds at least {@code samples}. */
    public McmcResult sample(Prior prior, BatchedLogDensity posterior, int samples, SplittableRandom rng) {
        int perChain = Math.max(4, (samples + chains - 1) / chains);
        Matrix starts = ImportanceResampledStart.draw(prior, posterior, candidatesPerChain * chains, chains,
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

    /** {@code n} draws: {@link #first} of a {@link #sample} for {@code n}, (n, D). */
    public Matrix draws(Prior prior, BatchedLogDensity posterior, int n, SplittableRandom rng) {
        return first(sample(prior, posterior, n, rng), n);
    }
}
