package org.robotphysicist.data;

/** log Σ exp(v<sub>i</sub>) without overflow: the maximum is taken out first. Stateless. */
public final class LogSumExp {
    private LogSumExp() {
    }

    /** log Σ exp(v), stable for large magnitudes; −∞ if all entries are −∞ (or there are none). */
    public static double of(double[] v) {
        double max = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            max = Math.max(max, x);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        double sum = 0;
        for (double x : v) {
            sum += Math.exp(x - max);
        }
        return max + Math.log(sum);
    }
}
