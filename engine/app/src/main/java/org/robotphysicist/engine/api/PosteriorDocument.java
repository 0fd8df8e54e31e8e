package org.robotphysicist.engine.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.io.Provenance;
import org.robotphysicist.engine.posterior.EnsembleSpread;
import org.robotphysicist.engine.posterior.PosteriorSummary;
import org.robotphysicist.engine.posterior.sampling.McmcDiagnostics;
import org.robotphysicist.models.certificate.CalibrationCertificate;

/**
 * A posterior as JSON (schema {@value #SCHEMA}, documented in {@code docs/posterior-json.md}): what
 * {@code rp posterior} writes and {@code POST /posterior} answers.
 *
 * @param schema      the schema identifier
 * @param model       what the likelihood came from (surrogate description or model file)
 * @param parameters  θ component names, length D<sub>θ</sub>
 * @param phi         the first (usually only) experiment's setting, length D<sub>φ</sub>
 * @param events      N, the number of events of all experiments together
 * @param experiments each experiment's events and setting φ
 * @param sampler     {@code grid} or {@code mcmc}: how the posterior was realized
 * @param summary     MAP, mean, sd, central and HPD intervals per component
 * @param gridLower   lower corner of the θ grid, length D<sub>θ</sub> (null under MCMC)
 * @param gridUpper   upper corner of the θ grid (null under MCMC)
 * @param points      the grid points, (M, D<sub>θ</sub>), the last component varying fastest (null under MCMC)
 * @param density     normalized posterior density p(θ<sub>j</sub> | X) at each point, length M (null under MCMC)
 * @param samples     posterior draws (S, D<sub>θ</sub>), columns in the order of {@code parameters}
 *                    (null when none were asked for)
 * @param mcmc        the MCMC run's R̂, ESS, acceptance and settings (null on a grid)
 * @param warnings    reliability warnings (trained ranges extrapolated to, MCMC R̂ or ESS), empty when none
 * @param provenance  configuration, seeds, data hashes and versions (null in server answers)
 * @param calibration the model file's calibration certificate (null when the likelihood has none)
 * @param ensemble    for a surrogate ensemble, the member posteriors' means and sds and their between-member
 *                    spread ({@link EnsembleSpread}); absent for a single surrogate
 */
public record PosteriorDocument(String schema, String model, List<String> parameters, double[] phi, int events,
        List<PosteriorResult.Experiment> experiments, String sampler, PosteriorSummary summary, double[] gridLower,
        double[] gridUpper, double[][] points, double[] density, double[][] samples, McmcDiagnostics mcmc,
        List<String> warnings, Provenance provenance, CalibrationCertificate calibration,
        @JsonInclude(JsonInclude.Include.NON_NULL) EnsembleSpread ensemble) {

    /** The schema identifier this record writes, version 1. */
    public static final String SCHEMA = "robot-physicist/posterior/v1";

    /**
     * The document of {@code result}: its summary, and the grid and density where it was realized
     * on a grid; no calibration certificate ({@link #withCalibration}).
     *
     * @param result     the posterior
     * @param model      what the likelihood came from, e.g. "model runs/w.rpm" or a surrogate's description
     * @param provenance configuration, seeds, data hashes and versions, or null (server answers)
     * @return the document, ready to write as JSON
     */
    public static PosteriorDocument of(PosteriorResult result, String model, Provenance provenance) {
        double[] lower = null;
        double[] upper = null;
        double[][] points = null;
        double[] density = null;
        if (result.onGrid()) {
            Box bounds = result.posterior().grid().bounds();
            lower = bounds.lower();
            upper = bounds.upper();
            Matrix pts = result.posterior().grid().points();
            points = new double[pts.rows()][];
            for (int j = 0; j < points.length; j++) {
                points[j] = pts.row(j);
            }
            density = result.density();
        }
        return new PosteriorDocument(SCHEMA, model, result.summary().parameters(), result.phi(), result.events(),
                result.experiments(), result.sampler().label(), result.summary(), lower, upper, points, density,
                result.samples() == null ? null : result.samples().rows(), result.mcmc(), result.warnings(),
                provenance, null, result.ensemble());
    }

    /**
     * The same document stating the likelihood's calibration certificate.
     *
     * @param certificate the certificate stored with the model, or null for none
     * @return the changed document
     */
    public PosteriorDocument withCalibration(CalibrationCertificate certificate) {
        return new PosteriorDocument(schema, model, parameters, phi, events, experiments, sampler, summary, gridLower,
                gridUpper, points, density, samples, mcmc, warnings, provenance, certificate, ensemble);
    }
}
