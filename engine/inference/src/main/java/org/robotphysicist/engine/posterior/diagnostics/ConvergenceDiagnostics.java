package org.robotphysicist.engine.posterior.diagnostics;

import java.util.Arrays;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.transform.DftNormalization;
import org.apache.commons.math3.transform.FastFourierTransformer;
import org.apache.commons.math3.transform.TransformType;
import org.robotphysicist.data.DimensionMismatchException;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Require;

/**
 * Convergence diagnostics of several Markov chains for one scalar quantity, following Vehtari,
 * Gelman, Simpson, Carpenter and Bürkner (2021), "Rank-normalization, folding, and localization:
 * an improved R̂ for assessing convergence of MCMC", Bayesian Analysis 16(2).
 *
 * <p>Input is {@code chains[m][i]}: M chains of n draws each (after warm-up). Each chain is split
 * in halves (the middle draw dropped when n is odd), so that within-chain trends count as
 * disagreement.
 * <ul>
 *   <li>{@link #rhat}: max of the split-R̂ of the rank-normalized draws and of the rank-normalized
 *       folded draws |θ − median|. Values below 1.01 indicate convergence.</li>
 *   <li>{@link #essBulk}: effective sample size of the rank-normalized split chains.</li>
 *   <li>{@link #essTail}: min of the ESS of the indicators I(θ ≤ q<sub>5%</sub>) and I(θ ≤ q<sub>95%</sub>).</li>
 *   <li>{@link #essBasic}: ESS of the raw split chains (for the Monte Carlo error of a mean).</li>
 * </ul>
 * ESS uses the multi-chain autocorrelation estimate ρ̂<sub>t</sub> = 1 − (W − mean autocovariance
 * at lag t) / var⁺ with Geyer's initial positive and monotone sequences (Stan reference manual).
 * Constant draws have no defined R̂ or ESS: NaN is returned.
 */
public final class ConvergenceDiagnostics {
    private static final NormalDistribution STANDARD = new NormalDistribution(null, 0, 1);

    private ConvergenceDiagnostics() {
    }

    /** Rank-normalized split-R̂ (bulk and folded, the larger). */
    public static double rhat(double[][] chains) {
        double[][] split = split(requireChains(chains));
        double bulk = rhatBasicUnsplit(rankNormalize(split));
        double median = quantile(flatten(split), 0.5);
        double[][] folded = new double[split.length][];
        for (int m = 0; m < split.length; m++) {
            folded[m] = new double[split[m].length];
            for (int i = 0; i < split[m].length; i++) {
                folded[m][i] = Math.abs(split[m][i] - median);
            }
        }
        double tail = rhatBasicUnsplit(rankNormalize(folded));
        return Double.isNaN(bulk) || Double.isNaN(tail) ? Double.NaN : Math.max(bulk, tail);
    }

    /** Classic split-R̂ on the raw draws, sqrt(var⁺ / W) with var⁺ = (n−1)/n·W + B/n. */
    public static double rhatBasic(double[][] chains) {
        return rhatBasicUnsplit(split(requireChains(chains)));
    }

    /** Bulk effective sample size. */
    public static double essBulk(double[][] chains) {
        return ess(rankNormalize(split(requireChains(chains))));
    }

    /** Tail effective sample size: min over the 5% and 95% quantile indicators. */
    public static double essTail(double[][] chains) {
        double[][] split = split(requireChains(chains));
        double[] q = quantiles(flatten(split), 0.05, 0.95);
        return Math.min(ess(indicator(split, q[0])), ess(indicator(split, q[1])));
    }

    /** ESS of the raw split chains. */
    public static double essBasic(double[][] chains) {
        return ess(split(requireChains(chains)));
    }

    private static double[][] requireChains(double[][] chains) {
        if (chains == null || chains.length == 0) {
            throw new InvalidInputException("chains: expected at least one chain but found none");
        }
        int n = chains[0].length;
        if (n < 4) {
            throw new InvalidInputException("chains: expected at least 4 draws per chain but found " + n);
        }
        for (int m = 0; m < chains.length; m++) {
            if (chains[m].length != n) {
                throw new DimensionMismatchException("chain " + m + " length", n, chains[m].length);
            }
            Require.finite("chain " + m, chains[m]);
        }
        return chains;
    }

    /** Each chain cut into its first and second half (the middle draw dropped for odd n). */
    static double[][] split(double[][] chains) {
        int n = chains[0].length;
        int half = n / 2;
        double[][] out = new double[2 * chains.length][];
        for (int m = 0; m < chains.length; m++) {
            out[2 * m] = Arrays.copyOfRange(chains[m], 0, half);
            out[2 * m + 1] = Arrays.copyOfRange(chains[m], n - half, n);
        }
        return out;
    }

    /** z = Φ⁻¹((r − 3/8) / (S + 1/4)) with r the pooled rank (ties averaged) and S the number of draws. */
    static double[][] rankNormalize(double[][] chains) {
        int n = chains[0].length;
        int total = chains.length * n;
        double[] sorted = flatten(chains);
        Arrays.sort(sorted);
        double[][] out = new double[chains.length][n];
        for (int m = 0; m < chains.length; m++) {
            for (int i = 0; i < n; i++) {
                double v = chains[m][i];
                int first = lowerBound(sorted, v);
                int last = lowerBound(sorted, Math.nextUp(v)) - 1;
                double rank = (first + last) / 2.0 + 1;
                out[m][i] = STANDARD.inverseCumulativeProbability((rank - 0.375) / (total + 0.25));
            }
        }
        return out;
    }

