package org.robotphysicist.engine.posterior.diagnostics;

/**
 * Expected coverage at several credibility levels.
 *
 * @param levels         nominal levels 1 − α
 * @param coverage       the fraction of trials whose θ* has credibility ≤ 1 − α
 * @param standardErrors √(level·(1 − level)/trials), the binomial error under calibration
 * @param trials         number of (θ*, X*) pairs
 * @param outsideGrid    trials whose θ* fell outside the grid (counted as not covered)
 * @param credibilities  each trial's credibility, in trial order
 */
public record CoverageReport(double[] levels, double[] coverage, double[] standardErrors, int trials,
        int outsideGrid, double[] credibilities) {

    public CoverageReport {
        levels = levels.clone();
        coverage = coverage.clone();
        standardErrors = standardErrors.clone();
        credibilities = credibilities.clone();
    }

    @Override
    public double[] levels() {
        return levels.clone();
    }

    @Override
    public double[] coverage() {
        return coverage.clone();
    }

    @Override
    public double[] standardErrors() {
        return standardErrors.clone();
    }

    @Override
    public double[] credibilities() {
        return credibilities.clone();
    }

    /** The empirical coverage at the i-th level. */
    public double coverage(int i) {
        return coverage[i];
    }

    /** max over levels of |coverage − level|. */
    public double maxDeviation() {
        double max = 0;
        for (int i = 0; i < levels.length; i++) {
            max = Math.max(max, Math.abs(coverage[i] - levels[i]));
        }
        return max;
    }

    /**
     * A printable table: level, coverage, difference, standard error and a verdict — calibrated
     * within 3 s.e., otherwise overconfident (below nominal) or conservative (above).
     */
    public String table() {
        TextTable t = new TextTable("level", "coverage", "difference", "s.e.", "verdict");
        for (int i = 0; i < levels.length; i++) {
            double diff = coverage[i] - levels[i];
            String verdict = Math.abs(diff) <= 3 * standardErrors[i] ? "calibrated"
                    : diff < 0 ? "overconfident" : "conservative";
            t.row(levels[i], coverage[i], diff, standardErrors[i], verdict);
        }
        return t.render() + trials + " trials" + (outsideGrid > 0 ? ", " + outsideGrid + " with theta* off the grid"
                : "") + "\n";
    }
}
