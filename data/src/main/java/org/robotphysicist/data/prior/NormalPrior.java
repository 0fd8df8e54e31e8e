package org.robotphysicist.data.prior;

import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.DimensionMismatchException;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.Require;

/**
 * Independent normal components N(μ<sub>d</sub>, σ<sub>d</sub>²), optionally truncated to a box
 * (for example sin²θ<sub>W</sub> ∈ [0, 1]). With truncation the density is renormalized:
 * log p(θ) = Σ<sub>d</sub> [log φ((θ<sub>d</sub> − μ<sub>d</sub>)/σ<sub>d</sub>) − log σ<sub>d</sub>
 * − log(Φ(b<sub>d</sub>) − Φ(a<sub>d</sub>))], with a, b the standardized bounds. Sampling
 * truncated components uses the inverse CDF, so no draw is rejected.
 */
public final class NormalPrior implements Prior {
    private static final NormalDistribution STANDARD = new NormalDistribution(null, 0, 1);
    private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
    private final double[] mean;
    private final double[] sd;
    private final Box support;
    private final double[] cdfLower;
    private final double[] cdfUpper;
    private final double logNormalizer;

    /** Untruncated: support ℝ<sup>D</sup>. */
    public NormalPrior(double[] mean, double[] sd) {
        this(mean, sd, Box.unbounded(mean.length));
    }

    public NormalPrior(double[] mean, double[] sd, Box support) {
        Require.finite("normal prior mean", mean);
        if (sd.length != mean.length || support.dim() != mean.length) {
            throw new DimensionMismatchException("normal prior: expected sd and support of dimension " + mean.length
                    + " but found " + sd.length + " and " + support.dim());
        }
        for (int d = 0; d < sd.length; d++) {
            Require.positive("normal prior sd[" + d + "]", sd[d]);
        }
        this.mean = mean.clone();
        this.sd = sd.clone();
        this.support = support;
        this.cdfLower = new double[mean.length];
        this.cdfUpper = new double[mean.length];
        double norm = 0;
        for (int d = 0; d < mean.length; d++) {
            cdfLower[d] = STANDARD.cumulativeProbability((support.lower(d) - mean[d]) / sd[d]);
            cdfUpper[d] = STANDARD.cumulativeProbability((support.upper(d) - mean[d]) / sd[d]);
            double mass = cdfUpper[d] - cdfLower[d];
            if (!(mass > 1e-300)) {
                throw new InvalidInputException("normal prior dimension " + d + ": the truncation box [" + support.lower(d)
                        + ", " + support.upper(d) + "] holds no probability mass of N(" + mean[d] + ", " + sd[d] + "^2)");
            }
            norm += Math.log(mass);
        }
        this.logNormalizer = norm;
    }

    /** 1-D convenience. */
    public static NormalPrior of(double mean, double sd) {
        return new NormalPrior(new double[] {mean}, new double[] {sd});
    }

    public double[] mean() {
        return mean.clone();
    }

    public double[] sd() {
        return sd.clone();
    }

    @Override
    public int dim() {
        return mean.length;
    }

    @Override
    public Box support() {
        return support;
    }

    @Override
    public double logProb(double[] theta) {
        Require.finiteVector("theta", theta, dim());
        if (!support.contains(theta)) {
            return Double.NEGATIVE_INFINITY;
        }
        double lp = -logNormalizer;
        for (int d = 0; d < mean.length; d++) {
            double z = (theta[d] - mean[d]) / sd[d];
            lp += -0.5 * z * z - LOG_SQRT_2PI - Math.log(sd[d]);
        }
        return lp;
    }

    @Override
    public Matrix sample(int n, SplittableRandom rng) {
        Require.positive("number of prior draws", n);
        int dim = dim();
        double[] out = new double[n * dim];
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < dim; d++) {
                double u = cdfLower[d] + (cdfUpper[d] - cdfLower[d]) * rng.nextDouble();
                double z = STANDARD.inverseCumulativeProbability(Math.min(Math.max(u, 1e-300), 1 - 1e-16));
                double v = mean[d] + sd[d] * z;
                out[i * dim + d] = Math.min(Math.max(v, support.lower(d)), support.upper(d));
            }
        }
        return Matrix.of(n, dim, out);
    }

    @Override
    public String toString() {
        return "Normal(mean=" + java.util.Arrays.toString(mean) + ", sd=" + java.util.Arrays.toString(sd) + ", support="
                + support + ")";
    }
}
