package org.robotphysicist.engine.api;

import java.util.Objects;
import org.robotphysicist.engine.posterior.GridPosterior;
import org.robotphysicist.engine.posterior.PosteriorSummary;

/**
 * A posterior from {@link RobotPhysicist#posterior}: the normalized grid posterior
 * p(θ<sub>j</sub> | X, φ) and its summary (MAP, mean, sd, central and HPD intervals per θ component).
 * {@code posterior().asPrior()} is the next round's prior.
 *
 * @param posterior the grid posterior
 * @param summary   its summary at the requested levels
 * @param events    N, the events it was computed from
 * @param phi       the setting they were recorded at
 */
public record PosteriorResult(GridPosterior posterior, PosteriorSummary summary, int events, double[] phi) {

    public PosteriorResult {
        Objects.requireNonNull(posterior, "posterior");
        Objects.requireNonNull(summary, "summary");
        phi = phi.clone();
    }

    @Override
    public double[] phi() {
        return phi.clone();
    }

    /** The normalized density p(θ<sub>j</sub> | X) at every grid point (length M). */
    public double[] density() {
        double[] log = posterior.logDensity();
        double[] out = new double[log.length];
        for (int j = 0; j < out.length; j++) {
            out[j] = Math.exp(log[j]);
        }
        return out;
    }
}
