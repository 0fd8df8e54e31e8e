package org.robotphysicist.engine.posterior.sampling;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.prior.Prior;
import org.robotphysicist.engine.posterior.BatchedLogDensity;
import org.robotphysicist.engine.posterior.EnsembleSpread;
import org.robotphysicist.engine.posterior.PosteriorSummary;

/**
 * The posterior of a surrogate ensemble realized by MCMC — for θ dimensions a grid cannot reach.
 * The ensemble's posterior is the equal-weight mixture of its K member posteriors,
 * <pre>
 *   p(θ | X) = (1/K) Σ_k p_k(θ | X),   p_k(θ | X) = p(θ) Π_e Π_i p̂_k(x_{e,i} | θ, φ_e) / Z_k
 * </pre>
 * (why this rule: {@link org.robotphysicist.models.ensemble.SurrogateEnsemble}). Its point density needs
 * every Z<sub>k</sub>, which MCMC does not give; sampling does not: a draw of the mixture is a draw
 * of a member chosen with probability 1/K. So each member posterior is sampled by its own
 * {@link McmcPosterior} run (same chains, warm-up, thinning and kept draws per chain), and the
 * mixture's draws are the members' pooled in equal numbers:
 * <ul>
 *   <li>{@link #samples}(n): {@link #shares}(n, K) draws from member k's run, stacked in member order;</li>
 *   <li>{@link #summarize}: mean, sd and intervals from all the members' kept draws (equal counts, so
 *       equal weights); the MAP is the member MAP of highest mean member log-density
 *       (1/K) Σ<sub>k</sub> log p<sub>k</sub>(θ | X) — each member's unknown log Z<sub>k</sub> is then a
 *       constant shift, and where the members agree it is the mixture's mode;</li>
 *   <li>{@link #spread}: each member posterior's mean and sd from its own draws, and their
 *       between-member spread ({@link EnsembleSpread}), as the grid reports it;</li>
 *   <li>{@link #diagnostics}: the worst over the member runs (largest R̂, smallest ESS and acceptance),
 *       each member's chains judged on their own: chains of different members sample different
 *       distributions, so an R̂ across them would measure the members' disagreement, which
 *       {@link #spread} reports.</li>
 * </ul>
 * Cost: K times one {@link McmcPosterior} run, each member run evaluating only its member, plus K²
 * point densities for the MAP. With K = 1 it is that one run, with the same draws, summary and
 * diagnostics, so the facade samples every surrogate's posterior through this class. Not thread-safe while running; the
 * result is immutable.
 */
public final class EnsembleMcmcPosterior {
    private final List<BatchedLogDensity> densities;
    private final List<McmcPosterior> runs;
    /** Each run's kept draws, all chains stacked. */
    private final List<Matrix> kept;

    private EnsembleMcmcPosterior(List<BatchedLogDensity> densities, List<McmcPosterior> runs) {
        this.densities = densities;
        this.runs = runs;
        this.kept = runs.stream().map(r -> r.run().pooledDraws()).toList();
    }

    /**
     * Runs {@code chains} chains on each member posterior in {@code members}' order, all from one
     * random stream.
     *
     * @param members each member's posterior density (K ≥ 1, same θ dimension)
     * @param prior   the prior the chains start from
     * @param samples the draws {@link #samples} may return in all, in [1, {@link PosteriorSampler#MAX_SAMPLES}];
     *                each member keeps at least ⌈samples/K⌉
     * @param chains  chains per member, in [4, {@value McmcPosterior#MAX_CHAINS}]
     * @param rng     the only source of randomness
     * @throws InvalidInputException for no members or a sample or chain count out of range
     */
    public static EnsembleMcmcPosterior run(List<? extends BatchedLogDensity> members, Prior prior, int samples,
            int chains, SplittableRandom rng) {
        if (members == null || members.isEmpty()) {
            throw new InvalidInputException("ensemble posterior: expected at least one member posterior but found"
                    + " none");
        }
        PosteriorSampler.requireSampleCount("posterior samples", samples);
        int perMember = (samples + members.size() - 1) / members.size();
        List<McmcPosterior> runs = new ArrayList<>();
        for (BatchedLogDensity member : members) {
            runs.add(McmcPosterior.run(member, prior, perMember, chains, rng));
        }
        return new EnsembleMcmcPosterior(List.copyOf(members), List.copyOf(runs));
    }

