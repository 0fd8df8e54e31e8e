package org.robotphysicist.engine.design.loop;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import org.robotphysicist.data.Dimensions;
import org.robotphysicist.data.DisplayNames;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.RegularGrid;
import org.robotphysicist.engine.plot.PlotText;
import org.robotphysicist.engine.posterior.EnsembleSpread;
import org.robotphysicist.engine.posterior.GridPosterior;

/**
 * The log line of every recorded round ({@link DesignOptions#log()}): the setting, the events, per
 * θ component the posterior mean ± sd and its 68% interval (and whether the hidden θ, if known, lies
 * inside), the information gained against the expected, with an ensemble the members' spread; then a
 * warning per θ component whose posterior sd is below 2 grid spacings, where the grid limits
 * entropies and EIG, and the surrogate's own warnings about the events of every round at this
 * setting so far ({@link org.robotphysicist.models.SurrogateLikelihood#eventCountWarnings}: a
 * classifier's normalization table sized for fewer). Every designer tells it first.
 */
final class RoundLog implements RoundListener {
    private final Consumer<String> log;

    RoundLog(Consumer<String> log) {
        this.log = log;
    }

    @Override
    public void recorded(ExperimentDesigner designer, DesignRound round, Matrix events, GridPosterior posterior) {
        Dimensions dims = designer.simulator().dimensions();
        DisplayNames display = designer.simulator().displayNames();
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "round %d/%d: %d events at %s = %s%s;"
                + " posterior", round.round(), designer.config().rounds(), round.events(),
                String.join(",", dims.phiNames()), ExperimentDesigner.format(round.phi()), PlotText.units(display.phi())));
        Optional<double[]> truth = designer.runner().truth();
        for (int d = 0; d < dims.thetaDim(); d++) {
            String name = dims.thetaNames().get(d);
            var c68 = round.posterior().interval(name, 0.68);
            line.append(String.format(Locale.ROOT, " %s = %.5g +- %.2g%s, 68%% [%.5g, %.5g]", name,
                    round.posterior().mean()[d], round.posterior().standardDeviation()[d],
                    PlotText.units(List.of(display.theta().get(d))), c68.lower(), c68.upper()));
            if (truth.isPresent()) {
                line.append(String.format(Locale.ROOT, " (hidden %.5g %s)", truth.get()[d],
                        c68.contains(truth.get()[d]) ? "inside" : "outside"));
            }
        }
        line.append(String.format(Locale.ROOT, "; information gained %.3g nats (expected %.3g)", round.realizedGain(),
                round.chosen().value()));
        if (round.ensemble() != null) {
            EnsembleSpread spread = round.ensemble().spread();
            for (int d = 0; d < dims.thetaDim(); d++) {
                line.append("; ").append(spread.describe(d));
            }
        }
        log.accept(line.toString());
        long eventsHere = designer.rounds().stream().filter(r -> java.util.Arrays.equals(r.phi(), round.phi()))
                .mapToLong(DesignRound::events).sum();
        if (eventsHere > 0) {
            designer.surrogate().eventCountWarnings(eventsHere).forEach(w -> log.accept("warning: the rounds at "
                    + ExperimentDesigner.format(round.phi()) + " so far: " + w));
        }
        RegularGrid grid = designer.grid();
        double[] sd = posterior.standardDeviation();
        for (int d = 0; d < sd.length; d++) {
            if (sd[d] < 2 * grid.spacing(d)) {
                log.accept(String.format(Locale.ROOT, "warning: the posterior of %s (sd %.3g) is narrower than 2 grid"
                        + " spacings (spacing %.3g): entropies and EIG are limited by the grid; use more grid points or"
                        + " a narrower prior range", dims.thetaNames().get(d), sd[d], grid.spacing(d)));
            }
        }
    }
}
