package org.robotphysicist.engine.design.gp;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Cholesky factorization K = L·Lᵀ of a symmetric positive-definite (n, n) matrix with growing
 * jitter on failure, triangular solves and the inverse K⁻¹ — in plain Java, so that the GP's
 * results do not depend on which native BLAS kernels a CPU selects (see docs/numerics.md).
 *
 * <p>Layout: the factor is held as U = Lᵀ, row-major upper triangle of one n·n array, computed
 * right-looking (row j of U, then a rank-1 update of the trailing rows). Every inner loop is
 * an axpy over contiguous memory of two different arrays, which the JIT vectorizes; the strict
 * lower triangle of the same array keeps K, so the residual checks need no copy. Cost: n³/6
 * multiply-adds to factor, n³/3 more for {@link #inverse}, n²/2 per triangular solve.
 *
 * <p>Jitter: the first attempt factors K as given; on failure (a pivot that is not positive),
 * K + j·I with j = 10⁻¹⁰·mean(diag K)·10<sup>k</sup>, k = 0…6, until one succeeds.
 *
 * <p>Self-checks: every factorization, solve and inverse checks its residual on pseudo-random
 * probe vectors (O(n²) each, a few per cent of the work at n = 200) and throws
 * {@link FactorizationResidualException} when the relative residual exceeds
 * {@link #RELATIVE_TOLERANCE}. The backward-error bound of each step is ≈ n²·2⁻⁵² in these
 * units (10⁻¹¹ at n = 200), so the tolerance has a wide margin for correct arithmetic while wrong
 * arithmetic gives residuals of order one.
 *
 * <p>Threading: {@link #factor} and {@link #inverse} write the instance's buffers and must not run
 * concurrently with anything else on it; after a factorization, the solves only read it and may
 * run from many threads at once.
 */
final class DenseCholesky {
    /** Relative jitter of the first retry; each further retry multiplies it by 10. */
    static final double FIRST_RELATIVE_JITTER = 1e-10;
    /** Retries with jitter after the plain attempt. */
    static final int JITTER_RETRIES = 7;
    /** Largest accepted relative residual of a factorization, solve or inverse. */
    static final double RELATIVE_TOLERANCE = 1e-8;
    /** Probe vectors per factorization check. */
    private static final int FACTOR_PROBES = 2;
    private static final long PROBE_SEED = 0x5DEECE66DL;
    /** Pivots of a forward substitution applied in one pass over the rest of the vector. */
    private static final int PANEL = 4;

    private final int n;
    /** Upper triangle (with diagonal): U = Lᵀ. Strict lower triangle: K (symmetric, so its lower half). */
    private final double[] a;
    /** Diagonal of the factored matrix, K<sub>ii</sub> + jitter. */
    private final double[] kDiagonal;
    /** Working rows of the blocked factorization and inverse. */
    private final RowBlock block;
    private double kNorm;
    private double factorNorm;
    private double jitter = Double.NaN;
    private double[] lowerInverse;
    private double[] inverse;

    DenseCholesky(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("Cholesky size: expected n >= 1 but found " + n);
        }
        this.n = n;
        this.a = new double[n * n];
        this.kDiagonal = new double[n];
        this.block = new RowBlock(n);
    }

    int size() {
        return n;
    }

    /**
     * Factors {@code k} (row-major, n·n values, symmetric; only read). Returns the jitter added to
     * the diagonal (0 when none was needed), or NaN when every attempt met a non-positive pivot.
     *
     * @throws FactorizationResidualException when a factor is found but ‖K̃z − LLᵀz‖ exceeds the
     *         tolerance on a probe z, K̃ = K + jitter·I
     */
    double factor(double[] k) {
        if (k.length != n * n) {
            throw new IllegalArgumentException("Cholesky input: expected " + n * n + " values but found " + k.length);
        }
        jitter = Double.NaN;
        if (attempt(k, 0.0)) {
            return accept(0.0);
        }
        double meanDiag = 0;
        for (int i = 0; i < n; i++) {
            meanDiag += k[i * n + i];
        }
        meanDiag = Math.abs(meanDiag / n);
        if (!(meanDiag > 0) || !Double.isFinite(meanDiag)) {
            return Double.NaN;
        }
        double shift = FIRST_RELATIVE_JITTER * meanDiag;
        for (int retry = 0; retry < JITTER_RETRIES; retry++, shift *= 10) {
            if (attempt(k, shift)) {
                return accept(shift);
            }
        }
        return Double.NaN;
    }

    private double accept(double shift) {
        jitter = shift;
        try {
            checkFactor();
        } catch (FactorizationResidualException e) {
            jitter = Double.NaN;
            throw e;
        }
        return shift;
    }

    /** Copies K + shift·I into the buffer and factors it in place; false on a non-positive pivot. */
    private boolean attempt(double[] k, double shift) {
        System.arraycopy(k, 0, a, 0, n * n);
        double sumSquares = 0;
        for (int i = 0; i < n; i++) {
            int d = i * n + i;
            a[d] += shift;
            kDiagonal[i] = a[d];
            sumSquares += a[d] * a[d];
            for (int j = 0; j < i; j++) {
                sumSquares += 2 * a[i * n + j] * a[i * n + j];
            }
        }
        kNorm = Math.sqrt(sumSquares);
        // Row-oriented (up-looking) in blocks of four rows of U: each block gets the updates of all
        // earlier rows, four at a time, then is factored within itself.
        for (int i0 = 0; i0 < n; i0 += RowBlock.ROWS) {
            int w = Math.min(RowBlock.ROWS, n - i0);
            for (int r = 0; r < w; r++) {
                System.arraycopy(a, (i0 + r) * n + i0, block.row(r), i0, n - i0);
            }
            for (int k0 = 0; k0 < i0; k0 += RowBlock.ROWS) {
                for (int r = 0; r < RowBlock.ROWS; r++) {
                    for (int q = 0; q < RowBlock.ROWS; q++) {
                        block.f[RowBlock.ROWS * r + q] = r < w ? a[(k0 + q) * n + i0 + r] : 0.0;
                    }
                }
                block.subtract(i0, n, a, k0 * n, n, RowBlock.ROWS);
            }
            for (int r = 0; r < w; r++) {
                int i = i0 + r;
                double[] y = block.row(r);
                for (int p = 0; p < r; p++) {
                    double[] done = block.row(p);
                    double f = done[i];
                    for (int c = i; c < n; c++) {
                        y[c] -= f * done[c];
                    }
                }
                double pivot = y[i];
                if (!(pivot > 0) || pivot == Double.POSITIVE_INFINITY) {
                    return false;
                }
                double uii = Math.sqrt(pivot);
                y[i] = uii;
                double inv = 1.0 / uii;
                for (int c = i + 1; c < n; c++) {
                    y[c] *= inv;
                }
                System.arraycopy(y, i, a, i * n + i, n - i);
            }
        }
        double trace = 0;
        for (int i = 0; i < n; i++) {
            trace += kDiagonal[i];
        }
        factorNorm = Math.sqrt(trace); // ‖L‖_F² = tr(LLᵀ) = tr K̃
        return true;
    }

    private void requireFactor() {
        if (Double.isNaN(jitter)) {
            throw new IllegalStateException("Cholesky: no successful factorization to use");
        }
    }

    /** Jitter of the current factorization (NaN before a successful {@link #factor}). */
    double jitter() {
        return jitter;
    }

    /** log det K̃ = 2 Σ log L<sub>ii</sub>. */
    double logDeterminant() {
        requireFactor();
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += Math.log(a[i * n + i]);
        }
        return 2 * sum;
    }

    /** L<sub>ii</sub>, the i-th diagonal entry of the factor. */
    double diagonal(int i) {
        return a[i * n + i];
    }

    /** Solves L z = b in place (n values) and checks ‖Lz − b‖. */
    void solveLower(double[] b) {
        requireFactor();
        double[] original = b.clone();
        forward(b, 0);
        checkResidual("L z = b", multiplyLower(b, 0), original, factorNorm * norm(b, 0) + norm(original, 0));
    }

    /** Solves Lᵀ z = b in place (n values) and checks ‖Lᵀz − b‖. */
    void solveUpper(double[] b) {
        requireFactor();
        double[] original = b.clone();
        backward(b);
        checkResidual("L^T z = b", multiplyUpper(b), original, factorNorm * norm(b, 0) + norm(original, 0));
    }

    /** Solves K̃ x = b in place (n values) and checks ‖K̃x − b‖ against ‖K̃‖_F‖x‖ + ‖b‖. */
    void solve(double[] b) {
        requireFactor();
        double[] original = b.clone();
        forward(b, 0);
        backward(b);
        checkResidual("K x = b", multiplyK(b), original, kNorm * norm(b, 0) + norm(original, 0));
    }

    /**
     * B ← B·L⁻ᵀ for B (m, n) row-major: row c becomes (L⁻¹ b<sub>c</sub>)ᵀ. Checked on one probe
     * combination w of the rows: ‖L(Σ w<sub>c</sub> z<sub>c</sub>) − Σ w<sub>c</sub> b<sub>c</sub>‖ against
     * Σ |w<sub>c</sub>|(‖L‖_F‖z<sub>c</sub>‖ + ‖b<sub>c</sub>‖). Cost m·n²/2 + O(mn).
     */
    void solveLowerRows(double[] b, int m) {
        requireFactor();
        if (b.length != m * n) {
            throw new IllegalArgumentException("Cholesky right-hand sides: expected " + m + " x " + n + " values but"
                    + " found " + b.length);
        }
        double[] w = probe(m, 1);
        double[] combinedB = new double[n];
        double scale = 0;
        for (int c = 0; c < m; c++) {
            axpy(w[c], b, c * n, combinedB);
            scale += Math.abs(w[c]) * norm(b, c * n);
        }
        double[] combinedZ = new double[n];
        for (int c = 0; c < m; c++) {
            forward(b, c * n);
            axpy(w[c], b, c * n, combinedZ);
            scale += Math.abs(w[c]) * factorNorm * norm(b, c * n);
        }
        checkResidual("L Z^T = B^T", multiplyLower(combinedZ, 0), combinedB, scale);
    }

    /**
     * K̃⁻¹ = L⁻ᵀL⁻¹, from M = L⁻¹ (row by row, M<sub>i·</sub> = (e<sub>i</sub> − Σ<sub>k&lt;i</sub>
     * L<sub>ik</sub>M<sub>k·</sub>)/L<sub>ii</sub>) and the sum of outer products of M's rows. Returns an
     * internal array whose lower triangle, at [i·n + j] for j ≤ i, holds K̃⁻¹ (the upper triangle is
     * 0); it must not be modified and is valid until the next {@link #factor} or {@link #inverse}.
     * Checked on one probe z: ‖K̃(K̃⁻¹z) − z‖ against ‖K̃‖_F‖K̃⁻¹z‖ + ‖z‖.
     */
    double[] inverse() {
        requireFactor();
        if (inverse == null) {
            lowerInverse = new double[n * n];
            inverse = new double[n * n];
        }
        double[] m = lowerInverse;
        // M = L⁻¹ by rows, four at a time: M_i· = (e_i − Σ_{k<i} L_ik M_k·)/L_ii with L_ik = U_ki
        for (int i0 = 0; i0 < n; i0 += RowBlock.ROWS) {
            int w = Math.min(RowBlock.ROWS, n - i0);
            int width = Math.min(i0 + RowBlock.ROWS, n);
            for (int r = 0; r < RowBlock.ROWS; r++) {
                double[] y = block.row(r);
                Arrays.fill(y, 0, width, 0.0);
                if (r < w) {
                    y[i0 + r] = 1.0;
                }
            }
            for (int k0 = 0; k0 < i0; k0 += RowBlock.ROWS) {
                for (int r = 0; r < RowBlock.ROWS; r++) {
                    for (int q = 0; q < RowBlock.ROWS; q++) {
                        block.f[RowBlock.ROWS * r + q] = r < w ? a[(k0 + q) * n + i0 + r] : 0.0;
                    }
                }
                block.subtract(0, k0 + RowBlock.ROWS, m, k0 * n, n, RowBlock.ROWS);
            }
            for (int r = 0; r < w; r++) {
                int i = i0 + r;
                double[] y = block.row(r);
                for (int p = 0; p < r; p++) {
                    double[] done = block.row(p);
                    double l = a[(i0 + p) * n + i];
                    for (int c = 0; c <= i0 + p; c++) {
                        y[c] -= l * done[c];
                    }
                }
                double inv = 1.0 / a[i * n + i];
                for (int c = 0; c <= i; c++) {
                    y[c] *= inv;
                }
                System.arraycopy(y, 0, m, i * n, i + 1);
            }
        }
        double[] x = inverse;
        // X = MᵀM by rows of X, four at a time: X_ic = Σ_{k≥i} M_ki M_kc for c ≤ i (M_kc = 0 for c > k)
        for (int i0 = 0; i0 < n; i0 += RowBlock.ROWS) {
            int w = Math.min(RowBlock.ROWS, n - i0);
            int width = Math.min(i0 + RowBlock.ROWS, n);
            for (int r = 0; r < RowBlock.ROWS; r++) {
                Arrays.fill(block.row(r), 0, width, 0.0);
            }
            for (int k0 = i0; k0 < n; k0 += RowBlock.ROWS) {
                int rows = Math.min(RowBlock.ROWS, n - k0);
                for (int r = 0; r < RowBlock.ROWS; r++) {
                    for (int q = 0; q < RowBlock.ROWS; q++) {
                        block.f[RowBlock.ROWS * r + q] = r < w && q < rows ? -m[(k0 + q) * n + i0 + r] : 0.0;
                    }
                }
                block.subtract(0, width, m, k0 * n, n, rows);
            }
            for (int r = 0; r < w; r++) {
                System.arraycopy(block.row(r), 0, x, (i0 + r) * n, i0 + r + 1);
            }
        }
        double[] z = probe(n, 2);
        double[] xz = new double[n];
        for (int i = 0; i < n; i++) {
            int row = i * n;
            double s = x[row + i] * z[i];
            double zi = z[i];
            for (int j = 0; j < i; j++) {
                s += x[row + j] * z[j];
                xz[j] += x[row + j] * zi;
            }
            xz[i] += s;
        }
        checkResidual("K^-1", multiplyK(xz), z, kNorm * norm(xz, 0) + norm(z, 0));
        return x;
    }

    /**
     * Forward substitution L z = b on b[off, off + n), column-oriented on the rows of U, four
     * pivots per pass over the rest of b.
     */
    private void forward(double[] b, int off) {
        for (int j0 = 0; j0 < n; j0 += PANEL) {
            int end = Math.min(j0 + PANEL, n);
            for (int j = j0; j < end; j++) {
                int rowJ = j * n;
                double z = b[off + j] / a[rowJ + j];
                b[off + j] = z;
                for (int c = j + 1; c < end; c++) {
                    b[off + c] -= z * a[rowJ + c];
                }
            }
            if (end < n) {
                double[] z = {b[off + j0], 0, 0, 0};
                for (int q = 1; q < end - j0; q++) {
                    z[q] = b[off + j0 + q];
                }
                subtractRows(b, off + end, n - end, a, j0, end, end - j0, z);
            }
        }
    }

    /**
     * y[yOff + c] −= Σ<sub>q&lt;width</sub> f[q]·s[(r0 + q)·n + col0 + c] for c &lt; len: a rank-width update
     * of a stretch of y from rows r0 … r0 + width − 1 (width ≤ {@link #PANEL}) of a row-major n-column
     * matrix, starting at column col0.
     */
    private void subtractRows(double[] y, int yOff, int len, double[] s, int r0, int col0, int width, double[] f) {
        int o0 = r0 * n + col0;
        int o1 = width > 1 ? o0 + n : o0;
        int o2 = width > 2 ? o0 + 2 * n : o0;
        int o3 = width > 3 ? o0 + 3 * n : o0;
        combine(y, yOff, len, s, o0, f[0], o1, width > 1 ? f[1] : 0.0, o2, width > 2 ? f[2] : 0.0,
                o3, width > 3 ? f[3] : 0.0);
    }

    /** y[yOff + c] −= f0·s[o0 + c] + f1·s[o1 + c] + f2·s[o2 + c] + f3·s[o3 + c], c &lt; len: the vectorized kernel. */
    private static void combine(double[] y, int yOff, int len, double[] s, int o0, double f0, int o1, double f1,
            int o2, double f2, int o3, double f3) {
        for (int c = 0; c < len; c++) {
            y[yOff + c] -= f0 * s[o0 + c] + f1 * s[o1 + c] + f2 * s[o2 + c] + f3 * s[o3 + c];
        }
    }

    /** Back substitution U z = b (U = Lᵀ) in place, row-oriented. */
    private void backward(double[] b) {
        for (int i = n - 1; i >= 0; i--) {
            int rowI = i * n;
            double s0 = 0;
            double s1 = 0;
            int c = i + 1;
            for (; c + 1 < n; c += 2) {
                s0 += a[rowI + c] * b[c];
                s1 += a[rowI + c + 1] * b[c + 1];
            }
            if (c < n) {
                s0 += a[rowI + c] * b[c];
            }
            b[i] = (b[i] - s0 - s1) / a[rowI + i];
        }
    }

    /** L z for z at z[off, off + n). */
    private double[] multiplyLower(double[] z, int off) {
        double[] y = new double[n];
        for (int k = 0; k < n; k++) {
            double zk = z[off + k];
            int rowK = k * n;
            for (int c = k; c < n; c++) {
                y[c] += zk * a[rowK + c];
            }
        }
        return y;
    }

    /** U z = Lᵀ z. */
    private double[] multiplyUpper(double[] z) {
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            int rowI = i * n;
            double s = 0;
            for (int c = i; c < n; c++) {
                s += a[rowI + c] * z[c];
            }
            y[i] = s;
        }
        return y;
    }

    /** K̃ z from the strict lower triangle kept in the buffer and the saved diagonal. */
    private double[] multiplyK(double[] z) {
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            int rowI = i * n;
            double zi = z[i];
            double s = kDiagonal[i] * zi;
            for (int j = 0; j < i; j++) {
                double kij = a[rowI + j];
                s += kij * z[j];
                y[j] += kij * zi;
            }
            y[i] += s;
        }
        return y;
    }

    /** The factor check: ‖K̃z − L(Lᵀz)‖ ≤ tol·‖K̃‖_F‖z‖ on each probe z. */
    private void checkFactor() {
        for (int p = 0; p < FACTOR_PROBES; p++) {
            double[] z = probe(n, 10 + p);
            checkResidual("K = L L^T", multiplyLower(multiplyUpper(z), 0), multiplyK(z),
                    kNorm * norm(z, 0));
        }
    }

    /** Throws unless ‖computed − expected‖ ≤ {@link #RELATIVE_TOLERANCE}·scale. */
    private void checkResidual(String what, double[] computed, double[] expected, double scale) {
        double residual = 0;
        for (int i = 0; i < n; i++) {
            double r = computed[i] - expected[i];
            residual += r * r;
        }
        check(what, Math.sqrt(residual), scale);
    }

    private void check(String what, double residual, double scale) {
        double relative = scale > 0 ? residual / scale : residual;
        if (!(relative <= RELATIVE_TOLERANCE)) {
            throw new FactorizationResidualException("Cholesky " + what + " with n = " + n + " (jitter " + jitter
                    + "): relative residual " + relative + " exceeds the tolerance " + RELATIVE_TOLERANCE
                    + " (absolute " + residual + ", scale " + scale + "); the arithmetic is wrong");
        }
    }

    /** A fixed pseudo-random probe vector with entries uniform in [−1, 1). */
    private static double[] probe(int length, int stream) {
        SplittableRandom rng = new SplittableRandom(PROBE_SEED + stream);
        double[] z = new double[length];
        for (int i = 0; i < length; i++) {
            z[i] = 2 * rng.nextDouble() - 1;
        }
        return z;
    }

    private void axpy(double f, double[] x, int off, double[] y) {
        for (int i = 0; i < n; i++) {
            y[i] += f * x[off + i];
        }
    }

    private double norm(double[] v, int off) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += v[off + i] * v[off + i];
        }
        return Math.sqrt(s);
    }
}