    /**
     * How {@code n} draws of an equal-weight mixture split over {@code k} components: ⌊n/k⌋ each, and
     * one more for each of the first n mod k, so the shares sum to n and differ by at most one.
     *
     * @throws InvalidInputException for n &lt; 0 or k &lt; 1
     */
    public static int[] shares(int n, int k) {
        if (n < 0 || k < 1) {
            throw new InvalidInputException("mixture draws: expected n >= 0 draws over k >= 1 members but found n = "
                    + n + ", k = " + k);
        }
        int[] out = new int[k];
        for (int m = 0; m < k; m++) {
            out[m] = n / k + (m < n % k ? 1 : 0);
        }
        return out;
    }

    /** K, the member runs. */
    public int members() {
        return runs.size();
    }

    /** Member k's run. */
    public McmcPosterior member(int k) {
        return runs.get(k);
    }

    /**
     * {@code n} draws of the mixture: {@link #shares}(n, K) from each member's run (spread over its
     * chains as {@link McmcPosterior#samples} does), member 0's first.
     *
     * @throws InvalidInputException for n out of range or above what the member runs kept
     */
    public PosteriorSamples samples(int n) {
        PosteriorSampler.requireSampleCount("posterior samples", n);
        int[] share = shares(n, runs.size());
        List<Matrix> parts = new ArrayList<>();
        for (int k = 0; k < runs.size(); k++) {
            if (share[k] > 0) {
                parts.add(runs.get(k).samples(share[k]).draws());
            }
        }
        return new PosteriorSamples(parameterNames(), Matrix.stackRows(parts), SamplerChoice.MCMC, diagnostics());
    }

    /**
     * The mixture's summary from every member's kept draws; the MAP as the class comment says
     * (K member MAPs, each from its own density on its own draws, scored by all K densities).
     */
    public PosteriorSummary summarize(double... levels) {
        int k = runs.size();
        double[][] candidates = new double[k][];
        for (int m = 0; m < k; m++) {
            candidates[m] = kept.get(m).row(SampleSummary.argMax(densities.get(m).logDensity(kept.get(m))));
        }
        Matrix points = Matrix.ofRows(candidates);
        double[] meanLogDensity = new double[k];
        for (BatchedLogDensity density : densities) {
            double[] values = density.logDensity(points);
            for (int c = 0; c < k; c++) {
                meanLogDensity[c] += values[c] / k;
            }
        }
        return SampleSummary.withMap(parameterNames(), Matrix.stackRows(kept),
                candidates[SampleSummary.argMax(meanLogDensity)], levels);
    }

    /** Each member posterior's mean and sd from its own kept draws, and their between-member spread. */
    public EnsembleSpread spread() {
        int k = runs.size();
        double[][] means = new double[k][];
        double[][] sds = new double[k][];
        for (int m = 0; m < k; m++) {
            SampleSummary.Moments moments = SampleSummary.Moments.of(kept.get(m));
            means[m] = moments.mean();
            sds[m] = moments.sd();
        }
        return EnsembleSpread.ofMoments(parameterNames(), means, sds);
    }

    /**
     * The worst member run's figures: its settings, the smallest acceptance, the largest R̂ and the
     * smallest bulk and tail ESS over all members and components.
     */
    public McmcDiagnostics diagnostics() {
        McmcDiagnostics first = runs.get(0).diagnostics();
        double acceptance = first.acceptance();
        double rhat = first.maxRhat();
        double bulk = first.minEssBulk();
        double tail = first.minEssTail();
        for (McmcPosterior run : runs.subList(1, runs.size())) {
            McmcDiagnostics d = run.diagnostics();
            acceptance = Math.min(acceptance, d.acceptance());
            rhat = Math.max(rhat, d.maxRhat());
            bulk = Math.min(bulk, d.minEssBulk());
            tail = Math.min(tail, d.minEssTail());
        }
        return new McmcDiagnostics(first.chains(), first.warmup(), first.drawsPerChain(), first.thin(), acceptance,
                rhat, bulk, tail);
    }

    /** The θ component names. */
    public List<String> parameterNames() {
        return runs.get(0).parameterNames();
    }
}
