package org.robotphysicist.engine.design.gp;

/**
 * Four working rows y<sub>0..3</sub> (each n values, separate arrays) and the 4×4 update
 * y<sub>r</sub>[c] −= Σ<sub>q</sub> f<sub>rq</sub>·s[o + q·stride + c] from four rows of a row-major
 * matrix s: the inner kernel of {@link DenseCholesky}. Sixteen multiply-adds per eight loads and
 * four stores (a register tile: each source value is read once for four target rows), which
 * keeps the factorization compute-bound rather than bound by cache bandwidth. Not thread-safe:
 * one per factorization.
 */
final class RowBlock {
    static final int ROWS = 4;

    final double[] y0;
    final double[] y1;
    final double[] y2;
    final double[] y3;
    /** Coefficients f<sub>rq</sub> at [4r + q]. */
    final double[] f = new double[ROWS * ROWS];

    RowBlock(int n) {
        y0 = new double[n];
        y1 = new double[n];
        y2 = new double[n];
        y3 = new double[n];
    }

    double[] row(int r) {
        return switch (r) {
            case 0 -> y0;
            case 1 -> y1;
            case 2 -> y2;
            case 3 -> y3;
            default -> throw new IllegalArgumentException("row block: expected a row in 0..3 but found " + r);
        };
    }

    /**
     * y<sub>r</sub>[c] −= Σ<sub>q&lt;width</sub> f[4r + q]·s[o + q·stride + c] for c in [from, to);
     * rows q ≥ width are skipped (their coefficients must be 0). width in 1..4.
     */
    void subtract(int from, int to, double[] s, int o, int stride, int width) {
        int o1 = width > 1 ? o + stride : o;
        int o2 = width > 2 ? o + 2 * stride : o;
        int o3 = width > 3 ? o + 3 * stride : o;
        double f00 = f[0], f01 = f[1], f02 = f[2], f03 = f[3];
        double f10 = f[4], f11 = f[5], f12 = f[6], f13 = f[7];
        double f20 = f[8], f21 = f[9], f22 = f[10], f23 = f[11];
        double f30 = f[12], f31 = f[13], f32 = f[14], f33 = f[15];
        double[] a0 = y0;
        double[] a1 = y1;
        double[] a2 = y2;
        double[] a3 = y3;
        for (int c = from; c < to; c++) {
            double s0 = s[o + c];
            double s1 = s[o1 + c];
            double s2 = s[o2 + c];
            double s3 = s[o3 + c];
            a0[c] -= f00 * s0 + f01 * s1 + f02 * s2 + f03 * s3;
            a1[c] -= f10 * s0 + f11 * s1 + f12 * s2 + f13 * s3;
            a2[c] -= f20 * s0 + f21 * s1 + f22 * s2 + f23 * s3;
            a3[c] -= f30 * s0 + f31 * s1 + f32 * s2 + f33 * s3;
        }
    }
}
