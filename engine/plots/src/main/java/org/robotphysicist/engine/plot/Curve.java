package org.robotphysicist.engine.plot;

import org.robotphysicist.data.DimensionMismatchException;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Require;

/**
 * One named line y(x) on a plot: at least two points, equal lengths, finite values, x strictly
 * increasing.
 */
public record Curve(String name, double[] x, double[] y) {

    public Curve {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("curve name: expected a non-blank name but found '" + name + "'");
        }
        if (x == null || y == null) {
            throw new InvalidInputException("curve '" + name + "': expected x and y arrays but found null");
        }
        if (x.length != y.length) {
            throw new DimensionMismatchException("curve '" + name + "': expected as many y values as x values ("
                    + x.length + ") but found " + y.length);
        }
        if (x.length < 2) {
            throw new InvalidInputException("curve '" + name + "': expected at least 2 points but found " + x.length);
        }
        x = Require.finite("curve '" + name + "' x", x.clone());
        y = Require.finite("curve '" + name + "' y", y.clone());
        for (int i = 1; i < x.length; i++) {
            if (!(x[i] > x[i - 1])) {
                throw new InvalidInputException("curve '" + name + "' x: expected strictly increasing values but found "
                        + x[i - 1] + " then " + x[i] + " at index " + i);
            }
        }
    }

    @Override
    public double[] x() {
        return x.clone();
    }

    @Override
    public double[] y() {
        return y.clone();
    }

    int size() {
        return x.length;
    }

    double xAt(int i) {
        return x[i];
    }

    double yAt(int i) {
        return y[i];
    }

    /** Largest y. */
    double maxY() {
        double m = y[0];
        for (double v : y) {
            m = Math.max(m, v);
        }
        return m;
    }

    /** y at {@code at} by linear interpolation, clamped to the end values outside [x₀, x_last]. */
    double interpolate(double at) {
        if (at <= x[0]) {
            return y[0];
        }
        if (at >= x[x.length - 1]) {
            return y[y.length - 1];
        }
        int i = java.util.Arrays.binarySearch(x, at);
        if (i >= 0) {
            return y[i];
        }
        int hi = -i - 1;
        double t = (at - x[hi - 1]) / (x[hi] - x[hi - 1]);
        return y[hi - 1] + t * (y[hi] - y[hi - 1]);
    }
}
