package org.robotphysicist.engine.demo;

import java.util.List;
import org.robotphysicist.data.io.Provenance;
import org.robotphysicist.engine.posterior.PosteriorSummary;

/**
 * What the demo found, as written to its JSON output (schema {@value #SCHEMA}).
 *
 * @param schema          the schema identifier
 * @param provenance      config, seeds, data hash and versions
 * @param hiddenTheta     the true sin²θ<sub>W</sub>
 * @param observedEvents  number of observed events
 * @param surrogate       the surrogate's name
 * @param posterior       posterior summary under the surrogate
 * @param exactPosterior  posterior summary under the exact likelihood (the reference)
 * @param covered68       whether the 68% central interval contains the hidden value
 * @param covered95       whether the 95% central interval contains the hidden value
 * @param grid            posterior grid points (sin²θ<sub>W</sub>)
 * @param density         posterior density at the grid points (surrogate)
 * @param exactDensity    posterior density at the grid points (exact likelihood)
 * @param seconds         wall-clock seconds per stage
 */
public record DemoResult(String schema, Provenance provenance, double hiddenTheta, int observedEvents, String surrogate,
        PosteriorSummary posterior, PosteriorSummary exactPosterior, boolean covered68, boolean covered95,
        double[] grid, double[] density, double[] exactDensity, List<Timing> seconds) {

    public static final String SCHEMA = "robot-physicist/demo-posterior/v1";

    /** Time spent in one stage. */
    public record Timing(String stage, double seconds) {
    }
}
