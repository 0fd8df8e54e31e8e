package org.robotphysicist.models;

import org.robotphysicist.data.Matrix;

/**
 * The tiling behind {@link SurrogateLikelihood#summedLogLikelihood}: forms the N×M (event, grid
 * point) pairs in tiles of at most {@code tileRows} rows (whole grid points per tile), evaluates
 * each tile row-aligned and reduces over events in double precision: a sum, or a log-mean-exp.
 */
public final class GridSums {
    private GridSums() {
    }

    /** A row-aligned evaluation, called with already validated arguments. */
    @FunctionalInterface
    public interface RowEvaluator {
        double[] evaluate(Matrix x, Matrix theta, Matrix phi);
    }

    /**
     * Σ<sub>i</sub> f(x<sub>i</sub>, θ<sub>j</sub>, φ) for every grid row j.
     *
     * @param events    (N, D<sub>x</sub>), N ≥ 1
     * @param thetaGrid (M, D<sub>θ</sub>)
     * @param phi       length D<sub>φ</sub>
     * @return length M
     */
    public static double[] sum(Matrix events, Matrix thetaGrid, double[] phi, int tileRows, RowEvaluator f) {
        return reduce(events, thetaGrid, phi, tileRows, f, false);
    }

    /**
     * log((1/N) Σ<sub>i</sub> exp f(x<sub>i</sub>, θ<sub>j</sub>, φ)) for every grid row j, computed
     * stably (the maximum is factored out); same shapes as {@link #sum}.
     */
    public static double[] logMeanExp(Matrix events, Matrix thetaGrid, double[] phi, int tileRows, RowEvaluator f) {
        return reduce(events, thetaGrid, phi, tileRows, f, true);
    }

    private static double[] reduce(Matrix events, Matrix thetaGrid, double[] phi, int tileRows, RowEvaluator f,
            boolean logMeanExp) {
        int n = events.rows();
        int m = thetaGrid.rows();
        double[] out = new double[m];
        int gridPerTile = Math.max(1, tileRows / n);
        double[] xData = events.toArray();
        int dx = events.cols();
        int dt = thetaGrid.cols();
        for (int j0 = 0; j0 < m; j0 += gridPerTile) {
            int j1 = Math.min(m, j0 + gridPerTile);
            int rows = (j1 - j0) * n;
            double[] xs = new double[rows * dx];
            double[] ts = new double[rows * dt];
            for (int j = j0; j < j1; j++) {
                double[] theta = thetaGrid.row(j);
                int base = (j - j0) * n;
                System.arraycopy(xData, 0, xs, base * dx, n * dx);
                for (int i = 0; i < n; i++) {
                    System.arraycopy(theta, 0, ts, (base + i) * dt, dt);
                }
            }
            double[] ll = f.evaluate(Matrix.of(rows, dx, xs), Matrix.of(rows, dt, ts), Matrix.repeatRow(phi, rows));
            for (int j = j0; j < j1; j++) {
                int base = (j - j0) * n;
                if (logMeanExp) {
                    double max = Double.NEGATIVE_INFINITY;
                    for (int i = 0; i < n; i++) {
                        max = Math.max(max, ll[base + i]);
                    }
                    double sum = 0;
                    for (int i = 0; i < n; i++) {
                        sum += Math.exp(ll[base + i] - max);
                    }
                    out[j] = max + Math.log(sum / n);
                } else {
                    double sum = 0;
                    for (int i = 0; i < n; i++) {
                        sum += ll[base + i];
                    }
                    out[j] = sum;
                }
            }
        }
        return out;
    }
}
