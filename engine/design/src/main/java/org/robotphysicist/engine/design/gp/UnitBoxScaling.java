package org.robotphysicist.engine.design.gp;

import org.robotphysicist.data.Box;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;

/**
 * The affine map between a bounded domain box [l, h] and the unit box [0, 1]<sup>D</sup>:
 * u = (φ − l)/(h − l). Every dimension must have finite bounds and positive width.
 */
public final class UnitBoxScaling {
    private final Box domain;
    private final double[] lower;
    private final double[] width;

    private UnitBoxScaling(Box domain) {
        this.domain = domain;
        int d = domain.dim();
        lower = domain.lower();
        width = new double[d];
        for (int i = 0; i < d; i++) {
            width[i] = domain.upper(i) - domain.lower(i);
            if (!Double.isFinite(lower[i]) || !Double.isFinite(domain.upper(i)) || !(width[i] > 0)
                    || !Double.isFinite(width[i])) {
                throw new InvalidInputException("domain dimension " + i + ": expected finite bounds with lower < upper"
                        + " but found [" + domain.lower(i) + ", " + domain.upper(i) + "]");
            }
        }
    }

    /** The scaling of {@code domain}; throws when a dimension is unbounded or has zero width. */
    public static UnitBoxScaling of(Box domain) {
        return new UnitBoxScaling(domain);
    }

    public Box domain() {
        return domain;
    }

    public int dim() {
        return lower.length;
    }

    /** Validates the rows of {@code points} (N, D) against the domain and maps them to the unit box, row-major. */
    public double[] toUnit(String name, Matrix points) {
        domain.requireRows(name, points);
        double[] u = points.toArray();
        int d = lower.length;
        for (int i = 0; i < u.length; i++) {
            int j = i % d;
            u[i] = Math.min(1.0, Math.max(0.0, (u[i] - lower[j]) / width[j]));
        }
        return u;
    }

    /** Maps unit-box points (row-major, N·D values) back to the domain as an (N, D) matrix. */
    public Matrix fromUnit(double[] unit, int rows) {
        int d = lower.length;
        double[] phi = new double[rows * d];
        for (int i = 0; i < phi.length; i++) {
            int j = i % d;
            phi[i] = Math.min(domain.upper(j), Math.max(lower[j], lower[j] + unit[i] * width[j]));
        }
        return Matrix.of(rows, d, phi);
    }

    /** Width h<sub>d</sub> − l<sub>d</sub> of dimension d (converts unit-box derivatives to domain units). */
    public double width(int d) {
        return width[d];
    }
}
