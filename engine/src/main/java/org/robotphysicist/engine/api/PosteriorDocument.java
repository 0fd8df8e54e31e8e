package org.robotphysicist.engine.api;

import java.util.List;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.io.Provenance;
import org.robotphysicist.engine.posterior.PosteriorSummary;

/**
 * A posterior as JSON (schema {@value #SCHEMA}, documented in {@code docs/posterior-json.md}): what
 * {@code rp posterior} writes and {@code POST /posterior} answers.
 *
 * @param schema     the schema identifier
 * @param model      what the likelihood came from (surrogate description or model file)
 * @param parameters θ component names, length D<sub>θ</sub>
 * @param phi        the setting the events were recorded at, length D<sub>φ</sub>
 * @param events     N, the number of events
 * @param summary    MAP, mean, sd, central and HPD intervals per component
 * @param gridLower  lower corner of the θ grid, length D<sub>θ</sub>
 * @param gridUpper  upper corner of the θ grid
 * @param points     the grid points, (M, D<sub>θ</sub>), the last component varying fastest
 * @param density    normalized posterior density p(θ<sub>j</sub> | X) at each point, length M
 * @param provenance configuration, seeds, data hashes and versions (null in server answers)
 */
public record PosteriorDocument(String schema, String model, List<String> parameters, double[] phi, int events,
        PosteriorSummary summary, double[] gridLower, double[] gridUpper, double[][] points, double[] density,
        Provenance provenance) {

    public static final String SCHEMA = "robot-physicist/posterior/v1";

    /** The document of {@code result}. */
    public static PosteriorDocument of(PosteriorResult result, String model, Provenance provenance) {
        Box bounds = result.posterior().grid().bounds();
        Matrix pts = result.posterior().grid().points();
        double[][] points = new double[pts.rows()][];
        for (int j = 0; j < points.length; j++) {
            points[j] = pts.row(j);
        }
        return new PosteriorDocument(SCHEMA, model, result.posterior().parameterNames(), result.phi(), result.events(),
                result.summary(), bounds.lower(), bounds.upper(), points, result.density(), provenance);
    }
}
