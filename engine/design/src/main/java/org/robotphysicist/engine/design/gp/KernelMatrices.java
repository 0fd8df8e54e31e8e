package org.robotphysicist.engine.design.gp;

/**
 * Batched kernel computations on row-major Java arrays (one pass over the pairs, no per-element
 * native access): the training covariance K (n, n), the cross-covariance K<sub>*</sub> (m, n), and
 * the traces ½ tr(W ∂K/∂θ) that make up the marginal-likelihood gradient.
 *
 * <p>Points are in the unit box, row-major (n, D). {@code invLs2[d]} = 1/ℓ<sub>d</sub>².
 */
final class KernelMatrices {
    private KernelMatrices() {
    }

    /** Scaled squared distance r² between row i of {@code a} and row j of {@code b}. */
    static double r2(double[] a, int i, double[] b, int j, int d, double[] invLs2) {
        double s = 0;
        int ai = i * d;
        int bj = j * d;
        for (int k = 0; k < d; k++) {
            double diff = a[ai + k] - b[bj + k];
            s += diff * diff * invLs2[k];
        }
        return s;
    }

    /**
     * The length-scale-free squared differences Δ²<sub>pd</sub> = (x<sub>id</sub> − x<sub>jd</sub>)² of every
     * pair p = (i, j &lt; i), in the order p = i(i − 1)/2 + j: n(n − 1)/2 · D values. Computed once
     * per data set, they turn every later r² into D multiply-adds.
     */
    static double[] squaredDifferences(double[] x, int n, int d) {
        double[] out = new double[n * (n - 1) / 2 * d];
        int q = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                for (int c = 0; c < d; c++) {
                    double diff = x[i * d + c] - x[j * d + c];
                    out[q++] = diff * diff;
                }
            }
        }
        return out;
    }

    /**
     * K<sub>ij</sub> = σ<sub>f</sub>² g(r²<sub>ij</sub>) + δ<sub>ij</sub>·diagonal[i], written to {@code out}
     * (n·n, both triangles), and r²<sub>p</sub> of every pair to {@code r2} (n(n − 1)/2 values).
     *
     * @param diffs {@link #squaredDifferences} of the points
     */
    static void covariance(KernelFamily family, double[] diffs, int n, int d, double[] invLs2, double signal,
            double[] diagonal, double[] out, double[] r2) {
        int p = 0;
        for (int i = 0; i < n; i++) {
            out[i * n + i] = signal + diagonal[i];
            for (int j = 0; j < i; j++, p++) {
                double s = 0;
                int base = p * d;
                for (int c = 0; c < d; c++) {
                    s += diffs[base + c] * invLs2[c];
                }
                r2[p] = s;
                double k = signal * family.correlation(s);
                out[i * n + j] = k;
                out[j * n + i] = k;
            }
        }
    }

    /** K<sub>*</sub><sub>ci</sub> = σ<sub>f</sub>² g(r²(p<sub>c</sub>, x<sub>i</sub>)) for m points p, written to {@code out} (m·n). */
    static void cross(KernelFamily family, double[] p, int m, double[] x, int n, int d, double[] invLs2, double signal,
            double[] out) {
        for (int c = 0; c < m; c++) {
            int row = c * n;
            for (int i = 0; i < n; i++) {
                out[row + i] = signal * family.correlation(r2(p, c, x, i, d, invLs2));
            }
        }
    }

    /**
     * Gradient of the log marginal likelihood with respect to (log ℓ<sub>1..D</sub>, log σ<sub>f</sub>²,
     * [log σ<sub>n</sub>²]): ∂/∂θ<sub>j</sub> = ½ tr(W ∂K/∂θ<sub>j</sub>) with W = ααᵀ − K⁻¹ (Rasmussen &amp;
     * Williams eq. 5.9). Uses the off-diagonal entries of K, which equal σ<sub>f</sub>² g, and the cached
     * r² and Δ², so no kernel is re-evaluated: ∂K<sub>ij</sub>/∂log ℓ<sub>d</sub> =
     * K<sub>ij</sub>·(q/g)(r²<sub>ij</sub>)·Δ²<sub>ijd</sub>/ℓ<sub>d</sub>², ∂K/∂log σ<sub>f</sub>² = K − diag(noise),
     * ∂K/∂log σ<sub>n</sub>² = σ<sub>n</sub>² I. Only the lower triangle of K⁻¹ is read.
     *
     * @param kinv  K⁻¹, lower triangle at [i·n + j], j ≤ i
     * @param alpha α = K⁻¹t
     * @param grad  out: D + 1 (+1 when {@code noise} ≥ 0) entries
     * @param noise σ<sub>n</sub>² when learned, or a negative value when not
     */
    static void gradient(KernelFamily family, double[] diffs, double[] r2, int n, int d, double[] invLs2,
            double signal, double[] k, double[] kinv, double[] alpha, double noise, double[] grad) {
        java.util.Arrays.fill(grad, 0.0);
        double offDiagonalSignal = 0;
        double diagonalW = 0;
        int p = 0;
        for (int i = 0; i < n; i++) {
            double ai = alpha[i];
            int row = i * n;
            diagonalW += ai * ai - kinv[row + i];
            for (int j = 0; j < i; j++, p++) {
                double wk = (ai * alpha[j] - kinv[row + j]) * k[row + j];
                offDiagonalSignal += wk;
                double wq = wk * family.slopeRatio(r2[p]);
                int base = p * d;
                for (int c = 0; c < d; c++) {
                    grad[c] += wq * diffs[base + c];
                }
            }
        }
        for (int c = 0; c < d; c++) {
            grad[c] *= invLs2[c];
        }
        // Off-diagonal pairs appear twice in the trace, the ½ cancels that; the diagonal is halved.
        grad[d] = offDiagonalSignal + 0.5 * diagonalW * signal;
        if (noise >= 0) {
            grad[d + 1] = 0.5 * diagonalW * noise;
        }
    }
}
