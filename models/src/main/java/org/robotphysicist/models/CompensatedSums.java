package org.robotphysicist.models;

/**
 * M running sums in float64 with Neumaier's compensated summation (an improved Kahan sum): the
 * rounding error of each addition is carried in a second term, so the result is accurate to a few
 * ulps of the sum's magnitude independently of the number of terms (Neumaier 1974). −∞ terms are
 * absorbing (a zero likelihood); NaN and +∞ are the caller's to reject before adding.
 */
public final class CompensatedSums {
    private final double[] sum;
    private final double[] compensation;
    private final boolean[] minusInfinity;

    /** M sums, all zero. */
    public CompensatedSums(int m) {
        this.sum = new double[m];
        this.compensation = new double[m];
        this.minusInfinity = new boolean[m];
    }

    /** Adds {@code value} to sum {@code j}. */
    public void add(int j, double value) {
        if (value == Double.NEGATIVE_INFINITY) {
            minusInfinity[j] = true;
            return;
        }
        double s = sum[j];
        double t = s + value;
        if (Math.abs(s) >= Math.abs(value)) {
            compensation[j] += (s - t) + value;
        } else {
            compensation[j] += (value - t) + s;
        }
        sum[j] = t;
    }

    /** Adds {@code values[k]} to sum {@code offset + k} for every k. */
    public void addAll(int offset, double[] values) {
        for (int k = 0; k < values.length; k++) {
            add(offset + k, values[k]);
        }
    }

    /** Adds every sum of {@code other} (same size) to this one's, keeping both compensations. */
    public void addAll(CompensatedSums other) {
        for (int j = 0; j < sum.length; j++) {
            if (other.minusInfinity[j]) {
                minusInfinity[j] = true;
            }
            add(j, other.sum[j]);
            add(j, other.compensation[j]);
        }
    }

    /** The M compensated sums. */
    public double[] values() {
        double[] out = new double[sum.length];
        for (int j = 0; j < out.length; j++) {
            out[j] = minusInfinity[j] ? Double.NEGATIVE_INFINITY : sum[j] + compensation[j];
        }
        return out;
    }

    /** The compensated sum of {@code values}. */
    public static double sum(double[] values) {
        CompensatedSums s = new CompensatedSums(1);
        for (double v : values) {
            s.add(0, v);
        }
        return s.values()[0];
    }
}
