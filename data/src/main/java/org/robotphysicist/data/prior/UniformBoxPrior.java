package org.robotphysicist.data.prior;

import java.util.SplittableRandom;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.Require;

/** The uniform distribution on a bounded box: log p = −Σ log(u<sub>d</sub> − l<sub>d</sub>) inside. */
public final class UniformBoxPrior implements Prior {
    private final Box box;
    private final double logDensity;

    public UniformBoxPrior(Box box) {
        if (!box.isBounded()) {
            throw new InvalidInputException("uniform prior: expected a bounded box but found " + box);
        }
        double logVolume = 0;
        for (int d = 0; d < box.dim(); d++) {
            double width = box.upper(d) - box.lower(d);
            if (!(width > 0)) {
                throw new InvalidInputException("uniform prior dimension " + d + ": expected lower < upper but found "
                        + box);
            }
            logVolume += Math.log(width);
        }
        this.box = box;
        this.logDensity = -logVolume;
    }

    /** The 1-D uniform prior on [lower, upper]. */
    public static UniformBoxPrior interval(double lower, double upper) {
        return new UniformBoxPrior(Box.interval(lower, upper));
    }

    @Override
    public int dim() {
        return box.dim();
    }

    @Override
    public Box support() {
        return box;
    }

    @Override
    public double logProb(double[] theta) {
        Require.finiteVector("theta", theta, dim());
        return box.contains(theta) ? logDensity : Double.NEGATIVE_INFINITY;
    }

    @Override
    public Matrix sample(int n, SplittableRandom rng) {
        Require.positive("number of prior draws", n);
        int dim = dim();
        double[] out = new double[n * dim];
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < dim; d++) {
                out[i * dim + d] = box.lower(d) + (box.upper(d) - box.lower(d)) * rng.nextDouble();
            }
        }
        return Matrix.of(n, dim, out);
    }

    @Override
    public String toString() {
        return "Uniform" + box;
    }
}
