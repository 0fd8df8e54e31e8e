package org.robotphysicist.models.ratio.calibration;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Require;

/**
 * carl's isotonic calibration: ĉ(s), the non-decreasing function of the score closest in least
 * squares to the labels (pool-adjacent-violators; Barlow et al. 1972, as in scikit-learn's
 * {@code IsotonicRegression}), estimates P(class 1 | s) on a calibration set with N₁ and N₀
 * examples of each class; then
 * <pre>
 *   log r̂(s) = log ĉ(s) − log(1 − ĉ(s)) − log(N₁ / N₀).
 * </pre>
 * ĉ is linear between the ends of its constant pieces (scikit-learn's interpolation), constant
 * beyond the extreme scores, and clipped to [ε, 1 − ε] with ε = 1 / (2N) so the log-ratio stays
 * finite.
 */
public final class IsotonicCalibration implements ScoreCalibration {
    private final double[] knots;
    private final double[] probabilities;
    private final long numeratorCount;
    private final long denominatorCount;
    private final PiecewiseLinear curve;
    private final double epsilon;

    /**
     * @param knots            strictly increasing scores
     * @param probabilities    ĉ at the knots, non-decreasing, in [0, 1]
     * @param numeratorCount   N₁ ≥ 1
     * @param denominatorCount N₀ ≥ 1
     */
    @JsonCreator
    public IsotonicCalibration(@JsonProperty("knots") double[] knots,
            @JsonProperty("probabilities") double[] probabilities,
            @JsonProperty("numeratorCount") long numeratorCount,
            @JsonProperty("denominatorCount") long denominatorCount) {
        this.curve = new PiecewiseLinear(knots, probabilities);
        for (int k = 0; k < probabilities.length; k++) {
            Require.inRange("isotonic probability " + k, probabilities[k], 0, 1);
            if (k > 0 && probabilities[k] < probabilities[k - 1]) {
                throw new InvalidInputException("isotonic calibration: expected non-decreasing probabilities but found "
                        + probabilities[k - 1] + " then " + probabilities[k] + " at knot " + k);
            }
        }
        if (numeratorCount < 1 || denominatorCount < 1) {
            throw new InvalidInputException("isotonic calibration: expected at least one example per class but found "
                    + numeratorCount + " and " + denominatorCount);
        }
        this.knots = knots.clone();
        this.probabilities = probabilities.clone();
        this.numeratorCount = numeratorCount;
        this.denominatorCount = denominatorCount;
        this.epsilon = 0.5 / (numeratorCount + denominatorCount);
    }

    /** Pool-adjacent-violators on (score, label), ties in score merged first. */
    static IsotonicCalibration fit(double[] scores, boolean[] labels) {
        int n = scores.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        // Blocks: score range [lo, hi], sum of labels, weight.
        List<double[]> blocks = new ArrayList<>();
        long ones = 0;
        int i = 0;
        while (i < n) {
            double s = scores[order[i]];
            double sum = 0;
            int w = 0;
            while (i < n && scores[order[i]] == s) {
                sum += labels[order[i]] ? 1 : 0;
                w++;
                i++;
            }
            ones += (long) sum;
            blocks.add(new double[] {s, s, sum, w});
            while (blocks.size() > 1) {
                double[] last = blocks.get(blocks.size() - 1);
                double[] prev = blocks.get(blocks.size() - 2);
                if (prev[2] / prev[3] < last[2] / last[3]) {
                    break;
                }
                prev[1] = last[1];
                prev[2] += last[2];
                prev[3] += last[3];
                blocks.remove(blocks.size() - 1);
            }
        }
        List<Double> xs = new ArrayList<>();
        List<Double> ps = new ArrayList<>();
        for (double[] b : blocks) {
            double p = b[2] / b[3];
            xs.add(b[0]);
            ps.add(p);
            if (b[1] > b[0]) {
                xs.add(b[1]);
                ps.add(p);
            }
        }
        return new IsotonicCalibration(xs.stream().mapToDouble(Double::doubleValue).toArray(),
                ps.stream().mapToDouble(Double::doubleValue).toArray(), ones, n - ones);
    }

    @Override
    public double logRatio(double score) {
        double c = Math.min(1 - epsilon, Math.max(epsilon, curve.at(score)));
        return Math.log(c) - Math.log1p(-c) - Math.log((double) numeratorCount / denominatorCount);
    }

    @Override
    public CalibrationMethod kind() {
        return CalibrationMethod.ISOTONIC;
    }

    @JsonProperty("knots")
    public double[] knots() {
        return knots.clone();
    }

    @JsonProperty("probabilities")
    public double[] probabilities() {
        return probabilities.clone();
    }

    @JsonProperty("numeratorCount")
    public long numeratorCount() {
        return numeratorCount;
    }

    @JsonProperty("denominatorCount")
    public long denominatorCount() {
        return denominatorCount;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IsotonicCalibration c && Arrays.equals(c.knots, knots)
                && Arrays.equals(c.probabilities, probabilities) && c.numeratorCount == numeratorCount
                && c.denominatorCount == denominatorCount;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(knots) * 31 + Arrays.hashCode(probabilities);
    }

    @Override
    public String toString() {
        return "IsotonicCalibration(" + knots.length + " knots on [" + knots[0] + ", " + knots[knots.length - 1] + "])";
    }
}
