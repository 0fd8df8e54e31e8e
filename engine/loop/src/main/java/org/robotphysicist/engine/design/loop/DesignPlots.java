package org.robotphysicist.engine.design.loop;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.robotphysicist.data.Dimensions;
import org.robotphysicist.data.DisplayNames;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.engine.design.eig.EigEstimate;
import org.robotphysicist.engine.plot.CornerPlot;
import org.robotphysicist.engine.plot.CredibleRegion;
import org.robotphysicist.engine.plot.Curve;
import org.robotphysicist.engine.plot.EigPlot;
import org.robotphysicist.engine.plot.PlotSize;
import org.robotphysicist.engine.plot.PlotText;
import org.robotphysicist.engine.plot.PosteriorPlot1D;
import org.robotphysicist.engine.plot.PosteriorPlot2D;
import org.robotphysicist.engine.posterior.GridPosterior;

/**
 * The pictures of a design run, drawn into its output directory after every round
 * ({@link DesignOptions#withOutput} with plots installs it): {@code eig-round-NN.png}, the EIG
 * estimates with the GP mean ± 2 sd and the chosen φ (one-dimensional φ); {@code posterior-round-NN.png},
 * the posterior after the round beside its prior (one-dimensional θ) or as a heat map with its 68% and
 * 95% regions (two-dimensional θ); {@value #ALL_ROUNDS}, every round's posterior (one-dimensional θ);
 * and {@code corner-round-NN.png}, the 1-D and 2-D marginals with 68% and 95% HPD regions (θ of 2 or
 * more dimensions). Each file is written atomically.
 */
final class DesignPlots implements RoundListener {
    /** The file of every round's posterior together. */
    static final String ALL_ROUNDS = "posteriors.png";
    private final Path directory;

    DesignPlots(Path directory) {
        this.directory = directory;
    }

    @Override
    public void recorded(ExperimentDesigner designer, DesignRound round, Matrix events, GridPosterior posterior) {
        Dimensions dims = designer.simulator().dimensions();
        Labels labels = Labels.of(designer.simulator().displayNames(), dims, posterior.parameterNames(),
                PlotText.likelihood(designer.config().surrogate()));
        EigPlot eig = eig(round, labels);
        if (eig != null) {
            eig.writePng(directory.resolve(DesignFiles.roundFile("eig", round.round(), "png")), PlotSize.DEFAULT);
        }
        double[] truth = designer.runner().truth().orElse(null);
        Path posteriorPng = directory.resolve(DesignFiles.roundFile("posterior", round.round(), "png"));
        List<GridPosterior> all = designer.posteriors();
        if (posterior.dim() == 1) {
            GridPosterior prior = designer.expectedInformationGain().priorOnGrid(all.size() > 1
                    ? all.get(all.size() - 2).asPrior() : designer.initialPrior());
            posterior(round, posterior, prior, labels, truth).writePng(posteriorPng, PlotSize.DEFAULT);
            allRounds(all, labels, truth).writePng(directory.resolve(ALL_ROUNDS), PlotSize.DEFAULT);
        } else if (posterior.dim() == 2) {
            posterior2D(round, posterior, labels, truth).writePng(posteriorPng, PlotSize.DEFAULT);
        }
        if (posterior.dim() >= 2) {
            corner(round, posterior, labels, truth).writePng(directory.resolve(DesignFiles.roundFile("corner",
                    round.round(), "png")));
        }
    }

    /**
     * What the design plots write on axes, titles and legends.
     *
     * @param theta      axis labels of the posterior's parameters, "display [unit]"
     * @param phi        the φ component (display name and unit)
     * @param likelihood the legend name of the likelihood ("maf surrogate", "exact likelihood")
     */
    record Labels(List<String> theta, DisplayNames.Quantity phi, String likelihood) {
        static Labels of(DisplayNames display, Dimensions dims, List<String> parameters, String likelihood) {
            return new Labels(PlotText.thetaLabels(display, dims, parameters), display.phi().get(0), likelihood);
        }

        /** "√s = 91.2 GeV". */
        String setting(double phi) {
            return PlotText.setting(List.of(this.phi), new double[] {phi});
        }
    }

