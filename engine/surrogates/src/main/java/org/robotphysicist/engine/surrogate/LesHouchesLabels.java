package org.robotphysicist.engine.surrogate;

import org.robotphysicist.data.Require;

/**
 * How Les Houches event files get their (θ, φ) labels: from each file's header (and φ from its
 * {@code <init>} beams where the simulator can read it), unless given here for every file. A value
 * given here must agree with a header that states one.
 *
 * @param theta the generating θ of every LHE file, or null (from the headers)
 * @param phi   the φ of every LHE file, or null (from the headers or the beams)
 * @param seed  the seed of the importance resampling of weighted events
 */
public record LesHouchesLabels(double[] theta, double[] phi, long seed) {

    public LesHouchesLabels {
        if (theta != null) {
            Require.finite("--theta", theta);
            theta = theta.clone();
        }
        if (phi != null) {
            Require.finite("--phi", phi);
            phi = phi.clone();
        }
    }

    /** Labels from the files' headers only. */
    public static LesHouchesLabels fromHeaders(long seed) {
        return new LesHouchesLabels(null, null, seed);
    }

    @Override
    public double[] theta() {
        return theta == null ? null : theta.clone();
    }

    @Override
    public double[] phi() {
        return phi == null ? null : phi.clone();
    }
}
