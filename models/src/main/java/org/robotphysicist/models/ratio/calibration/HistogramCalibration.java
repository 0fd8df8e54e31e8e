package org.robotphysicist.models.ratio.calibration;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import org.robotphysicist.data.DimensionMismatchException;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Require;

/**
 * carl's histogram calibration: the scores of each class are histogrammed in the same B bins, and
 * <pre>
 *   log r̂(s) = log[(n₁(b) + α) / (N₁ + αB)] − log[(n₀(b) + α) / (N₀ + αB)],   b = bin of s,
 * </pre>
 * the log of the ratio of the two class-conditional score densities (bin widths cancel). Bins hold
 * equal numbers of pooled scores (carl's {@code variable_width=True}), so no bin is empty of both
 * classes; α = {@value #DEFAULT_PSEUDO_COUNT} keeps sparse bins finite. Between bin centres the
 * log-ratio is interpolated linearly (carl's {@code interpolation="linear"}), and it is constant
 * beyond the outermost centres.
 */
public final class HistogramCalibration implements ScoreCalibration {
    /** α added to every bin count. */
    public static final double DEFAULT_PSEUDO_COUNT = 0.5;

    private final double[] edges;
    private final long[] numeratorCounts;
    private final long[] denominatorCounts;
    private final double pseudoCount;
    private final PiecewiseLinear curve;

    /**
     * @param edges             B + 1 strictly increasing bin edges
     * @param numeratorCounts   class-1 counts per bin, length B
     * @param denominatorCounts class-0 counts per bin, length B
     * @param pseudoCount       α &gt; 0
     */
    @JsonCreator
    public HistogramCalibration(@JsonProperty("edges") double[] edges,
            @JsonProperty("numeratorCounts") long[] numeratorCounts,
            @JsonProperty("denominatorCounts") long[] denominatorCounts,
            @JsonProperty("pseudoCount") double pseudoCount) {
        int bins = numeratorCounts.length;
        if (bins < 1 || edges.length != bins + 1 || denominatorCounts.length != bins) {
            throw new DimensionMismatchException("histogram calibration: expected B + 1 edges and B counts per class but"
                    + " found " + edges.length + " edges and " + numeratorCounts.length + ", " + denominatorCounts.length
                    + " counts");
        }
        Require.positive("histogram calibration pseudo-count", pseudoCount);
        long n1 = 0;
        long n0 = 0;
        for (int b = 0; b < bins; b++) {
            if (numeratorCounts[b] < 0 || denominatorCounts[b] < 0) {
                throw new InvalidInputException("histogram calibration bin " + b + ": expected counts >= 0 but found "
                        + numeratorCounts[b] + " and " + denominatorCounts[b]);
            }
            n1 += numeratorCounts[b];
            n0 += denominatorCounts[b];
        }
        this.edges = edges.clone();
        this.numeratorCounts = numeratorCounts.clone();
        this.denominatorCounts = denominatorCounts.clone();
        this.pseudoCount = pseudoCount;
        double[] centres = new double[bins];
        double[] logRatio = new double[bins];
        for (int b = 0; b < bins; b++) {
            centres[b] = 0.5 * (edges[b] + edges[b + 1]);
            logRatio[b] = Math.log((numeratorCounts[b] + pseudoCount) / (n1 + pseudoCount * bins))
                    - Math.log((denominatorCounts[b] + pseudoCount) / (n0 + pseudoCount * bins));
        }
        this.curve = new PiecewiseLinear(centres, logRatio);
    }

    /**
     * Fits equal-mass bins to the pooled scores and counts each class.
     *
     * @param bins B, or 0 for carl's automatic 10 + ⌊N₀<sup>1/3</sup>⌋
     */
    static HistogramCalibration fit(double[] scores, boolean[] labels, int bins) {
        int n0 = 0;
        for (boolean l : labels) {
            n0 += l ? 0 : 1;
        }
        int b = bins > 0 ? bins : 10 + (int) Math.cbrt(n0);
        if (b > scores.length / 2) {
            throw new InvalidInputException("histogram calibration: expected at least 2 scores per bin but found "
                    + scores.length + " scores for " + b + " bins");
        }
        double[] sorted = scores.clone();
        Arrays.sort(sorted);
        double[] raw = new double[b + 1];
        for (int k = 0; k <= b; k++) {
            raw[k] = sorted[(int) Math.min(sorted.length - 1, Math.round((double) k * (sorted.length - 1) / b))];
        }
        double[] edges = Arrays.stream(raw).distinct().toArray();
        if (edges.length < 2) {
            edges = new double[] {sorted[0] - 0.5, sorted[0] + 0.5};
        }
        int nb = edges.length - 1;
        long[] c1 = new long[nb];
        long[] c0 = new long[nb];
        for (int i = 0; i < scores.length; i++) {
            int k = bin(edges, scores[i]);
            if (labels[i]) {
                c1[k]++;
            } else {
                c0[k]++;
            }
        }
        return new HistogramCalibration(edges, c1, c0, DEFAULT_PSEUDO_COUNT);
    }

    private static int bin(double[] edges, double s) {
        int i = Arrays.binarySearch(edges, s);
        int k = i >= 0 ? i : -i - 2;
        return Math.max(0, Math.min(edges.length - 2, k));
    }

    @Override
    public double logRatio(double score) {
        return curve.at(score);
    }

    @Override
    public CalibrationMethod kind() {
        return CalibrationMethod.HISTOGRAM;
    }

    @JsonProperty("edges")
    public double[] edges() {
        return edges.clone();
    }

    @JsonProperty("numeratorCounts")
    public long[] numeratorCounts() {
        return numeratorCounts.clone();
    }

    @JsonProperty("denominatorCounts")
    public long[] denominatorCounts() {
        return denominatorCounts.clone();
    }

    @JsonProperty("pseudoCount")
    public double pseudoCount() {
        return pseudoCount;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HistogramCalibration h && Arrays.equals(h.edges, edges)
                && Arrays.equals(h.numeratorCounts, numeratorCounts) && Arrays.equals(h.denominatorCounts, denominatorCounts)
                && h.pseudoCount == pseudoCount;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(edges) * 31 + Arrays.hashCode(numeratorCounts);
    }

    @Override
    public String toString() {
        return "HistogramCalibration(" + numeratorCounts.length + " bins on [" + edges[0] + ", " + edges[edges.length - 1]
                + "])";
    }
}
