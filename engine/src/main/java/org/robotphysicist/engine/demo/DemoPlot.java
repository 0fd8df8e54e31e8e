package org.robotphysicist.engine.demo;

import java.util.List;
import java.util.Locale;
import org.robotphysicist.data.DisplayNames;
import org.robotphysicist.data.simulator.WeinbergLoSimulator;
import org.robotphysicist.engine.plot.Curve;
import org.robotphysicist.engine.plot.PlotText;
import org.robotphysicist.engine.plot.PosteriorPlot1D;
import org.robotphysicist.engine.posterior.CredibleInterval;

/** The demo's picture: surrogate and exact posteriors, the surrogate's 68% interval, the hidden value. */
public final class DemoPlot {
    private DemoPlot() {
    }

    public static PosteriorPlot1D of(DemoResult r, DemoConfig config) {
        String name = r.posterior().parameters().get(0);
        CredibleInterval c68 = r.posterior().interval(name, 0.68);
        DisplayNames display = new WeinbergLoSimulator().displayNames();
        String label = display.thetaLabels().get(0);
        return new PosteriorPlot1D(String.format(Locale.ROOT, "Posterior of %s from %d events at %s", label,
                r.observedEvents(), PlotText.setting(display.phi(), new double[] {config.sqrtS()})), label,
                List.of(new Curve("posterior, " + PlotText.likelihood(r.surrogate()), r.grid(), r.density()),
                        new Curve("posterior, reference: " + PlotText.likelihood("exact"), r.grid(),
                                r.exactDensity())),
                new PosteriorPlot1D.CredibleBand(0.68, c68.lower(), c68.upper()), r.hiddenTheta());
    }
}
