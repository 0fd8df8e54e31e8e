package org.robotphysicist.engine.demo;

import java.util.List;
import java.util.Locale;
import org.robotphysicist.data.DisplayNames;
import org.robotphysicist.data.simulator.WeinbergLoSimulator;
import org.robotphysicist.engine.plot.CredibleRegion;
import org.robotphysicist.engine.plot.Curve;
import org.robotphysicist.engine.plot.PlotText;
import org.robotphysicist.engine.plot.PosteriorPlot1D;
import org.robotphysicist.engine.posterior.CredibleInterval;
import org.robotphysicist.engine.posterior.PosteriorSummary;

/**
 * The demo's picture: surrogate and exact posteriors, the surrogate's 68% region (the HPD region
 * where it differs materially from the central interval), the hidden value.
 */
public final class DemoPlot {
    /** Display names and units of the demo's simulator (Weinberg LO). */
    private static final DisplayNames DISPLAY = new WeinbergLoSimulator().displayNames();
    /** The axis and title label of sin²θ_W. */
    private static final String THETA_LABEL = DISPLAY.thetaLabels().get(0);

    private DemoPlot() {
    }

    public static PosteriorPlot1D of(DemoResult r, DemoConfig config) {
        return of(String.format(Locale.ROOT, "Posterior of %s from %d events at %s", THETA_LABEL,
                r.observedEvents(), PlotText.setting(DISPLAY.phi(), new double[] {config.sqrtS()})), r.surrogate(),
                r.posterior(), r.grid(), r.density(), r.exactDensity(), r.hiddenTheta());
    }

    /** The robot-physicist demo's posterior after its last round, beside the exact one of the same events. */
    public static PosteriorPlot1D of(LoopDemoResult r) {
        LoopDemoResult.Round last = r.last();
        int events = r.rounds().stream().mapToInt(LoopDemoResult.Round::events).sum();
        return of(String.format(Locale.ROOT, "Posterior of %s after %d designed experiments (%d events)", THETA_LABEL,
                r.rounds().size(), events), r.surrogate(), last.posterior(), r.grid(), r.density(), r.exactDensity(),
                r.hiddenTheta());
    }

    private static PosteriorPlot1D of(String title, String surrogate, PosteriorSummary posterior, double[] grid,
            double[] density, double[] exactDensity, double hidden) {
        String name = posterior.parameters().get(0);
        CredibleInterval c68 = posterior.interval(name, 0.68);
        return new PosteriorPlot1D(title, THETA_LABEL, List.of(new Curve("posterior, " + PlotText.likelihood(surrogate), grid,
                density), new Curve("posterior, reference: " + PlotText.likelihood("exact"), grid, exactDensity)),
                CredibleRegion.preferred(grid, density, c68).clippedTo(grid[0], grid[grid.length - 1]), hidden);
    }
}
