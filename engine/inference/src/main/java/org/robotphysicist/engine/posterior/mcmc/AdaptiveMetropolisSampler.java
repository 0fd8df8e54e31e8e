package org.robotphysicist.engine.posterior.mcmc;

import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.NonSymmetricMatrixException;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.prior.Prior;
import org.robotphysicist.data.simulator.StandardNormal;
import org.robotphysicist.engine.posterior.BatchedLogDensity;

/**
 * Many parallel random-walk Metropolis chains sharing one adapted proposal, for posteriors beyond
 * the reach of a grid (D<sub>θ</sub> &gt; 3). Each iteration proposes θ'<sub>k</sub> = θ<sub>k</sub>
 * + s·L·z<sub>k</sub>, z<sub>k</sub> ~ N(0, I), for all K chains and evaluates the K proposals in
 * <em>one</em> call of {@link BatchedLogDensity#logDensity} — so a surrogate posterior pays one
 * batched evaluation per step, however many chains run.
 *
 * <p>Warm-up adapts the proposal (Haario, Saksman and Tamminen 2001, pooled over chains): the
 * covariance C = L·Lᵀ is re-estimated from all chains' states at the end of windows of doubling
 * length (25, 50, 100, … iterations, between 15% and 90% of the warm-up), shrunk slightly toward
 * its diagonal; the scale s follows a Robbins–Monro recursion log s ← log s + γ<sub>t</sub>·(a<sub>t</sub>
 * − a*), with a<sub>t</sub> the fraction of chains that accepted and γ<sub>t</sub> = (t + 1)<sup>−0.6</sup>
 * restarted with each window. Adaptation stops after warm-up, so the kept draws come from a
 * fixed Metropolis kernel that leaves the target invariant.
 */
public final class AdaptiveMetropolisSampler {
    private static final int FIRST_WINDOW = 25;
    private final McmcConfig config;

    public AdaptiveMetropolisSampler(McmcConfig config) {
        this.config = config;
    }

    public McmcConfig config() {
        return config;
    }

    /**
     * K starting points drawn from {@code prior} where {@code density} is finite (for example the
     * posterior's prior, restricted to where the surrogate is valid).
     *
     * @throws InvalidInputException when 100·K prior draws yield fewer than K such points
     */
    public static Matrix initialFromPrior(Prior prior, BatchedLogDensity density, int k, SplittableRandom rng) {
        int dim = density.dim();
        double[] out = new double[k * dim];
        int found = 0;
        for (int attempt = 0; attempt < 100 && found < k; attempt++) {
            Matrix candidates = prior.sample(k, rng);
            double[] lp = density.logDensity(candidates);
            for (int i = 0; i < k && found < k; i++) {
                if (lp[i] > Double.NEGATIVE_INFINITY) {
                    System.arraycopy(candidates.row(i), 0, out, found++ * dim, dim);
                }
            }
        }
        if (found < k) {
            throw new InvalidInputException("initial points: expected " + k + " prior draws with finite posterior"
                    + " density but found " + found + " in " + 100 * k + " draws");
        }
        return Matrix.of(k, dim, out);
    }

    /**
     * Runs the chains.
     *
     * @param density the target, log-density up to a constant
     * @param initial (K, D) starting points, K = {@link McmcConfig#chains()}, each with finite density
     * @param rng     the only source of randomness
     */
    public McmcResult run(BatchedLogDensity density, Matrix initial, SplittableRandom rng) {
        int k = config.chains();
        int dim = density.dim();
        initial.requireShape("initial points", k, dim);
        double[] x = initial.toArray();
        double[] logP = density.logDensity(initial);
        long calls = 1;
        for (int c = 0; c < k; c++) {
            if (!(logP[c] > Double.NEGATIVE_INFINITY)) {
                throw new InvalidInputException("initial point " + c + " " + java.util.Arrays.toString(initial.row(c))
                        + ": expected a finite log-density but found " + logP[c]);
            }
        }
        double target = config.targetAcceptance(dim);
        double[][] chol = cholesky(initialCovariance(x, k, dim, density), dim);
        double logScale = Math.log(2.38 / Math.sqrt(dim));

        int warmup = config.warmup();
        int adaptStart = (int) Math.floor(0.15 * warmup);
        int adaptEnd = (int) Math.floor(0.9 * warmup);
        int windowStart = adaptStart;
        int windowLength = FIRST_WINDOW;
        int stepInWindow = 0;
        WindowCovariance window = new WindowCovariance(dim);
        double[] proposal = new double[k * dim];
        double[] z = new double[dim];

        int kept = config.draws();
        double[][] draws = new double[k][kept * dim];
        long accepted = 0;
        int total = warmup + kept * config.thin();
        for (int t = 0; t < total; t++) {
            double s = Math.exp(logScale);
            for (int c = 0; c < k; c++) {
                for (int d = 0; d < dim; d++) {
                    z[d] = StandardNormal.sample(rng);
                }
                for (int a = 0; a < dim; a++) {
                    double step = 0;
                    for (int b = 0; b <= a; b++) {
                        step += chol[a][b] * z[b];
                    }
                    proposal[c * dim + a] = x[c * dim + a] + s * step;
                }
            }
            double[] logProposal = density.logDensity(Matrix.of(k, dim, proposal));
            calls++;
            int acceptedNow = 0;
            for (int c = 0; c < k; c++) {
                double logRatio = logProposal[c] - logP[c];
                boolean accept = logRatio >= 0 || Math.log(rng.nextDouble()) < logRatio;
                if (logProposal[c] > Double.NEGATIVE_INFINITY && accept) {
                    System.arraycopy(proposal, c * dim, x, c * dim, dim);
                    logP[c] = logProposal[c];
                    acceptedNow++;
                }
            }
            if (t < warmup) {
                logScale += Math.pow(stepInWindow + 1, -0.6) * ((double) acceptedNow / k - target);
                stepInWindow++;
                if (t >= adaptStart && t < adaptEnd) {
                    window.add(x, k);
                    boolean last = t + 1 + 2 * windowLength > adaptEnd;
                    if (t + 1 - windowStart >= windowLength && !last || t + 1 == adaptEnd) {
                        double[][] c = window.covariance();
                        if (c != null) {
                            chol = cholesky(c, dim);
                        }
                        window = new WindowCovariance(dim);
                        windowStart = t + 1;
                        windowLength *= 2;
                        stepInWindow = 0;
                    }
                }
            } else {
                accepted += acceptedNow;
                int i = t - warmup;
                if ((i + 1) % config.thin() == 0) {
                    int slot = i / config.thin();
                    for (int c = 0; c < k; c++) {
                        System.arraycopy(x, c * dim, draws[c], slot * dim, dim);
                    }
                }
            }
        }
        double acceptance = (double) accepted / ((long) k * kept * config.thin());
        return new McmcResult(density.parameterNames(), dim, draws, acceptance, Math.exp(logScale), calls);
    }

