package org.robotphysicist.engine.design.gp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;

class DenseCholeskyTest {
    /** A random SPD matrix A·Aᵀ + n·I, row-major. */
    private static double[] randomSpd(int n, SplittableRandom rng) {
        double[] a = new double[n * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = rng.nextDouble() * 2 - 1;
        }
        double[] k = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = i == j ? n : 0;
                for (int c = 0; c < n; c++) {
                    s += a[i * n + c] * a[j * n + c];
                }
                k[i * n + j] = s;
            }
        }
        return k;
    }

    private static RealMatrix matrix(double[] k, int n) {
        double[][] rows = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(k, i * n, rows[i], 0, n);
        }
        return new Array2DRowRealMatrix(rows, false);
    }

    @Test
    void factorSolvesAndInverseMatchCommonsMathAtTheSizesNativeKernelsGotWrong() {
        SplittableRandom rng = new SplittableRandom(7);
        for (int n : new int[] {1, 2, 4, 8, 16, 24, 32, 48, 64, 129}) {
            double[] k = randomSpd(n, rng);
            RealMatrix km = matrix(k, n);
            CholeskyDecomposition reference = new CholeskyDecomposition(km);
            DenseCholesky chol = new DenseCholesky(n);
            assertEquals(0.0, chol.factor(k), "n = " + n + ": jitter on a well-conditioned matrix");
            assertEquals(Math.log(reference.getDeterminant()), chol.logDeterminant(), 1e-9 * n,
                    "n = " + n + ": log det");
            double[] b = new double[n];
            for (int i = 0; i < n; i++) {
                b[i] = rng.nextGaussian();
            }
            double[] x = b.clone();
            chol.solve(x);
            double[] expected = reference.getSolver().solve(new org.apache.commons.math3.linear.ArrayRealVector(b))
                    .toArray();
            double worst = 0;
            for (int i = 0; i < n; i++) {
                worst = Math.max(worst, Math.abs(x[i] - expected[i]));
            }
            double w = worst;
            assertTrue(worst <= 1e-12, () -> "n = " + n + ": largest |x - x_ref| of K x = b is " + w);

            double[] inverse = chol.inverse();
            RealMatrix inverseRef = reference.getSolver().getInverse();
            worst = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j <= i; j++) {
                    worst = Math.max(worst, Math.abs(inverse[i * n + j] - inverseRef.getEntry(i, j)));
                }
            }
            double wi = worst;
            assertTrue(worst <= 1e-12, () -> "n = " + n + ": largest |K^-1 - ref| in the lower triangle is " + wi);

            int m = 5;
            double[] rows = new double[m * n];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = rng.nextGaussian();
            }
            double[] solvedRows = rows.clone();
            chol.solveLowerRows(solvedRows, m);
            RealMatrix lower = reference.getL();
            worst = 0;
            for (int c = 0; c < m; c++) {
                double[] z = new double[n];
                System.arraycopy(rows, c * n, z, 0, n);
                chol.solveLower(z);
                double[] lz = lower.operate(z);
                for (int i = 0; i < n; i++) {
                    worst = Math.max(worst, Math.abs(lz[i] - rows[c * n + i]));
                    worst = Math.max(worst, Math.abs(z[i] - solvedRows[c * n + i]));
                }
                double[] u = new double[n];
                System.arraycopy(rows, c * n, u, 0, n);
                chol.solveUpper(u);
                double[] ltu = lower.transpose().operate(u);
                for (int i = 0; i < n; i++) {
                    worst = Math.max(worst, Math.abs(ltu[i] - rows[c * n + i]));
                }
            }
            double wt = worst;
            assertTrue(worst <= 1e-11, () -> "n = " + n + ": largest triangular-solve discrepancy " + wt);
        }
    }

    @Test
    void singularMatrixIsFactoredWithTheDocumentedJitterSchedule() {
        int n = 6;
        double[] v = {1, 2, -1, 0.5, 3, -2};
        double[] k = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                k[i * n + j] = v[i] * v[j]; // rank one: positive semi-definite, not definite
            }
        }
        double meanDiag = 0;
        for (double x : v) {
            meanDiag += x * x / n;
        }
        DenseCholesky chol = new DenseCholesky(n);
        double jitter = chol.factor(k);
        double ratio = jitter / (DenseCholesky.FIRST_RELATIVE_JITTER * meanDiag);
        double log10 = Math.log10(ratio);
        assertTrue(ratio >= 1 - 1e-12 && Math.abs(log10 - Math.rint(log10)) < 1e-9
                && log10 <= DenseCholesky.JITTER_RETRIES - 1 + 1e-9,
                () -> "jitter " + jitter + " is not 1e-10 x mean diagonal x 10^k, k = 0..6 (ratio " + ratio + ")");
        assertEquals(jitter, chol.jitter());
    }

    @Test
    void indefiniteMatrixReportsNaNAfterEveryRetry() {
        double[] k = {1, 2, 2, 1}; // eigenvalues 3 and −1
        DenseCholesky chol = new DenseCholesky(2);
        assertTrue(Double.isNaN(chol.factor(k)), "an indefinite matrix must not be factored");
        assertThrows(IllegalStateException.class, chol::logDeterminant);
    }

    @Test
    void residualCheckRejectsAFactorThatDoesNotReproduceTheMatrix() {
        // The factorization reads the upper triangle, the check the lower one: an asymmetric input
        // therefore yields a factor that does not reproduce K, as wrong arithmetic would.
        int n = 12;
        double[] k = randomSpd(n, new SplittableRandom(3));
        k[n * 7 + 2] += 5.0; // lower triangle only
        DenseCholesky chol = new DenseCholesky(n);
        FactorizationResidualException e = assertThrows(FactorizationResidualException.class, () -> chol.factor(k));
        assertTrue(e.getMessage().contains("n = 12") && e.getMessage().contains("relative residual")
                && e.getMessage().contains("tolerance " + DenseCholesky.RELATIVE_TOLERANCE),
                () -> "message must name n, the residual and the tolerance: " + e.getMessage());
    }

    @Test
    void nearlySingularKernelMatricesPassTheirOwnChecks() {
        // Noise-free squared-exponential kernel on clustered points: condition number ~1e12 and beyond.
        int n = 120;
        SplittableRandom rng = new SplittableRandom(5);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i < n / 2 ? rng.nextDouble() : x[i - n / 2] + 1e-7 * rng.nextDouble();
        }
        double[] k = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double d = x[i] - x[j];
                k[i * n + j] = Math.exp(-0.5 * d * d / 0.04);
            }
        }
        DenseCholesky chol = new DenseCholesky(n);
        double jitter = chol.factor(k);
        assertTrue(jitter >= 0, () -> "near-singular kernel matrix not factored: jitter " + jitter);
        chol.inverse();
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            b[i] = Math.sin(7 * x[i]);
        }
        chol.solve(b);
        double[] rows = new double[3 * n];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = k[(i % n) * n + (i / n)];
        }
        chol.solveLowerRows(rows, 3);
    }
}
