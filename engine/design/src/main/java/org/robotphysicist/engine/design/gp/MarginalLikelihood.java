package org.robotphysicist.engine.design.gp;

import org.robotphysicist.engine.design.optim.BoundedLbfgs;

/**
 * The log marginal likelihood of standardized outputs t under a zero-mean GP and its gradient in
 * the optimizer's coordinates θ = (log ℓ<sub>1..D</sub>, log σ<sub>f</sub>², [log σ<sub>n</sub>²]):
 *
 * <pre>
 *   log p(t | θ) = −½ tᵀK⁻¹t − ½ log det K − (n/2) log 2π,
 *   ∂/∂θ<sub>j</sub> = ½ tr((ααᵀ − K⁻¹) ∂K/∂θ<sub>j</sub>),  α = K⁻¹t     (Rasmussen &amp; Williams eq. 5.8–5.9)
 * </pre>
 *
 * As a {@link BoundedLbfgs.Objective} it returns −log p and its gradient (for minimization), or NaN
 * when K cannot be factored even with jitter. One evaluation costs one kernel assembly O(n²D),
 * one Cholesky and one inverse ({@link DenseCholesky}, n³/2 multiply-adds in all, each
 * residual-checked), and O(n²D) for the gradient; the pairwise squared differences are computed
 * once, so memory is n²(D/2 + 5) doubles. Not thread-safe (one instance per fit).
 */
final class MarginalLikelihood implements BoundedLbfgs.Objective {
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private final KernelFamily family;
    private final double[] diffs;
    private final double[] r2;
    private final int n;
    private final int d;
    private final double[] t;
    private final double[] knownNoise;
    private final boolean learnNoise;
    private final DenseCholesky cholesky;
    private final double[] k;
    private final double[] alpha;
    private final double[] diagonal;
    private final double[] invLs2;
    private int evaluations;

    /**
     * @param x          unit-box points, row-major (n, d)
     * @param t          standardized outputs (n)
     * @param knownNoise known noise variances in standardized units (n)
     */
    MarginalLikelihood(KernelFamily family, double[] x, int n, int d, double[] t, double[] knownNoise,
            boolean learnNoise) {
        this.family = family;
        this.diffs = KernelMatrices.squaredDifferences(x, n, d);
        this.r2 = new double[n * (n - 1) / 2];
        this.n = n;
        this.d = d;
        this.t = t;
        this.knownNoise = knownNoise;
        this.learnNoise = learnNoise;
        this.cholesky = new DenseCholesky(n);
        this.k = new double[n * n];
        this.alpha = new double[n];
        this.diagonal = new double[n];
        this.invLs2 = new double[d];
    }

    int evaluations() {
        return evaluations;
    }

    @Override
    public double evaluate(double[] theta, double[] gradient) {
        evaluations++;
        double signal = Math.exp(theta[d]);
        double noise = learnNoise ? Math.exp(theta[d + 1]) : 0.0;
        for (int c = 0; c < d; c++) {
            invLs2[c] = Math.exp(-2 * theta[c]);
        }
        for (int i = 0; i < n; i++) {
            diagonal[i] = noise + knownNoise[i];
        }
        KernelMatrices.covariance(family, diffs, n, d, invLs2, signal, diagonal, k, r2);
        double jitter = cholesky.factor(k);
        if (Double.isNaN(jitter)) {
            return Double.NaN;
        }
        double logDet = cholesky.logDeterminant();
        double[] kinv = cholesky.inverse();
        // α = K⁻¹t from the lower triangle of the symmetric inverse
        java.util.Arrays.fill(alpha, 0.0);
        for (int i = 0; i < n; i++) {
            int row = i * n;
            double ti = t[i];
            double s = kinv[row + i] * ti;
            for (int j = 0; j < i; j++) {
                double v = kinv[row + j];
                s += v * t[j];
                alpha[j] += v * ti;
            }
            alpha[i] += s;
        }
        double fit = 0;
        for (int i = 0; i < n; i++) {
            fit += t[i] * alpha[i];
        }
        double lml = -0.5 * fit - 0.5 * logDet - 0.5 * n * LOG_2PI;
        if (!Double.isFinite(lml)) {
            return Double.NaN;
        }
        if (gradient != null) {
            KernelMatrices.gradient(family, diffs, r2, n, d, invLs2, signal, k, kinv, alpha,
                    learnNoise ? noise : -1.0, gradient);
            for (int j = 0; j < gradient.length; j++) {
                gradient[j] = -gradient[j];
            }
        }
        return -lml;
    }

    /** log p(t | h) at the given hyperparameters (NaN when K cannot be factored). */
    double logMarginalLikelihood(GpHyperparameters h) {
        return -evaluate(h.toLog(learnNoise), null);
    }
}
