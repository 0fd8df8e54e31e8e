package org.robotphysicist.engine.posterior;

import java.util.List;

/**
 * Point estimates and intervals of a posterior, per θ component (arrays of length D<sub>θ</sub>).
 *
 * @param intervals    central credible intervals
 * @param hpdIntervals highest-posterior-density (shortest) intervals at the same levels
 */
public record PosteriorSummary(List<String> parameters, double[] map, double[] mean, double[] standardDeviation,
        List<CredibleInterval> intervals, List<CredibleInterval> hpdIntervals) {

    public PosteriorSummary {
        parameters = List.copyOf(parameters);
        map = map.clone();
        mean = mean.clone();
        standardDeviation = standardDeviation.clone();
        intervals = List.copyOf(intervals);
        hpdIntervals = List.copyOf(hpdIntervals);
    }

    @Override
    public double[] map() {
        return map.clone();
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] standardDeviation() {
        return standardDeviation.clone();
    }

    /** The central interval of {@code parameter} at {@code level}. */
    public CredibleInterval interval(String parameter, double level) {
        return find(intervals, parameter, level);
    }

    /** The HPD interval of {@code parameter} at {@code level}. */
    public CredibleInterval hpdInterval(String parameter, double level) {
        return find(hpdIntervals, parameter, level);
    }

    private static CredibleInterval find(List<CredibleInterval> list, String parameter, double level) {
        for (CredibleInterval ci : list) {
            if (ci.parameter().equals(parameter) && Math.abs(ci.level() - level) < 1e-12) {
                return ci;
            }
        }
        throw new IllegalArgumentException("no " + level + " interval for " + parameter + " in this summary");
    }
}
