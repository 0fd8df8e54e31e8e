package org.robotphysicist.engine.posterior;

/**
 * A one-dimensional interval [lower, upper] holding posterior probability {@code level}.
 *
 * @param parameter the θ component's name
 * @param level     the probability content, in (0, 1)
 */
public record CredibleInterval(String parameter, double level, double lower, double upper) {

    public boolean contains(double value) {
        return value >= lower && value <= upper;
    }

    public double width() {
        return upper - lower;
    }
}
