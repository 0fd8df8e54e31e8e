package org.robotphysicist.models.neural;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.robotphysicist.data.DimensionMismatchException;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.Require;

/**
 * Per-column affine standardization z = (v − μ) / s, fitted on training data and saved with the
 * model, so a network always sees inputs of order one. A column that is constant in the training
 * data (for example φ when a surrogate is trained at one beam energy) gets s = 1, so it maps to 0
 * there and stays finite elsewhere.
 *
 * @param mean  μ, length D
 * @param scale s, length D, all > 0
 */
public record Standardizer(double[] mean, double[] scale) {

    public Standardizer {
        Require.finite("standardizer mean", mean.clone());
        if (scale.length != mean.length) {
            throw new DimensionMismatchException("standardizer scale length", mean.length, scale.length);
        }
        for (int d = 0; d < scale.length; d++) {
            Require.positive("standardizer scale[" + d + "]", scale[d]);
        }
        mean = mean.clone();
        scale = scale.clone();
    }

    /** The identity map on D columns. */
    public static Standardizer identity(int dim) {
        double[] ones = new double[dim];
        java.util.Arrays.fill(ones, 1);
        return new Standardizer(new double[dim], ones);
    }

    /**
     * Column means and population standard deviations of {@code data} (N ≥ 1, D); a column with
     * standard deviation below 1e-12·max(1, |μ|) gets scale 1.
     */
    public static Standardizer fit(Matrix data) {
        data.requireNonEmpty("standardizer data");
        return new Accumulator(data.cols()).add(data).result();
    }

    /**
     * Column means and population standard deviations of a table given in blocks, as
     * {@link #fit(Matrix)} gives for the whole table (to rounding): each block's moments by
     * Welford's update, merged by the pairwise rule of Chan, Golub and LeVeque (1979),
     * M2 = M2<sub>a</sub> + M2<sub>b</sub> + δ²·n<sub>a</sub>n<sub>b</sub>/(n<sub>a</sub> + n<sub>b</sub>).
     * One block gives exactly {@link #fit(Matrix)}.
     */
    public static final class Accumulator {
        private final int d;
        private final double[] mean;
        private final double[] m2;
        private long n;

        /** For tables of {@code columns} columns. */
        public Accumulator(int columns) {
            this.d = columns;
            this.mean = new double[columns];
            this.m2 = new double[columns];
        }

        /** Adds the rows of {@code block} (N ≥ 0, D). */
        public Accumulator add(Matrix block) {
            block.requireShape("standardizer block", -1, d);
            int nb = block.rows();
            if (nb == 0) {
                return this;
            }
            double[] blockMean = new double[d];
            double[] blockM2 = new double[d];
            for (int i = 0; i < nb; i++) {
                for (int j = 0; j < d; j++) {
                    double v = block.get(i, j);
                    double delta = v - blockMean[j];
                    blockMean[j] += delta / (i + 1);
                    blockM2[j] += delta * (v - blockMean[j]);
                }
            }
            if (n == 0) {
                System.arraycopy(blockMean, 0, mean, 0, d);
                System.arraycopy(blockM2, 0, m2, 0, d);
            } else {
                double total = (double) n + nb;
                for (int j = 0; j < d; j++) {
                    double delta = blockMean[j] - mean[j];
                    mean[j] += delta * nb / total;
                    m2[j] += blockM2[j] + delta * delta * n * nb / total;
                }
            }
            n += nb;
            return this;
        }

        /** The rows added so far. */
        public long rows() {
            return n;
        }

        /**
         * The standardizer of the rows added; a column with standard deviation below
         * 1e-12·max(1, |μ|) gets scale 1.
         *
         * @throws InvalidInputException when no row was added
         */
        public Standardizer result() {
            if (n == 0) {
                throw new InvalidInputException("standardizer data: expected at least one row"
                        + " but found none");
            }
            double[] scale = new double[d];
            for (int j = 0; j < d; j++) {
                double sd = Math.sqrt(m2[j] / n);
                scale[j] = sd > 1e-12 * Math.max(1, Math.abs(mean[j])) ? sd : 1.0;
            }
            return new Standardizer(mean, scale);
        }
    }

    public int dim() {
        return mean.length;
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] scale() {
        return scale.clone();
    }

    /** Standardizes a matrix (N, D) in double precision. */
    public Matrix apply(Matrix values) {
        values.requireShape("values to standardize", -1, dim());
        double[] out = values.toArray();
        int d = dim();
        for (int i = 0; i < out.length; i++) {
            out[i] = (out[i] - mean[i % d]) / scale[i % d];
        }
        return Matrix.of(values.rows(), d, out);
    }

    /**
     * Standardizes an NDArray of shape (B, D) on its own device and data type; the result belongs
     * to {@code values}' manager.
     */
    public NDArray apply(NDArray values) {
        long cols = values.getShape().get(values.getShape().dimension() - 1);
        if (cols != dim()) {
            throw new DimensionMismatchException("columns of the array to standardize", dim(), cols);
        }
        NDManager m = values.getManager();
        NDArray mu = m.create(mean).toType(values.getDataType(), false);
        NDArray s = m.create(scale).toType(values.getDataType(), false);
        return values.sub(mu).div(s);
    }

    /** The inverse map v = μ + s·z, in double precision. */
    public Matrix invert(Matrix standardized) {
        standardized.requireShape("standardized values", -1, dim());
        double[] out = standardized.toArray();
        int d = dim();
        for (int i = 0; i < out.length; i++) {
            out[i] = mean[i % d] + scale[i % d] * out[i];
        }
        return Matrix.of(standardized.rows(), d, out);
    }

    /** log |det| of the standardizing map z(v): −Σ log s<sub>d</sub> (for densities over v). */
    public double logAbsDetJacobian() {
        double sum = 0;
        for (double s : scale) {
            sum -= Math.log(s);
        }
        return sum;
    }

    /** The standardizer of the columns of {@code first} followed by those of {@code second}: the inverse of {@link #slice}. */
    public static Standardizer concat(Standardizer first, Standardizer second) {
        double[] m = java.util.Arrays.copyOf(first.mean, first.dim() + second.dim());
        double[] s = java.util.Arrays.copyOf(first.scale, first.dim() + second.dim());
        System.arraycopy(second.mean, 0, m, first.dim(), second.dim());
        System.arraycopy(second.scale, 0, s, first.dim(), second.dim());
        return new Standardizer(m, s);
    }

    /** The standardizer of columns [from, to). */
    public Standardizer slice(int from, int to) {
        if (from < 0 || to > dim() || from >= to) {
            throw new InvalidInputException("standardizer slice: expected 0 <= from < to <= " + dim() + " but found ["
                    + from + ", " + to + ")");
        }
        return new Standardizer(java.util.Arrays.copyOfRange(mean, from, to),
                java.util.Arrays.copyOfRange(scale, from, to));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Standardizer s && java.util.Arrays.equals(s.mean, mean)
                && java.util.Arrays.equals(s.scale, scale);
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Arrays.hashCode(mean) + java.util.Arrays.hashCode(scale);
    }
}
