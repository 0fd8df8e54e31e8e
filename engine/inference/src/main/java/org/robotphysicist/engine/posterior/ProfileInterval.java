package org.robotphysicist.engine.posterior;

/**
 * A profile-likelihood-ratio confidence interval for one θ component (Wilks): the values whose
 * profile log-likelihood lies within ½·χ²<sub>1</sub>(level) of its maximum.
 *
 * @param parameter           the θ component's name
 * @param level               the nominal coverage, in (0, 1)
 * @param estimate            the maximum-likelihood estimate of this component
 * @param lower               lower end
 * @param upper               upper end
 * @param lowerLimitedByGrid  true when the profile never rose above the threshold below the
 *                            estimate: the true end lies at or beyond {@code lower} (the grid's end)
 * @param upperLimitedByGrid  likewise above
 */
public record ProfileInterval(String parameter, double level, double estimate, double lower, double upper,
        boolean lowerLimitedByGrid, boolean upperLimitedByGrid) {

    public boolean contains(double value) {
        return value >= lower && value <= upper;
    }

    public double width() {
        return upper - lower;
    }
}
