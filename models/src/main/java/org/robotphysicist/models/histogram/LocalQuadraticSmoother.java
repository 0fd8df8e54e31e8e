package org.robotphysicist.models.histogram;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.QRDecomposition;
import org.robotphysicist.data.InvalidInputException;

/**
 * Local quadratic least-squares smoothing of values on an evenly spaced axis (a Savitzky–Golay
 * filter whose window slides inward at the ends instead of shrinking).
 *
 * <p>For a half-width h and n ≥ 2h + 1 points, the window of point i is the W = 2h + 1 consecutive
 * points starting at s<sub>i</sub> = clamp(i − h, 0, n − W). The smoothed value is the least-squares
 * quadratic through that window, evaluated at i:
 * ŷ<sub>i</sub> = Σ<sub>j</sub> w<sub>ij</sub> y<sub>s<sub>i</sub>+j</sub>, with weights
 * w<sub>i</sub> = e<sub>0</sub>ᵀ (TᵀT)⁻¹ Tᵀ, T<sub>jp</sub> = (s<sub>i</sub> + j − i)<sup>p</sup>.
 * Quadratics therefore pass unchanged (also at the ends), every row of weights sums to one, and
 * for independent noise of variance σ² in the middle of the axis the smoothed value has variance
 * σ²·3(3W² − 7)/(4W(W² − 4)) — 0.133σ² for W = 17.
 *
 * <p>Because the weights do not depend on the values, smoothing every bin of a histogram along the
 * same axis keeps each histogram's total: Σ<sub>b</sub> ŷ<sub>i,b</sub> = Σ<sub>j</sub> w<sub>ij</sub>
 * Σ<sub>b</sub> y<sub>s+j,b</sub>.
 */
final class LocalQuadraticSmoother {
    private final int points;
    private final int window;
    private final int[] starts;
    private final double[][] weights;

    /**
     * @param points    the number n of points on the axis, at least 2h + 1
     * @param halfWidth h, at least 1
     */
    LocalQuadraticSmoother(int points, int halfWidth) {
        if (!fits(points, halfWidth)) {
            throw new InvalidInputException("local quadratic smoothing: expected a half-width h of at least 1 and at"
                    + " least 2h + 1 points but found h = " + halfWidth + " and " + points + " points");
        }
        this.points = points;
        this.window = 2 * halfWidth + 1;
        this.starts = new int[points];
        this.weights = new double[points][];
        for (int i = 0; i < points; i++) {
            starts[i] = Math.max(0, Math.min(i - halfWidth, points - window));
            weights[i] = weightsAtZero(starts[i] - i, window);
        }
    }

    /** Whether an axis of {@code points} points can be smoothed with half-width {@code halfWidth}. */
    static boolean fits(int points, int halfWidth) {
        return halfWidth >= 1 && points >= 2L * halfWidth + 1;
    }

    /** The smoothed values ŷ of {@code values} (n of them). */
    double[] smooth(double[] values) {
        if (values.length != points) {
            throw new InvalidInputException("local quadratic smoothing: expected " + points + " values but found "
                    + values.length);
        }
        double[] out = new double[points];
        for (int i = 0; i < points; i++) {
            double v = 0;
            double[] w = weights[i];
            for (int j = 0; j < window; j++) {
                v += w[j] * values[starts[i] + j];
            }
            out[i] = v;
        }
        return out;
    }

    /**
     * The weights w<sub>j</sub>, j = 0..W−1, at offsets t<sub>j</sub> = first + j, of the
     * least-squares quadratic evaluated at 0: the first row of T's pseudo-inverse (TᵀT)⁻¹Tᵀ, by a
     * QR decomposition of T (W × 3).
     */
    private static double[] weightsAtZero(int first, int window) {
        double[][] t = new double[window][3];
        for (int j = 0; j < window; j++) {
            for (int p = 0; p < 3; p++) {
                t[j][p] = Math.pow(first + j, p);
            }
        }
        return new QRDecomposition(new Array2DRowRealMatrix(t, false)).getSolver().getInverse().getRow(0);
    }
}
