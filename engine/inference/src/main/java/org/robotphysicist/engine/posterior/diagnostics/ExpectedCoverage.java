package org.robotphysicist.engine.posterior.diagnostics;

import java.util.List;
import java.util.SplittableRandom;
import org.robotphysicist.data.InvalidInputException;

/**
 * Expected coverage of a grid posterior (Hermans et al. 2021, "A trust crisis in simulation-based
 * inference?"). For prior-predictive pairs (θ*, X*), the credibility of θ* is the
 * posterior mass of the cells with higher density than θ*'s cell
 * ({@link org.robotphysicist.engine.posterior.GridPosterior#credibility}); the coverage at level
 * 1 − α is the fraction of pairs with credibility ≤ 1 − α. A calibrated posterior covers at the
 * nominal rate; below nominal it is overconfident, above it conservative.
 *
 * <p>On a grid the credibility leaves out θ*'s own cell, so a coarse grid (a cell holding a few
 * percent of the posterior) biases coverage upward by up to that cell's mass.
 */
public final class ExpectedCoverage {
    /** The levels the issue asks for. */
    public static final double[] DEFAULT_LEVELS = {0.5, 0.68, 0.9, 0.95};

    private ExpectedCoverage() {
    }

    /** Runs {@code trials} prior-predictive experiments and measures coverage at {@code levels}. */
    public static CoverageReport run(CalibrationProblem problem, int trials, double[] levels, SplittableRandom rng) {
        requireLevels(levels);
        return fromTrials(problem.run(trials, rng, (trial, r) -> credibility(trial)), levels);
    }

    /** The credibility of the trial's θ* under its posterior; NaN when θ* lies off the grid. */
    public static double credibility(CalibrationProblem.Trial trial) {
        return trial.posterior().grid().bounds().contains(trial.theta())
                ? trial.posterior().credibility(trial.theta()) : Double.NaN;
    }

    /** Coverage from per-trial {@link #credibility} values: a NaN (θ* off the grid) counts as not covered. */
    public static CoverageReport fromTrials(List<Double> credibility, double[] levels) {
        double[] c = new double[credibility.size()];
        int outside = 0;
        for (int i = 0; i < c.length; i++) {
            c[i] = credibility.get(i);
            if (Double.isNaN(c[i])) {
                c[i] = 1.0;
                outside++;
            }
        }
        return fromCredibilities(c, levels, outside);
    }

    /** Coverage from credibilities already computed (values in [0, 1]). */
    public static CoverageReport fromCredibilities(double[] credibilities, double[] levels, int outsideGrid) {
        requireLevels(levels);
        if (credibilities.length == 0) {
            throw new InvalidInputException("credibilities: expected at least one value but found none");
        }
        double[] coverage = new double[levels.length];
        double[] se = new double[levels.length];
        for (int i = 0; i < levels.length; i++) {
            int covered = 0;
            for (double c : credibilities) {
                if (!(c >= 0 && c <= 1)) {
                    throw new InvalidInputException("credibility: expected a value in [0, 1] but found " + c);
                }
                if (c <= levels[i]) {
                    covered++;
                }
            }
            coverage[i] = (double) covered / credibilities.length;
            se[i] = Math.sqrt(levels[i] * (1 - levels[i]) / credibilities.length);
        }
        return new CoverageReport(levels, coverage, se, credibilities.length, outsideGrid, credibilities);
    }

    private static void requireLevels(double[] levels) {
        if (levels == null || levels.length == 0) {
            throw new InvalidInputException("coverage levels: expected at least one level but found none");
        }
        for (double l : levels) {
            if (!(l > 0 && l < 1)) {
                throw new InvalidInputException("coverage level: expected a value in (0, 1) but found " + l);
            }
        }
    }
}
