package org.robotphysicist.engine.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.engine.api.TrainedModel;
import org.robotphysicist.engine.posterior.diagnostics.CalibrationCertifier;
import org.robotphysicist.engine.posterior.diagnostics.CertificationConfig;
import org.robotphysicist.engine.posterior.diagnostics.TemperingFit;
import org.robotphysicist.models.SurrogateLikelihood;
import org.robotphysicist.models.certificate.CalibrationCertificate;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * How a model's calibration certificate is measured and judged, for the commands that certify
 * ({@code rp train}, {@code rp certify}): the prior-predictive datasets, the θ grid, the setting, the
 * tolerance, the systematic tempering κ and what to do with a model outside the tolerance.
 */
final class CertificationOptions {
    /** Exit code of a model outside its calibration tolerance under {@code --require-calibrated}. */
    static final int EXIT_NOT_CALIBRATED = 5;
    /** Default prior-predictive datasets of the certificate: sized so that {@code rp train} stays quick. */
    static final int DEFAULT_DATASETS = 200;

    @Option(names = "--certify-datasets", paramLabel = "K", description = "Prior-predictive datasets of --events events"
            + " for the certificate (default ${DEFAULT-VALUE}: the coverage standard error at level 0.5 is then 0.035,"
            + " so the +-0.05 tolerance is 1.4 of them; 1000 makes it 3.2).")
    int datasets = DEFAULT_DATASETS;

    @Option(names = "--certify-grid", paramLabel = "M", description = "Theta grid points per dimension of the"
            + " certificate's posteriors (default ${DEFAULT-VALUE}, lowered so the grid holds at most 200000 points;"
            + " a coarse grid keeps an expensive exact likelihood affordable).")
    int grid = CertificationConfig.DEFAULT_GRID_POINTS;

    @Option(names = "--certify-phi", split = ",", paramLabel = "V", description = "The phi the certificate is measured"
            + " at (default: --phi, or the middle of the (first) phi range).")
    double[] phi;

    @Option(names = "--certify-tolerance", paramLabel = "T", description = "The allowed |coverage - level| at every"
            + " level (default ${DEFAULT-VALUE}).")
    double tolerance = CalibrationCertificate.DEFAULT_TOLERANCE;

    @Option(names = "--tempering", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "With the certificate, fit the surrogate's systematic tempering kappa (posteriors of N events"
                    + " divide the summed log-likelihood by 1 + kappa N, so a surrogate's own error widens them instead"
                    + " of shifting them) and certify the tempered posteriors; --no-tempering keeps the raw surrogate."
                    + " Neural kinds only.")
    boolean tempering;

    @Option(names = "--tempering-nodes", paramLabel = "K", description = "Settings along a one-dimensional phi range"
            + " where kappa is fitted, each on a quarter of --certify-datasets (at least 50) datasets of its own"
            + " (default ${DEFAULT-VALUE}; 1: at the certificate's phi only).")
    int temperingNodes = CertificationConfig.DEFAULT_TEMPERING_NODES;

    @Option(names = "--tempering-events", paramLabel = "N", description = "Events per dataset where kappa is fitted"
            + " (default: " + CertificationConfig.DEFAULT_TEMPERING_EVENTS_FACTOR + " x --events). The surrogate's"
            + " bias grows with the event count, so larger experiments measure kappa more precisely.")
    Integer temperingEvents;

    @Option(names = "--tempering-fit", paramLabel = "CRITERION", description = "What kappa is fitted to: log-score"
            + " (the default; the mean log posterior density of the true theta, which a few datasets far off pull"
            + " toward wider posteriors) or coverage (the tempered posteriors' credibilities of the true theta as"
            + " near uniform as possible, i.e. coverage right at every level, which one far-off dataset moves"
            + " little but which is noisier on few datasets).")
    String temperingFit = TemperingFit.Criterion.LOG_SCORE.label();

    @Option(names = "--require-calibrated", description = "Exit with code " + EXIT_NOT_CALIBRATED + " when the"
            + " certificate finds the surrogate outside its tolerance (the model file is still written).")
    boolean requireCalibrated;

    /** The certificate's settings for experiments of {@code events} events, its draws following {@code seed}. */
    CertificationConfig config(int events, long seed) {
        CertificationConfig c = CertificationConfig.defaults(events).withDatasets(datasets)
                .withGridPointsPerDimension(grid).withSeed(seed).withTolerance(tolerance).withTemperingFit(tempering)
                .withTemperingNodes(temperingNodes).withTemperingCriterion(TemperingFit.Criterion.parse(temperingFit));
        return temperingEvents == null ? c : c.withTemperingEvents(temperingEvents);
    }

    /**
     * The setting the certificate's datasets are simulated at: {@code --certify-phi}, else
     * {@code fallback} (empty for an experiment without settings).
     *
     * @throws InvalidInputException when {@code --certify-phi} has not one value per φ component
     */
    double[] at(Box phis, double[] fallback) {
        double[] at = phi != null ? phi : fallback;
        if (at.length != phis.dim()) {
            throw new InvalidInputException("--certify-phi: expected " + phis.dim() + " value(s), one per phi"
                    + " component, but found " + at.length);
        }
        return at;
    }

    /**
     * The line announcing the measurement, e.g. {@code certifying on 200 prior-predictive datasets of
     * 1000 events at phi = [70.0] (the middle of the phi range; --certify-phi to choose), fitting the
     * tempering kappa on them}.
     *
     * @param phiSource where {@code at} came from, in brackets after it ("" for none)
     * @param fitsKappa whether a tempering is fitted at all (asked for, and the model is a trained one)
     * @param surrogate the surrogate certified: across its φ range κ is fitted at {@link #temperingNodes}
     *                  settings where the certifier does so ({@link CalibrationCertifier#temperingNodes}),
     *                  else on the certificate's datasets
     */
    String announcement(int events, double[] at, String phiSource, boolean fitsKappa, SurrogateLikelihood surrogate,
            CertificationConfig settings) {
        boolean acrossRange = !CalibrationCertifier.temperingNodes(surrogate, at, temperingNodes).isEmpty();
        return String.format("certifying on %d prior-predictive datasets of %d events%s%s", datasets, events,
                at.length == 0 ? "" : " at phi = " + Arrays.toString(at) + phiSource, !fitsKappa ? ""
                : acrossRange ? String.format(", after fitting the tempering kappa at %d settings across the phi"
                        + " range on datasets of %d events", temperingNodes, settings.temperingEvents())
                : ", fitting the tempering kappa on them");
    }

    /**
     * Prints {@code model}'s certificate (its table, unless {@code quiet}); warns on stderr when it is
     * outside the tolerance.
     *
     * @return {@link #EXIT_NOT_CALIBRATED} for a model outside its tolerance under {@code --require-calibrated},
     *         else 0 (also for a model without a certificate)
     */
    int report(TrainedModel model, CommandLine commandLine, PrintWriter o, boolean quiet) {
        if (model.calibration().isEmpty()) {
            return 0;
        }
        CalibrationCertificate certificate = model.calibration().get();
        if (!quiet) {
            o.print(certificate.table());
            o.flush();
        }
        if (certificate.withinTolerance()) {
            return 0;
        }
        commandLine.getErr().println("rp: warning: the " + model.kind() + " surrogate is " + certificate.verdict()
                + " at " + certificate.eventsPerExperiment() + " events per experiment; do not trust its posteriors"
                + " there (train longer, on more rows, or with another kind)");
        return requireCalibrated ? EXIT_NOT_CALIBRATED : 0;
    }
}