    /** The first index whose value is ≥ v. */
    private static int lowerBound(double[] sorted, double v) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static double rhatBasicUnsplit(double[][] chains) {
        int m = chains.length;
        int n = chains[0].length;
        double[] means = new double[m];
        double within = 0;
        for (int c = 0; c < m; c++) {
            means[c] = mean(chains[c]);
            within += variance(chains[c], means[c]);
        }
        within /= m;
        if (!(within > 0)) {
            return Double.NaN;
        }
        double between = m > 1 ? variance(means, mean(means)) : 0;
        return Math.sqrt(((n - 1.0) / n * within + between) / within);
    }

    /** Multi-chain ESS with Geyer's initial positive and monotone sequence estimators. */
    static double ess(double[][] chains) {
        int m = chains.length;
        int n = chains[0].length;
        double[][] acov = new double[m][];
        double[] means = new double[m];
        for (int c = 0; c < m; c++) {
            means[c] = mean(chains[c]);
            acov[c] = autocovariance(chains[c], means[c]);
        }
        double meanVar = 0;
        for (int c = 0; c < m; c++) {
            meanVar += acov[c][0];
        }
        meanVar = meanVar / m * n / (n - 1.0);
        double varPlus = meanVar * (n - 1.0) / n + (m > 1 ? variance(means, mean(means)) : 0);
        if (!(varPlus > 0)) {
            return Double.NaN;
        }
        double[] rho = new double[n];
        rho[0] = 1;
        double rhoEven = 1;
        double rhoOdd = 1 - (meanVar - meanAcov(acov, 1)) / varPlus;
        rho[1] = rhoOdd;
        int t = 0;
        while (t < n - 5 && rhoEven + rhoOdd > 0) {
            t += 2;
            rhoEven = 1 - (meanVar - meanAcov(acov, t)) / varPlus;
            rhoOdd = 1 - (meanVar - meanAcov(acov, t + 1)) / varPlus;
            if (rhoEven + rhoOdd >= 0) {
                rho[t] = rhoEven;
                rho[t + 1] = rhoOdd;
            }
        }
        int maxT = t;
        if (rhoEven > 0) {
            rho[maxT] = rhoEven;
        }
        for (int s = 2; s <= maxT - 2; s += 2) {
            if (rho[s] + rho[s + 1] > rho[s - 2] + rho[s - 1]) {
                rho[s] = (rho[s - 2] + rho[s - 1]) / 2;
                rho[s + 1] = rho[s];
            }
        }
        double sum = 0;
        for (int s = 0; s < maxT; s++) {
            sum += rho[s];
        }
        double draws = (double) m * n;
        double tau = Math.max(-1 + 2 * sum + rho[maxT], 1 / Math.log10(draws));
        return draws / tau;
    }

    private static double meanAcov(double[][] acov, int lag) {
        double s = 0;
        for (double[] a : acov) {
            s += a[lag];
        }
        return s / acov.length;
    }

    /** Biased autocovariance (divided by n) at every lag, by FFT of the zero-padded centred chain. */
    private static double[] autocovariance(double[] x, double mean) {
        int n = x.length;
        int size = Integer.highestOneBit(2 * n - 1) << 1;
        double[][] data = new double[2][size];
        for (int i = 0; i < n; i++) {
            data[0][i] = x[i] - mean;
        }
        FastFourierTransformer.transformInPlace(data, DftNormalization.STANDARD, TransformType.FORWARD);
        for (int i = 0; i < size; i++) {
            data[0][i] = data[0][i] * data[0][i] + data[1][i] * data[1][i];
            data[1][i] = 0;
        }
        FastFourierTransformer.transformInPlace(data, DftNormalization.STANDARD, TransformType.INVERSE);
        double[] out = new double[n];
        for (int t = 0; t < n; t++) {
            out[t] = data[0][t] / n;
        }
        return out;
    }

    private static double[][] indicator(double[][] chains, double q) {
        double[][] out = new double[chains.length][chains[0].length];
        for (int m = 0; m < chains.length; m++) {
            for (int i = 0; i < chains[m].length; i++) {
                out[m][i] = chains[m][i] <= q ? 1 : 0;
            }
        }
        return out;
    }

    /** The type-7 sample quantile (linear between order statistics), as R's default. */
    public static double quantile(double[] values, double p) {
        return quantiles(values, p)[0];
    }

    /** Several type-7 sample quantiles, sorting once. */
    public static double[] quantiles(double[] values, double... p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double[] out = new double[p.length];
        for (int k = 0; k < p.length; k++) {
            double h = (sorted.length - 1) * p[k];
            int lo = (int) Math.floor(h);
            int hi = Math.min(lo + 1, sorted.length - 1);
            out[k] = sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
        }
        return out;
    }

    private static double[] flatten(double[][] chains) {
        int n = chains[0].length;
        double[] out = new double[chains.length * n];
        for (int m = 0; m < chains.length; m++) {
            System.arraycopy(chains[m], 0, out, m * n, n);
        }
        return out;
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    private static double variance(double[] x, double mean) {
        double s = 0;
        for (double v : x) {
            s += (v - mean) * (v - mean);
        }
        return s / (x.length - 1);
    }
}
