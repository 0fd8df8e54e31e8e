package org.robotphysicist.engine.posterior.sampling;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.robotphysicist.engine.posterior.mcmc.McmcResult;

/**
 * How an MCMC run that produced posterior samples went: its settings, the acceptance rate, and the
 * worst rank-normalized split-R̂ and bulk/tail effective sample sizes over the θ components
 * (see {@link McmcResult#diagnostics()}). {@link #warnings()} flags R̂ &gt; {@value #MAX_RHAT} and an
 * ESS below {@value #MIN_ESS} (Vehtari et al. 2021: R̂ ≤ 1.01 and ESS ≥ 100 per chain for 4 chains).
 *
 * @param chains        K parallel chains
 * @param warmup        adaptation (burn-in) iterations per chain, discarded
 * @param drawsPerChain kept draws per chain
 * @param thin          iterations per kept draw
 * @param acceptance    fraction of accepted proposals after warm-up
 * @param maxRhat       the largest split-R̂ over components
 * @param minEssBulk    the smallest bulk ESS over components
 * @param minEssTail    the smallest tail ESS over components
 */
public record McmcDiagnostics(int chains, int warmup, int drawsPerChain, int thin, double acceptance, double maxRhat,
        double minEssBulk, double minEssTail) {
    /** R̂ above this is reported as not converged. */
    public static final double MAX_RHAT = 1.01;
    /** Bulk or tail ESS below this is reported as too low. */
    public static final double MIN_ESS = 400;

    /** The diagnostics of {@code run}. */
    public static McmcDiagnostics of(McmcResult run, int warmup, int thin) {
        return new McmcDiagnostics(run.chains(), warmup, run.drawsPerChain(), thin, run.acceptanceRate(),
                run.maxRhat(), run.minEssBulk(), run.minEssTail());
    }

    /** Warnings for a run that may not have converged or mixed; empty when it looks fine. */
    public List<String> warnings() {
        List<String> out = new ArrayList<>();
        if (!(maxRhat <= MAX_RHAT)) {
            out.add(String.format(Locale.ROOT, "MCMC R-hat %.4f exceeds %.2f: the chains disagree. Either they have"
                    + " not converged, or they sit in separate modes of a multimodal posterior, whose shares then rest"
                    + " on how the %d chains started; treat the samples with caution", maxRhat, MAX_RHAT, chains));
        }
        double ess = Math.min(minEssBulk, minEssTail);
        if (!(ess >= MIN_ESS)) {
            out.add(String.format(Locale.ROOT, "MCMC effective sample size %.0f is below %.0f: the samples are"
                    + " strongly autocorrelated; intervals are uncertain", ess, MIN_ESS));
        }
        return out;
    }
}
