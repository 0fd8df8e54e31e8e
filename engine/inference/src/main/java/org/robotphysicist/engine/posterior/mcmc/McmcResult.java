package org.robotphysicist.engine.posterior.mcmc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.engine.posterior.diagnostics.ConvergenceDiagnostics;
import org.robotphysicist.engine.posterior.diagnostics.TextTable;

/**
 * The kept draws of K chains × S draws × D parameters, with acceptance, cost and convergence
 * diagnostics (rank-normalized split-R̂ and bulk/tail ESS per parameter; see
 * {@link ConvergenceDiagnostics}).
 */
public final class McmcResult {
    private final List<String> names;
    private final int dim;
    private final double[][] draws;
    private final double acceptanceRate;
    private final double proposalScale;
    private final long logDensityCalls;
    private volatile List<ParameterDiagnostics> diagnostics;

    /**
     * One parameter's summary.
     *
     * @param mcse the Monte Carlo standard error of the mean, sd / √(ESS of the raw split chains)
     */
    public record ParameterDiagnostics(String parameter, double mean, double sd, double mcse, double q05,
            double median, double q95, double rhat, double essBulk, double essTail) {
    }

    McmcResult(List<String> names, int dim, double[][] draws, double acceptanceRate, double proposalScale,
            long logDensityCalls) {
        this.names = List.copyOf(names);
        this.dim = dim;
        this.draws = draws;
        this.acceptanceRate = acceptanceRate;
        this.proposalScale = proposalScale;
        this.logDensityCalls = logDensityCalls;
    }

    public List<String> parameterNames() {
        return names;
    }

    public int dim() {
        return dim;
    }

    /** K. */
    public int chains() {
        return draws.length;
    }

    /** S, kept draws per chain. */
    public int drawsPerChain() {
        return draws[0].length / dim;
    }

    /** Fraction of accepted proposals after warm-up. */
    public double acceptanceRate() {
        return acceptanceRate;
    }

    /** The final proposal scale s. */
    public double proposalScale() {
        return proposalScale;
    }

    /** Batched log-density calls made (one per iteration plus one for the starting points). */
    public long logDensityCalls() {
        return logDensityCalls;
    }

    /** Chain k's draws, (S, D). */
    public Matrix chain(int k) {
        if (k < 0 || k >= draws.length) {
            throw new InvalidInputException("chain index: expected a value in [0, " + draws.length + ") but found "
                    + k);
        }
        return Matrix.of(drawsPerChain(), dim, draws[k]);
    }

    /** All chains' draws stacked, (K·S, D). */
    public Matrix pooledDraws() {
        int s = drawsPerChain();
        double[] out = new double[draws.length * s * dim];
        for (int k = 0; k < draws.length; k++) {
            System.arraycopy(draws[k], 0, out, k * s * dim, s * dim);
        }
        return Matrix.of(draws.length * s, dim, out);
    }

    /** Parameter d's draws as chains[k][i], the layout of {@link ConvergenceDiagnostics}. */
    public double[][] parameterChains(int d) {
        if (d < 0 || d >= dim) {
            throw new InvalidInputException("parameter index: expected a value in [0, " + dim + ") but found " + d);
        }
        int s = drawsPerChain();
        double[][] out = new double[draws.length][s];
        for (int k = 0; k < draws.length; k++) {
            for (int i = 0; i < s; i++) {
                out[k][i] = draws[k][i * dim + d];
            }
        }
        return out;
    }

    /** Mean of the pooled draws. */
    public double[] mean() {
        double[] m = new double[dim];
        long n = 0;
        for (double[] chain : draws) {
            for (int i = 0; i < chain.length; i += dim) {
                for (int d = 0; d < dim; d++) {
                    m[d] += chain[i + d];
                }
                n++;
            }
        }
        for (int d = 0; d < dim; d++) {
            m[d] /= n;
        }
        return m;
    }

    /** Covariance of the pooled draws (D, D), divisor n − 1. */
    public double[][] covariance() {
        double[] m = mean();
        double[][] c = new double[dim][dim];
        long n = 0;
        for (double[] chain : draws) {
            for (int i = 0; i < chain.length; i += dim) {
                for (int a = 0; a < dim; a++) {
                    for (int b = 0; b <= a; b++) {
                        c[a][b] += (chain[i + a] - m[a]) * (chain[i + b] - m[b]);
                    }
                }
                n++;
            }
        }
        for (int a = 0; a < dim; a++) {
            for (int b = 0; b <= a; b++) {
                c[a][b] /= n - 1;
                c[b][a] = c[a][b];
            }
        }
        return c;
    }

    /** Per-parameter summaries and convergence diagnostics (computed once). */
    public List<ParameterDiagnostics> diagnostics() {
        List<ParameterDiagnostics> out = diagnostics;
        if (out == null) {
            out = new ArrayList<>();
            double[][] cov = covariance();
            double[] mean = mean();
            for (int d = 0; d < dim; d++) {
                double[][] chains = parameterChains(d);
                double[] all = Arrays.stream(chains).flatMapToDouble(Arrays::stream).toArray();
                double sd = Math.sqrt(cov[d][d]);
                double mcse = sd / Math.sqrt(ConvergenceDiagnostics.essBasic(chains));
                double[] q = ConvergenceDiagnostics.quantiles(all, 0.05, 0.5, 0.95);
                out.add(new ParameterDiagnostics(names.get(d), mean[d], sd, mcse, q[0], q[1], q[2],
                        ConvergenceDiagnostics.rhat(chains),
                        ConvergenceDiagnostics.essBulk(chains), ConvergenceDiagnostics.essTail(chains)));
            }
            out = List.copyOf(out);
            diagnostics = out;
        }
        return out;
    }

    /** The largest R̂ over parameters (NaN if any is undefined). */
    public double maxRhat() {
        double max = 0;
        for (ParameterDiagnostics p : diagnostics()) {
            max = Double.isNaN(p.rhat()) ? Double.NaN : Math.max(max, p.rhat());
        }
        return max;
    }

    /** The smallest bulk ESS over parameters. */
    public double minEssBulk() {
        return diagnostics().stream().mapToDouble(ParameterDiagnostics::essBulk).min().orElse(Double.NaN);
    }

    /** The smallest tail ESS over parameters. */
    public double minEssTail() {
        return diagnostics().stream().mapToDouble(ParameterDiagnostics::essTail).min().orElse(Double.NaN);
    }

    /** A printable table: one row per parameter. */
    public String table() {
        TextTable t = new TextTable("parameter", "mean", "sd", "mcse", "q5", "median", "q95", "R-hat", "ESS bulk",
                "ESS tail");
        for (ParameterDiagnostics p : diagnostics()) {
            t.row(p.parameter(), p.mean(), p.sd(), p.mcse(), p.q05(), p.median(), p.q95(), p.rhat(), p.essBulk(),
                    p.essTail());
        }
        return t.render() + String.format(java.util.Locale.ROOT, "%d chains x %d draws, acceptance %.3f, %d batched"
                + " log-density calls%n", chains(), drawsPerChain(), acceptanceRate, logDensityCalls);
    }

    @Override
    public String toString() {
        return "McmcResult(" + chains() + " chains x " + drawsPerChain() + " draws, D=" + dim + ")";
    }
}
