package org.robotphysicist.engine.design.loop;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.robotphysicist.engine.design.eig.EigEstimate;
import org.robotphysicist.engine.plot.Curve;
import org.robotphysicist.engine.plot.CornerPlot;
import org.robotphysicist.engine.plot.EigPlot;
import org.robotphysicist.engine.plot.PosteriorPlot1D;
import org.robotphysicist.engine.plot.PosteriorPlot2D;
import org.robotphysicist.engine.posterior.CredibleInterval;
import org.robotphysicist.engine.posterior.GridPosterior;

/**
 * The pictures of a design run: per round the EIG estimates with the GP mean ± 2 sd and the chosen
 * φ (one-dimensional φ), the posterior after the round beside its prior (one- or two-dimensional
 * θ), and all rounds' posteriors together (one-dimensional θ).
 */
final class DesignPlots {
    private DesignPlots() {
    }

    /** EIG against φ in one round; {@code null} unless φ is one-dimensional. */
    static EigPlot eig(DesignRound round, String phiName) {
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
        return new EigPlot(String.format(Locale.ROOT, "Round %d: expected information gain (%d estimates)",
                round.round(), phi.length), phiName, phi, value, se, gp == null ? null : gp.phi(),
                gp == null ? null : gp.mean(), gp == null ? null : gp.sd(), round.phi()[0]);
    }

    /** The posterior after {@code round} beside its prior, with the 68% interval and the truth; 1-D θ. */
    static PosteriorPlot1D posterior(DesignRound round, GridPosterior posterior, GridPosterior prior, String phiName,
            double[] truth) {
        String name = posterior.parameterNames().get(0);
        double[] x = posterior.grid().points().column(0);
        CredibleInterval c68 = round.posterior().interval(name, 0.68);
        List<Curve> curves = List.of(new Curve("posterior after round " + round.round(), x, density(posterior)),
                new Curve(round.round() == 1 ? "prior" : "prior (posterior after round " + (round.round() - 1) + ")",
                        x, density(prior)));
        return new PosteriorPlot1D(String.format(Locale.ROOT, "Round %d: %d events at %s = %.4g", round.round(),
                round.events(), phiName, round.phi()[0]), name, curves, band(c68, x),
                truth == null ? null : truth[0]);
    }

    /** The posterior after {@code round} as a heat map with 68% and 95% regions; 2-D θ. */
    static PosteriorPlot2D posterior2D(DesignRound round, GridPosterior posterior, double[] truth) {
        return PosteriorPlot2D.of(posterior, String.format(Locale.ROOT, "Round %d: posterior after %d events",
                round.round(), round.events()), truth, 0.68, 0.95);
    }

    /** The corner plot of the posterior after {@code round}, with the settings run so far; θ of 2 or more dimensions. */
    static CornerPlot corner(DesignRound round, GridPosterior posterior, List<String> units, String phiName,
            double[] truth) {
        return CornerPlot.of(posterior, CornerPlot.labels(posterior.parameterNames(), units),
                String.format(Locale.ROOT, "Round %d: posterior, with %d new events at %s = %.4g",
                        round.round(), round.events(), phiName, round.phi()[0]), truth, 0.68, 0.95);
    }

    /** Every round's posterior, the latest first (solid); 1-D θ. */
    static PosteriorPlot1D allRounds(List<GridPosterior> posteriors, double[] truth) {
        GridPosterior last = posteriors.get(posteriors.size() - 1);
        String name = last.parameterNames().get(0);
        double[] x = last.grid().points().column(0);
        List<Curve> curves = new ArrayList<>();
        for (int r = posteriors.size() - 1; r >= 0; r--) {
            curves.add(new Curve("after round " + (r + 1), x, density(posteriors.get(r))));
        }
        CredibleInterval c68 = last.centralInterval(0, 0.68);
        return new PosteriorPlot1D(String.format(Locale.ROOT, "Posterior of %s after each of %d rounds", name,
                posteriors.size()), name, curves, band(c68, x), truth == null ? null : truth[0]);
    }

    private static PosteriorPlot1D.CredibleBand band(CredibleInterval ci, double[] x) {
        double lo = Math.max(ci.lower(), x[0]);
        double hi = Math.min(ci.upper(), x[x.length - 1]);
        return lo < hi ? new PosteriorPlot1D.CredibleBand(ci.level(), lo, hi) : null;
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
