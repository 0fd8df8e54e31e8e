package org.robotphysicist.engine.demo;

import java.util.List;
import org.robotphysicist.data.io.Provenance;
import org.robotphysicist.engine.posterior.PosteriorSummary;

/**
 * What the robot-physicist demo found, as written to its JSON output (schema {@value #SCHEMA}).
 *
 * @param schema         the schema identifier
 * @param provenance     config, seed, the model file and versions
 * @param hiddenTheta    the true sin²θ<sub>W</sub>
 * @param surrogate      the surrogate kind
 * @param modelFile      the surrogate's model file
 * @param modelReused    whether the model file was reused from an earlier run rather than trained now
 * @param rounds         every round: the chosen √s and the posterior under the surrogate and under the exact likelihood
 * @param grid           posterior grid points (sin²θ<sub>W</sub>)
 * @param density        posterior density after the last round at the grid points (surrogate)
 * @param exactDensity   posterior density after the last round (the same events, exact likelihood)
 * @param seconds        wall-clock seconds per stage
 */
public record LoopDemoResult(String schema, Provenance provenance, double hiddenTheta, String surrogate,
        String modelFile, boolean modelReused, List<Round> rounds, double[] grid, double[] density,
        double[] exactDensity, List<DemoResult.Timing> seconds) {

    public static final String SCHEMA = "robot-physicist/demo-design/v1";

    /**
     * One designed experiment.
     *
     * @param round          the round number, from 1
     * @param sqrtS          the √s chosen, GeV
     * @param events         events recorded
     * @param expectedGain   the EIG estimate at the chosen √s, nats
     * @param posterior      the posterior after this round under the surrogate
     * @param exactPosterior the posterior after this round with the same events under the exact likelihood
     */
    public record Round(int round, double sqrtS, int events, double expectedGain, PosteriorSummary posterior,
            PosteriorSummary exactPosterior) {
    }

    /** The last round. */
    public Round last() {
        return rounds.get(rounds.size() - 1);
    }
}
