package org.robotphysicist.data.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Assertions for statistical tests: each states its tolerance and, on failure, prints the
 * measured figure next to the expected one. Shared with other modules through the test-jar.
 */
public final class StatisticalAssertions {
    private StatisticalAssertions() {
    }

    /** |measured − expected| ≤ k·standardError. */
    public static void assertWithinSigmas(String what, double expected, double measured, double standardError,
            double k) {
        double pulls = Math.abs(measured - expected) / standardError;
        assertTrue(pulls <= k, () -> String.format("%s: measured %.6g, expected %.6g ± %.3g (1 s.e.); pull %.2f > %.1f",
                what, measured, expected, standardError, pulls, k));
    }

    /** |measured − expected| ≤ tolerance. */
    public static void assertClose(String what, double expected, double measured, double tolerance) {
        assertTrue(Math.abs(measured - expected) <= tolerance, () -> String.format(
                "%s: measured %.8g, expected %.8g within %.3g (off by %.3g)", what, measured, expected, tolerance,
                Math.abs(measured - expected)));
    }

    /** |measured − expected| ≤ relative·|expected|. */
    public static void assertRelativelyClose(String what, double expected, double measured, double relative) {
        double rel = Math.abs(measured - expected) / Math.abs(expected);
        assertTrue(rel <= relative, () -> String.format("%s: measured %.8g, expected %.8g; relative error %.4g > %.4g",
                what, measured, expected, rel, relative));
    }

    /** max<sub>i</sub> |a<sub>i</sub> − b<sub>i</sub>| over two arrays of the same length (NaN if any pair has one). */
    public static double maxAbsDifference(double[] a, double[] b) {
        assertTrue(a.length == b.length, () -> "expected arrays of the same length but found " + a.length + " and "
                + b.length);
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            double d = Math.abs(a[i] - b[i]);
            worst = d > worst || Double.isNaN(d) ? d : worst;
        }
        return worst;
    }

    /** p-value above a threshold (goodness-of-fit tests). */
    public static void assertPValueAbove(String what, double pValue, double threshold, String detail) {
        assertTrue(pValue > threshold, () -> String.format("%s: p-value %.3g <= %.3g (%s)", what, pValue, threshold,
                detail));
    }
}
