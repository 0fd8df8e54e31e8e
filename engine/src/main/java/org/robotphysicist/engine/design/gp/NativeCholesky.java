package org.robotphysicist.engine.design.gp;

import java.nio.DoubleBuffer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.openblas.global.openblas;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Cholesky factorization K = L·Lᵀ of a symmetric positive-definite (n, n) matrix with growing
 * jitter on failure, its inverse, and triangular solves — in an ND4J double-precision buffer,
 * through the LAPACK/BLAS (OpenBLAS) that ND4J's CPU backend binds.
 *
 * <p>The LAPACK routines are called on the ND4J buffer directly rather than through
 * {@code Nd4j.getBlasWrapper().lapack().potrf}: in ND4J 1.0.0-M2.1 that wrapper zeroes the unused
 * triangle one row at a time with indexed puts and throws on a non-positive-definite matrix, which
 * measured 20–40× slower than the factorization itself for n ≤ 50. Matrices are row-major; a
 * row-major lower triangle is the column-major upper triangle, so the routines run in
 * column-major 'U' mode with no transposition.
 *
 * <p>Jitter: the first attempt factors K as given; on failure, K + j·I with
 * j = 10⁻¹⁰·mean(diag K)·10<sup>k</sup>, k = 0…6, until one succeeds. One instance owns one native
 * (n, n) buffer and is not thread-safe; close it to free the buffer.
 */
final class NativeCholesky implements AutoCloseable {
    /** Relative jitter of the first retry; each further retry multiplies it by 10. */
    static final double FIRST_RELATIVE_JITTER = 1e-10;
    /** Retries with jitter after the plain attempt. */
    static final int JITTER_RETRIES = 7;

    private final int n;
    private final INDArray buffer;
    private final DoublePointer pointer;
    private final DoubleBuffer view;

    NativeCholesky(int n) {
        this.n = n;
        this.buffer = Nd4j.create(DataType.DOUBLE, n, n);
        this.pointer = (DoublePointer) buffer.data().addressPointer();
        this.view = pointer.capacity((long) n * n).asBuffer().asReadOnlyBuffer();
    }

    int size() {
        return n;
    }

    /**
     * Factors {@code k} (row-major, n·n values, symmetric; not modified), leaving L in the native
     * buffer. Returns the jitter added to the diagonal (0 when none was needed), or NaN when every
     * attempt failed.
     */
    double factor(double[] k) {
        pointer.put(k, 0, n * n);
        if (potrf() == 0) {
            return 0.0;
        }
        double meanDiag = 0;
        for (int i = 0; i < n; i++) {
            meanDiag += k[i * n + i];
        }
        meanDiag = Math.abs(meanDiag / n);
        if (!(meanDiag > 0) || !Double.isFinite(meanDiag)) {
            return Double.NaN;
        }
        double jitter = FIRST_RELATIVE_JITTER * meanDiag;
        double[] shifted = k.clone();
        for (int attempt = 0; attempt < JITTER_RETRIES; attempt++, jitter *= 10) {
            for (int i = 0; i < n; i++) {
                shifted[i * n + i] = k[i * n + i] + jitter;
            }
            pointer.put(shifted, 0, n * n);
            if (potrf() == 0) {
                return jitter;
            }
        }
        return Double.NaN;
    }

    private int potrf() {
        return openblas.LAPACKE_dpotrf(openblas.LAPACK_COL_MAJOR, (byte) 'U', n, pointer, n);
    }

    /** log det K = 2 Σ log L<sub>ii</sub>, after a successful {@link #factor}. */
    double logDeterminant() {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += Math.log(view.get(i * n + i));
        }
        return 2 * sum;
    }

    /** Copies L (row-major lower triangle, upper triangle set to 0) into {@code out}, after {@link #factor}. */
    void copyFactor(double[] out) {
        pointer.get(out, 0, n * n);
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                out[i * n + j] = 0;
            }
        }
    }

    /**
     * Replaces the factor by K⁻¹ = L⁻ᵀL⁻¹ (LAPACK potri) and returns a read-only view of the
     * native buffer in which the lower triangle, at [i·n + j] for j ≤ i, holds K⁻¹ (the upper
     * triangle is stale). Returns null when L is singular. The view is valid until the next call.
     */
    DoubleBuffer invert() {
        int info = openblas.LAPACKE_dpotri(openblas.LAPACK_COL_MAJOR, (byte) 'U', n, pointer, n);
        return info == 0 ? view : null;
    }

    /**
     * B ← B·L⁻ᵀ for a lower-triangular L (row-major n·n) and B (m, n) row-major: row c of the result
     * is (L⁻¹ b<sub>c</sub>)ᵀ. One BLAS trsm on ND4J buffers.
     */
    static void solveTransposedRight(double[] lower, int n, double[] b, int m) {
        if (m == 0) {
            return;
        }
        try (INDArray l = Nd4j.create(lower, new long[] {n, n}, 'c');
                INDArray rhs = Nd4j.create(b, new long[] {m, n}, 'c')) {
            DoublePointer lp = (DoublePointer) l.data().addressPointer();
            DoublePointer bp = (DoublePointer) rhs.data().addressPointer();
            openblas.cblas_dtrsm(openblas.CblasRowMajor, openblas.CblasRight, openblas.CblasLower, openblas.CblasTrans,
                    openblas.CblasNonUnit, m, n, 1.0, lp, n, bp, n);
            bp.get(b, 0, m * n);
        }
    }

    @Override
    public void close() {
        buffer.close();
    }
}
