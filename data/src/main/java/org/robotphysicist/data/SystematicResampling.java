package org.robotphysicist.data;

import java.util.SplittableRandom;

/**
 * Systematic resampling (Kitagawa 1996): n indices drawn from the categorical distribution with
 * probabilities w<sub>m</sub> / Σw, by one uniform u ~ U(0, 1/n) and the levels (u + k/n)·Σw,
 * k = 0…n−1, located in the cumulative weights. Each index m appears ⌊n·w<sub>m</sub>/Σw⌋ or one
 * more times, the least variance of the unbiased schemes; the indices come out in ascending order.
 */
public final class SystematicResampling {
    private SystematicResampling() {
    }

    /**
     * @param weights M ≥ 1 finite, non-negative weights, not all zero (unnormalized)
     * @param n       how many indices, ≥ 1
     * @return n indices into {@code weights}, ascending
     */
    public static int[] indices(double[] weights, int n, SplittableRandom rng) {
        Require.positive("resampled count", n);
        double[] cumulative = new double[weights.length];
        double sum = 0;
        for (int m = 0; m < weights.length; m++) {
            if (!(weights[m] >= 0) || weights[m] == Double.POSITIVE_INFINITY) {
                throw new InvalidInputException("resampling weight " + m + ": expected a finite value >= 0 but found "
                        + weights[m]);
            }
            sum += weights[m];
            cumulative[m] = sum;
        }
        if (!(sum > 0)) {
            throw new InvalidInputException("resampling weights: expected some of the " + weights.length
                    + " weights to be positive but found none");
        }
        int[] out = new int[n];
        double u = rng.nextDouble() / n;
        int m = 0;
        for (int k = 0; k < n; k++) {
            double level = (u + (double) k / n) * sum;
            while (m < weights.length - 1 && cumulative[m] < level) {
                m++;
            }
            out[k] = m;
        }
        return out;
    }

    /** Kish's effective sample size (Σw)² / Σw² of non-negative weights (M when they are all equal). */
    public static double effectiveSampleSize(double[] weights) {
        double sum = 0;
        double squares = 0;
        for (double w : weights) {
            sum += w;
            squares += w * w;
        }
        return squares > 0 ? sum * sum / squares : 0;
    }
}
