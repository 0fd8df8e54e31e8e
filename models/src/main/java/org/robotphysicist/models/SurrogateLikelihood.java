package org.robotphysicist.models;

import org.robotphysicist.data.Box;
import org.robotphysicist.data.Dimensions;
import org.robotphysicist.data.Matrix;

/**
 * A learned (or tabulated) stand-in for the simulator's likelihood p(x | θ, φ).
 *
 * <p>Values are log p̂(x | θ, φ) <em>up to a θ-independent constant</em>: a term that depends on
 * x and φ only may be dropped (a ratio classifier returns log p(x|θ,φ) − log p(x|φ)). Differences
 * across θ at fixed (x, φ) are therefore meaningful; absolute values are meaningful only when
 * {@link #isNormalized()} is true.
 *
 * <p>Implementations validate their arguments with {@link SurrogateArguments}: shapes, finiteness
 * and the θ/φ ranges the surrogate covers.
 */
public interface SurrogateLikelihood {

    /** Dimensions of θ, φ and x this surrogate was built for. */
    Dimensions dimensions();

    /** The θ box the surrogate is valid on (its training or tabulation range). */
    Box thetaRange();

    /** The φ box the surrogate is valid on. */
    Box phiRange();

    /** True when values are normalized log-densities over x, not just up to a constant. */
    boolean isNormalized();

    /**
     * Row-aligned evaluation: element b is log p̂(x<sub>b</sub> | θ<sub>b</sub>, φ<sub>b</sub>).
     *
     * @param x     (B, D<sub>x</sub>)
     * @param theta (B, D<sub>θ</sub>)
     * @param phi   (B, D<sub>φ</sub>)
     * @return length B
     */
    double[] logLikelihood(Matrix x, Matrix theta, Matrix phi);

    /**
     * Σ<sub>i</sub> log p̂(x<sub>i</sub> | θ<sub>j</sub>, φ) for every grid row j, the quantity a
     * grid posterior needs. The default forms the N×M pairs in tiles of at most
     * {@value #DEFAULT_TILE_ROWS} rows and sums in double precision; implementations override it
     * when they can share work across pairs.
     *
     * @param events    (N, D<sub>x</sub>), N ≥ 1
     * @param thetaGrid (M, D<sub>θ</sub>)
     * @param phi       length D<sub>φ</sub>, one setting for all events
     * @return length M
     */
    default double[] summedLogLikelihood(Matrix events, Matrix thetaGrid, double[] phi) {
        SurrogateArguments.requireGridCall(this, events, thetaGrid, phi);
        int n = events.rows();
        int m = thetaGrid.rows();
        double[] out = new double[m];
        int gridPerTile = Math.max(1, DEFAULT_TILE_ROWS / n);
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
            double[] ll = logLikelihood(Matrix.of(rows, dx, xs), Matrix.of(rows, dt, ts), Matrix.repeatRow(phi, rows));
            for (int j = j0; j < j1; j++) {
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    sum += ll[(j - j0) * n + i];
                }
                out[j] = sum;
            }
        }
        return out;
    }

    /** Tile size of the default {@link #summedLogLikelihood}. */
    int DEFAULT_TILE_ROWS = 1 << 16;
}
