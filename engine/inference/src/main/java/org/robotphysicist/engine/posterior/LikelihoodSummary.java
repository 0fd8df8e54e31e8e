package org.robotphysicist.engine.posterior;

import java.util.List;

/**
 * The frequentist side of a result: maximum-likelihood estimate and profile-likelihood
 * intervals, per θ component.
 *
 * @param parameters         θ component names
 * @param mle                the maximum-likelihood estimate (refined between grid points)
 * @param maxLogLikelihood   the maximum summed log-likelihood (up to the surrogate's constant)
 * @param intervals          Wilks intervals at the requested levels
 */
public record LikelihoodSummary(List<String> parameters, double[] mle, double maxLogLikelihood,
        List<ProfileInterval> intervals) {

    public LikelihoodSummary {
        parameters = List.copyOf(parameters);
        mle = mle.clone();
        intervals = List.copyOf(intervals);
    }

    @Override
    public double[] mle() {
        return mle.clone();
    }

    /** The interval of {@code parameter} at {@code level}. */
    public ProfileInterval interval(String parameter, double level) {
        for (ProfileInterval pi : intervals) {
            if (pi.parameter().equals(parameter) && Math.abs(pi.level() - level) < 1e-12) {
                return pi;
            }
        }
        throw new IllegalArgumentException("no " + level + " interval for " + parameter + " in this summary");
    }
}