    /** The spread of the starting points (pooled), or 1% of the support's width squared when degenerate. */
    private static double[][] initialCovariance(double[] x, int k, int dim, BatchedLogDensity density) {
        WindowCovariance w = new WindowCovariance(dim);
        w.add(x, k);
        double[][] c = k > dim ? w.covariance() : null;
        if (c == null) {
            c = new double[dim][dim];
            for (int d = 0; d < dim; d++) {
                double width = density.support().upper(d) - density.support().lower(d);
                double scale = Double.isFinite(width) && width > 0 ? 0.1 * width : 1.0;
                c[d][d] = scale * scale;
            }
        }
        return c;
    }

    /** Lower Cholesky factor, with growing diagonal jitter when C is numerically singular. */
    private static double[][] cholesky(double[][] c, int dim) {
        double meanDiag = 0;
        for (int d = 0; d < dim; d++) {
            meanDiag += c[d][d] / dim;
        }
        for (double jitter = 1e-10; jitter < 1; jitter *= 10) {
            double[][] a = new double[dim][dim];
            for (int i = 0; i < dim; i++) {
                a[i] = c[i].clone();
                a[i][i] += jitter * meanDiag;
            }
            try {
                return new CholeskyDecomposition(new Array2DRowRealMatrix(a, false), 1e-12, 1e-14).getL().getData();
            } catch (NonPositiveDefiniteMatrixException | NonSymmetricMatrixException e) {
                // retry with more jitter
            }
        }
        throw new IllegalStateException("proposal covariance: expected a positive-definite matrix but found a"
                + " singular one even after jitter: " + java.util.Arrays.deepToString(c));
    }

    /**
     * Pooled covariance of chain states (Welford's update, stable for large offsets), its
     * off-diagonal shrunk by n/(n + 5) toward the diagonal so a short window cannot produce a
     * degenerate proposal.
     */
    private static final class WindowCovariance {
        private final int dim;
        private final double[] mean;
        private final double[][] comoment;
        private final double[] delta;
        private long n;

        WindowCovariance(int dim) {
            this.dim = dim;
            this.mean = new double[dim];
            this.comoment = new double[dim][dim];
            this.delta = new double[dim];
        }

        void add(double[] x, int k) {
            for (int c = 0; c < k; c++) {
                n++;
                for (int a = 0; a < dim; a++) {
                    delta[a] = x[c * dim + a] - mean[a];
                    mean[a] += delta[a] / n;
                }
                for (int a = 0; a < dim; a++) {
                    for (int b = 0; b <= a; b++) {
                        comoment[a][b] += delta[a] * (x[c * dim + b] - mean[b]);
                    }
                }
            }
        }

        /** Null when fewer than D + 1 states or a zero variance. */
        double[][] covariance() {
            if (n <= dim) {
                return null;
            }
            double shrink = n / (n + 5.0);
            double[][] c = new double[dim][dim];
            for (int a = 0; a < dim; a++) {
                for (int b = 0; b <= a; b++) {
                    double v = comoment[a][b] / (n - 1) * (a == b ? 1 : shrink);
                    c[a][b] = v;
                    c[b][a] = v;
                }
                if (!(c[a][a] > 0)) {
                    return null;
                }
            }
            return c;
        }
    }
}
