package org.robotphysicist.data.prior;

import java.util.SplittableRandom;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.Matrix;

/**
 * A prior p(θ) over D<sub>θ</sub> parameters with a box support.
 */
public interface Prior {

    /** D<sub>θ</sub>. */
    int dim();

    /** The closed box outside which the density is zero. */
    Box support();

    /**
     * log p(θ), normalized; −∞ outside {@link #support()}. Throws for a θ of the wrong length or
     * with non-finite entries.
     */
    double logProb(double[] theta);

    /** n independent draws, shape (n, D<sub>θ</sub>). */
    Matrix sample(int n, SplittableRandom rng);

    /** log p(θ) for each row of {@code thetas} (M, D<sub>θ</sub>). */
    default double[] logProb(Matrix thetas) {
        thetas.requireShape("thetas", -1, dim());
        double[] out = new double[thetas.rows()];
        double[] row = new double[dim()];
        for (int i = 0; i < out.length; i++) {
            thetas.copyRow(i, row);
            out[i] = logProb(row);
        }
        return out;
    }
}
