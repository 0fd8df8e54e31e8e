package org.robotphysicist.engine.plot;

import java.util.Arrays;
import org.robotphysicist.data.InvalidInputException;

/**
 * Density thresholds of highest-posterior-density regions on a grid of equal cells: for level L,
 * the largest t such that the cells with density ≥ t hold at least a fraction L of the mass,
 * <pre>
 *   t_L = max { t : Σ_{j : p_j ≥ t} p_j ≥ L · Σ_j p_j }.
 * </pre>
 * The region {p ≥ t_L} is the smallest set of cells with credibility L.
 */
final class HpdThresholds {
    private HpdThresholds() {
    }

    /** One threshold per level (levels in (0, 1)); {@code density} non-negative with a positive sum. */
    static double[] of(double[] density, double[] levels) {
        double[] sorted = density.clone();
        Arrays.sort(sorted);
        double total = 0;
        for (double v : sorted) {
            total += v;
        }
        if (!(total > 0)) {
            throw new InvalidInputException("credible regions: expected a density with positive mass but found total "
                    + total);
        }
        double[] out = new double[levels.length];
        for (int l = 0; l < levels.length; l++) {
            double target = levels[l] * total;
            double cumulative = 0;
            double t = sorted[sorted.length - 1];
            for (int k = sorted.length - 1; k >= 0; k--) {
                cumulative += sorted[k];
                t = sorted[k];
                if (cumulative >= target) {
                    break;
                }
            }
            out[l] = t;
        }
        return out;
    }
}
