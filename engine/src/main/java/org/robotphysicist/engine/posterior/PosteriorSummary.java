package org.robotphysicist.engine.posterior;

import java.util.List;

/**
 * Point estimates and intervals of a posterior, per θ component (arrays of length D<sub>θ</sub>).
 */
public record PosteriorSummary(List<String> parameters, double[] map, double[] mean, double[] standardDeviation,
        List<CredibleInterval> intervals) {

    public PosteriorSummary {
        parameters = List.copyOf(parameters);
        map = map.clone();
        mean = mean.clone();
        standardDeviation = standardDeviation.clone();
        intervals = List.copyOf(intervals);
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
        for (CredibleInterval ci : intervals) {
            if (ci.parameter().equals(parameter) && Math.abs(ci.level() - level) < 1e-12) {
                return ci;
            }
        }
        throw new IllegalArgumentException("no " + level + " interval for " + parameter + " in this summary");
    }
}
