package org.robotphysicist.models.ratio.calibration;

import java.util.Arrays;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Require;

/**
 * A continuous piecewise-linear function through knots (x<sub>k</sub>, y<sub>k</sub>) with
 * strictly increasing x, constant beyond the first and last knot. Evaluation is a binary search,
 * O(log K).
 *
 * @param x knot positions, strictly increasing, at least one
 * @param y knot values, same length
 */
public record PiecewiseLinear(double[] x, double[] y) {

    public PiecewiseLinear {
        Require.finite("knot positions", x.clone());
        Require.finite("knot values", y.clone());
        if (x.length == 0 || x.length != y.length) {
            throw new InvalidInputException("piecewise-linear knots: expected equal, non-zero numbers of positions and"
                    + " values but found " + x.length + " and " + y.length);
        }
        for (int k = 1; k < x.length; k++) {
            if (!(x[k] > x[k - 1])) {
                throw new InvalidInputException("piecewise-linear knots: expected strictly increasing positions but"
                        + " found " + x[k - 1] + " then " + x[k] + " at index " + k);
            }
        }
        x = x.clone();
        y = y.clone();
    }

    @Override
    public double[] x() {
        return x.clone();
    }

    @Override
    public double[] y() {
        return y.clone();
    }

    /** f(v), constant outside [x<sub>0</sub>, x<sub>K−1</sub>]. */
    public double at(double v) {
        int last = x.length - 1;
        if (!(v > x[0])) {
            return y[0];
        }
        if (v >= x[last]) {
            return y[last];
        }
        int i = Arrays.binarySearch(x, v);
        if (i >= 0) {
            return y[i];
        }
        int hi = -i - 1;
        int lo = hi - 1;
        double t = (v - x[lo]) / (x[hi] - x[lo]);
        return y[lo] + t * (y[hi] - y[lo]);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PiecewiseLinear p && Arrays.equals(p.x, x) && Arrays.equals(p.y, y);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(x) + Arrays.hashCode(y);
    }
}
