package org.robotphysicist.engine.posterior.sampling;

import java.util.List;
import java.util.SplittableRandom;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.prior.Prior;
import org.robotphysicist.engine.posterior.BatchedLogDensity;
import org.robotphysicist.engine.posterior.PosteriorSummary;
import org.robotphysicist.engine.posterior.mcmc.AdaptiveMetropolisSampler;
import org.robotphysicist.engine.posterior.mcmc.McmcConfig;
import org.robotphysicist.engine.posterior.mcmc.McmcResult;

/**
 * A posterior realized by many-chain adaptive Metropolis ({@link AdaptiveMetropolisSampler}) — for
 * θ dimensions a grid cannot reach. K chains (default {@value #CHAINS}) start at prior draws where
 * the density is finite and share one batched log-density call per step; {@value #WARMUP} warm-up
 * (burn-in) iterations per chain adapt the proposal and are discarded; then every {@value #THIN}th
 * state is kept, at least {@value #MIN_DRAWS_PER_CHAIN} and ⌈N/K⌉ per chain. The density is −∞
 * outside the prior's support (and the surrogate's θ range), so proposals there are rejected and
 * every draw respects the support.
 *
 * <p>Why few, long chains: split-R̂ of well-mixed chains is still about 1 + 1/(2·ESS per
 * half-chain), so R̂ ≤ 1.01 needs ESS ≳ 100 per chain. Random-walk Metropolis in 10-D needs
 * ~35 iterations per effective draw, so each chain runs {@value #THIN}·{@value #MIN_DRAWS_PER_CHAIN}
 * iterations after warm-up (≈ 200 effective draws per chain, ≈ 3000 in all, in 10-D).
 *
 * <p>More chains for a multimodal posterior: random-walk chains rarely cross between well-separated
 * modes, so each mode holds the share of the K chains that settled in its basin during warm-up
 * (R̂ then stays high and {@link McmcDiagnostics#warnings()} says so). That share is uncertain by
 * about √(p(1 − p)/K) for a mode of posterior mass p whose basin holds that mass of the prior
 * (symmetric modes, say): ±0.11 for p = 1/4 at K = 16, ±0.03 at K = 256. Resampling the starts by
 * the likelihood does not help in general: where the chains do not cross, the posterior is sharp
 * enough that the likelihood weights of affordable numbers of prior draws collapse onto a few.
 *
 * <p>Cost: K·({@value #WARMUP} + {@value #THIN}·S + 1) log-density evaluations of θ points, S the
 * draws per chain, plus K·S for the MAP search of {@link #summarize} ({@link #evaluations}).
 * Not thread-safe while running; the result is immutable.
 */
public final class McmcPosterior {
    /** Parallel chains by default. */
    public static final int CHAINS = 16;
    /** The most chains a run may ask for. */
    public static final int MAX_CHAINS = 1024;
    /** Warm-up iterations per chain. */
    public static final int WARMUP = 2000;
    /** Iterations per kept draw. */
    public static final int THIN = 8;
    /** The fewest kept draws per chain, so that R̂ and ESS rest on enough draws. */
    public static final int MIN_DRAWS_PER_CHAIN = 1000;

    private final BatchedLogDensity density;
    private final McmcResult run;
    private final McmcConfig config;

    private McmcPosterior(BatchedLogDensity density, McmcResult run, McmcConfig config) {
        this.density = density;
        this.run = run;
        this.config = config;
    }

    /**
     * The sampler's settings for {@code samples} draws from {@code chains} chains.
     *
     * @throws org.robotphysicist.data.InvalidInputException for a sample count or a chain count out of range
     */
    public static McmcConfig configFor(int samples, int chains) {
        PosteriorSampler.requireSampleCount("posterior samples", samples);
        requireChainCount("chains", chains);
        int perChain = Math.max(MIN_DRAWS_PER_CHAIN, (samples + chains - 1) / chains);
        return new McmcConfig(chains, WARMUP, perChain, THIN, 0);
    }

    /**
     * Requires a chain count in [4, {@value #MAX_CHAINS}].
     *
     * @param what the option's name, for the message
     * @throws org.robotphysicist.data.InvalidInputException naming {@code what} and the count otherwise
     */
    public static void requireChainCount(String what, int chains) {
        if (chains < 4 || chains > MAX_CHAINS) {
            throw new org.robotphysicist.data.InvalidInputException(what + ": expected 4 to " + MAX_CHAINS
                    + " MCMC chains but found " + chains);
        }
    }

    /**
     * θ points the run for {@code samples} draws and its {@link #summarize} evaluate, for cost limits:
     * K·(warm-up + thin·S + 1) for the chains and K·S for the MAP search.
     */
    public static long evaluations(int samples, int chains) {
        McmcConfig c = configFor(samples, chains);
        return (long) c.chains() * (c.warmup() + (long) c.draws() * c.thin() + 1) + (long) c.chains() * c.draws();
    }

    /**
     * Runs the chains on {@code density}, starting from draws of {@code prior}.
     *
     * @param samples the number of draws {@link #samples(int)} returns, in [1, {@link PosteriorSampler#MAX_SAMPLES}]
     * @param chains  K, in [4, {@value #MAX_CHAINS}]
     * @param rng     the only source of randomness
     * @throws org.robotphysicist.data.InvalidInputException when the prior has too little mass where the density is finite
     */
    public static McmcPosterior run(BatchedLogDensity density, Prior prior, int samples, int chains,
            SplittableRandom rng) {
        McmcConfig config = configFor(samples, chains);
        Matrix initial = AdaptiveMetropolisSampler.initialFromPrior(prior, density, config.chains(), rng);
        McmcResult result = new AdaptiveMetropolisSampler(config).run(density, initial, rng);
        return new McmcPosterior(density, result, config);
    }

    /** The full run: every chain's kept draws and per-parameter diagnostics. */
    public McmcResult run() {
        return run;
    }

    /** R̂, ESS, acceptance and settings of the run. */
    public McmcDiagnostics diagnostics() {
        return McmcDiagnostics.of(run, config.warmup(), config.thin());
    }

    /**
     * {@code n} ≤ K·S draws spread over all chains: draw i comes from chain i mod K, at evenly spaced
     * positions along it, so no chain is over-represented.
     */
    public PosteriorSamples samples(int n) {
        PosteriorSampler.requireSampleCount("posterior samples", n);
        int k = run.chains();
        int s = run.drawsPerChain();
        if (n > k * s) {
            throw new org.robotphysicist.data.InvalidInputException("posterior samples: expected at most " + k * s
                    + " (the run's draws) but found " + n);
        }
        int perChain = (n + k - 1) / k;
        Matrix pooled = run.pooledDraws();
        int dim = run.dim();
        double[] out = new double[n * dim];
        double[] row = new double[dim];
        for (int i = 0; i < n; i++) {
            int chain = i % k;
            int position = (int) ((long) (i / k) * s / perChain);
            pooled.copyRow(chain * s + position, row);
            System.arraycopy(row, 0, out, i * dim, dim);
        }
        return new PosteriorSamples(run.parameterNames(), Matrix.of(n, dim, out), SamplerChoice.MCMC, diagnostics());
    }

    /**
     * Mean, sd and intervals from all kept draws; MAP is the kept draw of highest posterior density
     * (one more batched evaluation of the K·S draws).
     */
    public PosteriorSummary summarize(double... levels) {
        Matrix pooled = run.pooledDraws();
        return SampleSummary.of(run.parameterNames(), pooled, density.logDensity(pooled), levels);
    }

    /** The θ component names. */
    public List<String> parameterNames() {
        return run.parameterNames();
    }
}