    /** EIG against φ in one round; {@code null} unless φ is one-dimensional. */
    static EigPlot eig(DesignRound round, Labels labels) {
        if (round.phi().length != 1) {
            return null;
        }
        List<EigEstimate> ev = round.evaluations();
        double[] phi = new double[ev.size()];
        double[] value = new double[ev.size()];
        double[] se = new double[ev.size()];
        for (int i = 0; i < phi.length; i++) {
            phi[i] = ev.get(i).phi()[0];
            value[i] = ev.get(i).value();
            se[i] = ev.get(i).standardError();
        }
        GpCurve gp = round.gpCurve();
        return new EigPlot(String.format(Locale.ROOT, "Round %d: expected information gain (%d estimates, %s)",
                round.round(), phi.length, labels.likelihood()), labels.phi().label(), phi, value, se,
                gp == null ? null : gp.phi(), gp == null ? null : gp.mean(), gp == null ? null : gp.sd(),
                round.phi()[0]);
    }

    /**
     * The posterior after {@code round} beside its prior, with its 68% region shaded (the HPD region
     * where it differs materially from the central interval, e.g. for two modes) and the truth; 1-D θ.
     */
    static PosteriorPlot1D posterior(DesignRound round, GridPosterior posterior, GridPosterior prior, Labels labels,
            double[] truth) {
        double[] x = posterior.grid().points().column(0);
        List<Curve> curves = List.of(new Curve("posterior after round " + round.round() + ", " + labels.likelihood(),
                x, density(posterior)), new Curve(round.round() == 1 ? "prior"
                        : "prior (posterior after round " + (round.round() - 1) + ")", x, density(prior)));
        return new PosteriorPlot1D(String.format(Locale.ROOT, "Round %d: %d events at %s", round.round(),
                round.events(), labels.setting(round.phi()[0])), labels.theta().get(0), curves, region(posterior, x),
                truth == null ? null : truth[0]);
    }

    /** The posterior after {@code round} as a heat map with 68% and 95% regions; 2-D θ. */
    static PosteriorPlot2D posterior2D(DesignRound round, GridPosterior posterior, Labels labels, double[] truth) {
        return PosteriorPlot2D.of(posterior, labels.theta(), String.format(Locale.ROOT,
                "Round %d: posterior (%s) after %d events at %s", round.round(), labels.likelihood(), round.events(),
                labels.setting(round.phi()[0])), truth, 0.68, 0.95);
    }

    /** The corner plot of the posterior after {@code round}, with the settings run so far; θ of 2 or more dimensions. */
    static CornerPlot corner(DesignRound round, GridPosterior posterior, Labels labels, double[] truth) {
        return CornerPlot.of(posterior, labels.theta(),
                String.format(Locale.ROOT, "Round %d: posterior (%s), with %d new events at %s",
                        round.round(), labels.likelihood(), round.events(), labels.setting(round.phi()[0])), truth,
                0.68, 0.95);
    }

    /** Every round's posterior, the latest first (solid); 1-D θ. */
    static PosteriorPlot1D allRounds(List<GridPosterior> posteriors, Labels labels, double[] truth) {
        GridPosterior last = posteriors.get(posteriors.size() - 1);
        double[] x = last.grid().points().column(0);
        List<Curve> curves = new ArrayList<>();
        for (int r = posteriors.size() - 1; r >= 0; r--) {
            curves.add(new Curve("after round " + (r + 1), x, density(posteriors.get(r))));
        }
        return new PosteriorPlot1D(String.format(Locale.ROOT, "Posterior (%s) of %s after each of %d rounds",
                labels.likelihood(), labels.theta().get(0), posteriors.size()), labels.theta().get(0), curves,
                region(last, x), truth == null ? null : truth[0]);
    }

    /** The 68% region of a 1-D posterior to shade, cut to its grid [x₀, x_last]. */
    private static CredibleRegion region(GridPosterior posterior, double[] x) {
        return CredibleRegion.preferred(posterior.marginalDistribution(0), 0.68).clippedTo(x[0], x[x.length - 1]);
    }

    private static double[] density(GridPosterior p) {
        double[] log = p.logDensity();
        double[] out = new double[log.length];
        for (int j = 0; j < out.length; j++) {
            out[j] = Math.exp(log[j]);
        }
        return out;
    }
}
