package org.robotphysicist.engine.design.gp;

import java.util.Arrays;

/**
 * The GP posterior of the latent function f at M points: means and variances, in the units of
 * the observed values. The variance is that of f itself, not of a new noisy observation, and is
 * clamped to ≥ 0.
 *
 * @param mean     E[f(x<sub>c</sub>) | data], length M
 * @param variance Var[f(x<sub>c</sub>) | data] ≥ 0, length M
 */
public record Prediction(double[] mean, double[] variance) {

    public Prediction {
        mean = mean.clone();
        variance = variance.clone();
    }

    public int size() {
        return mean.length;
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] variance() {
        return variance.clone();
    }

    public double mean(int i) {
        return mean[i];
    }

    public double variance(int i) {
        return variance[i];
    }

    /** Posterior standard deviation √Var at point i. */
    public double standardDeviation(int i) {
        return Math.sqrt(variance[i]);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Prediction p && Arrays.equals(p.mean, mean) && Arrays.equals(p.variance, variance);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(variance);
    }

    @Override
    public String toString() {
        return "Prediction[mean=" + Arrays.toString(mean) + ", variance=" + Arrays.toString(variance) + "]";
    }
}
